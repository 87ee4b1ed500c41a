import 'server-only';
import { bearerAuth } from '@/lib/data/api-tokens';
import { msg } from '@/lib/i18n/translate';
import type { Viewer } from '@/lib/data/types';
import { HttpError } from './http';

/**
 * For the submission routes: the learner an `Authorization: Bearer` API token acts for, null when
 * the request has no such header (the route falls back to the session cookie). A token that is
 * unknown or revoked answers 401 with a message that says which, for the command-line client.
 */
export async function bearerViewer(request: Request): Promise<Viewer | null> {
  const check = await bearerAuth(request);
  if (check === null) return null;
  if (!check.ok) throw new HttpError(401, msg(check.reason === 'revoked' ? 'account.tokens.errors.revokedApi' : 'account.tokens.errors.unknownApi'), { 'WWW-Authenticate': 'Bearer' });
  return check.viewer;
}
