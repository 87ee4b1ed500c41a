'use server';

import { revalidatePath } from 'next/cache';
import { currentViewer, setAppCookie } from '@/lib/auth/session';
import { setAccountLocale } from '@/lib/data/accounts';
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_DAYS } from '@/lib/i18n/locale';

/**
 * The language switch's form action: remembers the choice in a cookie, saves it to the account when
 * the learner has one (so signing in elsewhere brings it along), and re-renders every page.
 */
export async function setLocaleAction(form: FormData): Promise<void> {
  const locale = form.get('locale');
  if (!isLocale(locale)) return; // a forged value changes nothing
  await setAppCookie(LOCALE_COOKIE, locale, LOCALE_COOKIE_DAYS * 86_400);
  const viewer = await currentViewer();
  if (viewer && !viewer.isGuest) {
    // The cookie already holds the choice: a database that cannot write right now must not lose it.
    await setAccountLocale(viewer, locale).catch((error: unknown) => console.error(error));
  }
  revalidatePath('/', 'layout');
}
