import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { setLocaleAction } from '@/app/_actions/locale';
import { LOCALES } from '@/lib/i18n/locale';

/**
 * Two buttons, English and 中文, in a form that works without JavaScript; the current one is marked.
 * The header's switch names itself; the progress page's setting is named by its heading (`labelledBy`).
 */
export async function LanguageSwitch({ labelledBy, prefix }: { labelledBy?: string; prefix?: ReactNode } = {}) {
  const locale = await getLocale();
  const t = await getTranslations('language');
  return (
    <form action={setLocaleAction} className="language-switch" {...(labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': t('label') })}>
      {prefix}
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          className={l === locale ? 'active' : ''}
          aria-pressed={l === locale}
          aria-label={t('switchTo', { name: t(l) })}
        >
          {t(l)}
        </button>
      ))}
    </form>
  );
}
