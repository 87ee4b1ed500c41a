import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, resolveLocale } from './locale';
import { MESSAGES } from './messages';

/** next-intl's per-request configuration (without i18n routing: the locale comes from the cookie or Accept-Language). */
export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  return { locale, messages: MESSAGES[locale], timeZone: 'UTC' };
});
