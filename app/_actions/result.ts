import 'server-only';
import { getLocale } from 'next-intl/server';
import { InputError, isStorageUnavailable, UserFacingError } from '@/lib/data/errors';
import { isLocale, type Locale } from '@/lib/i18n/locale';
import { translate } from '@/lib/i18n/translate';
import { illFormedStringPath } from '@/lib/text';

/** What every server action returns: data, or an error message (and per-field messages for forms). */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fields?: Record<string, string> };

/**
 * Runs an action body and turns expected failures into messages; unexpected ones are logged, never
 * leaked. `args` are the action's arguments as the client sent them: a string in them holding a
 * lone UTF-16 surrogate (which the database cannot store) is refused before anything runs.
 */
export async function run<T>(body: () => Promise<T>, args: readonly unknown[] = []): Promise<ActionResult<T>> {
  const locale = await requestLocale();
  const broken = illFormedStringPath(args);
  if (broken !== null) return { ok: false, error: translate(locale, 'errors.loneSurrogate') };
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, error: error.localized(locale), fields: error.localizedFields(locale) };
    if (error instanceof UserFacingError) return { ok: false, error: error.localized(locale) };
    // Next's redirect()/notFound() are thrown too: let them through.
    if (error && typeof error === 'object' && 'digest' in error && typeof error.digest === 'string' && error.digest.startsWith('NEXT_')) throw error;
    console.error(error);
    if (isStorageUnavailable(error)) return { ok: false, error: translate(locale, 'errors.storageUnavailable') };
    return { ok: false, error: translate(locale, 'errors.unexpected') };
  }
}

/** The learner's language for messages (English if it cannot be read). */
export async function requestLocale(): Promise<Locale> {
  try {
    const locale = await getLocale();
    return isLocale(locale) ? locale : 'en';
  } catch {
    return 'en';
  }
}
