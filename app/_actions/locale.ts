'use server';

import { revalidatePath } from 'next/cache';
import { setAppCookie } from '@/lib/auth/session';
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_DAYS } from '@/lib/i18n/locale';

/** The language switch's form action: remembers the choice in a cookie and re-renders every page. */
export async function setLocaleAction(form: FormData): Promise<void> {
  const locale = form.get('locale');
  if (!isLocale(locale)) return; // a forged value changes nothing
  await setAppCookie(LOCALE_COOKIE, locale, LOCALE_COOKIE_DAYS * 86_400);
  revalidatePath('/', 'layout');
}
