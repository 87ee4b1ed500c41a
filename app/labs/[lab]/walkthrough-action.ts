'use server';

import type { ReactNode } from 'react';
import { run, requestLocale, type ActionResult } from '@/app/_actions/result';
import { renderMdx } from '@/components/mdx/render';
import { currentViewer } from '@/lib/auth/session';
import { UserFacingError } from '@/lib/data/errors';
import { labIdParam } from '@/lib/labs/http';
import { msg } from '@/lib/i18n/translate';
import { compiledWalkthrough, walkthroughStatus } from '@/lib/labs/walkthrough';

/**
 * The lab's walkthrough, rendered on the server in the learner's language, for the workspace's
 * Walkthrough tab: only when this learner's unlock is recorded (checked here, on every call), so
 * the content never reaches a browser before that.
 */
export async function walkthroughAction(labId: string): Promise<ActionResult<ReactNode>> {
  return run(async () => {
    const id = labIdParam.safeParse(labId);
    if (!id.success) throw new UserFacingError(msg('labs.errors.unknownLab'));
    const status = await walkthroughStatus(await currentViewer(), id.data);
    if (!status) throw new UserFacingError(msg('labs.errors.unknownLab'));
    if (!status.unlock) throw new UserFacingError(msg('help.errors.locked', { left: Math.max(0, status.threshold - status.failedSubmissions) }));
    const code = await compiledWalkthrough(id.data, await requestLocale());
    if (code === null) throw new UserFacingError(msg('help.errors.noWalkthrough'));
    return renderMdx(code);
  }, [labId]);
}
