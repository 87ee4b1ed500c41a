import 'server-only';
import { RateLimitedError } from '@/lib/data/accounts';
import { InputError, isStorageUnavailable, NotFoundError, STORAGE_UNAVAILABLE_MESSAGE } from '@/lib/data/errors';
import { illFormedStringPath } from '@/lib/text';
import { PasswordCheckBusyError } from '@/lib/auth/password';

/** What every server action returns: data, or an error message (and per-field messages for forms). */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fields?: Record<string, string> };

/**
 * Runs an action body and turns expected failures into messages; unexpected ones are logged, never
 * leaked. `args` are the action's arguments as the client sent them: a string in them holding a
 * lone UTF-16 surrogate (which the database cannot store) is refused before anything runs.
 */
export async function run<T>(body: () => Promise<T>, args: readonly unknown[] = []): Promise<ActionResult<T>> {
  const broken = illFormedStringPath(args);
  if (broken !== null) return { ok: false, error: 'The text holds a character that cannot be stored (a lone UTF-16 surrogate): remove it and try again.' };
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, error: error.message, fields: error.fields };
    if (error instanceof NotFoundError) return { ok: false, error: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}. It may have been deleted, or it belongs to another learner.` };
    if (error instanceof RateLimitedError || error instanceof PasswordCheckBusyError) return { ok: false, error: error.message };
    // Next's redirect()/notFound() are thrown too: let them through.
    if (error && typeof error === 'object' && 'digest' in error && typeof error.digest === 'string' && error.digest.startsWith('NEXT_')) throw error;
    console.error(error);
    if (isStorageUnavailable(error)) return { ok: false, error: STORAGE_UNAVAILABLE_MESSAGE };
    return { ok: false, error: 'Something went wrong on our side and nothing was saved. Please try again.' };
  }
}
