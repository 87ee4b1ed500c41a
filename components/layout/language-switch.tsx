import { getLocale, getTranslations } from 'next-intl/server';
import { setLocaleAction } from '@/app/_actions/locale';
import { LOCALES } from '@/lib/i18n/locale';

/** Two buttons, English and 中文, in a form that works without JavaScript; the current one is marked. */
export async function LanguageSwitch() {
  const locale = await getLocale();
  const t = await getTranslations('language');
  return (
    <form action={setLocaleAction} className="language-switch" aria-label={t('label')}>
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
