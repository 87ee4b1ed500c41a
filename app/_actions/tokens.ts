'use server';

import { revalidatePath } from 'next/cache';
import { currentViewer } from '@/lib/auth/session';
import { createApiToken, listApiTokens, revokeApiToken, type ApiTokenView } from '@/lib/data/api-tokens';
import { UserFacingError } from '@/lib/data/errors';
import { msg } from '@/lib/i18n/translate';
import { run, type ActionResult } from './result';

async function signedIn() {
  const viewer = await currentViewer();
  if (!viewer) throw new UserFacingError(msg('account.tokens.errors.signedOut'));
  return viewer;
}

/** Creates an API token for the command line; the plain token is in this answer only. */
export async function createTokenAction(input: { name: string }): Promise<ActionResult<{ token: string; tokens: ApiTokenView[] }>> {
  return run(async () => {
    const viewer = await signedIn();
    const { token } = await createApiToken(viewer, input);
    revalidatePath('/progress');
    return { token, tokens: await listApiTokens(viewer) };
  }, [input]);
}

export async function revokeTokenAction(id: string): Promise<ActionResult<ApiTokenView[]>> {
  return run(async () => {
    const viewer = await signedIn();
    await revokeApiToken(viewer, id);
    revalidatePath('/progress');
    return listApiTokens(viewer);
  }, [id]);
}
