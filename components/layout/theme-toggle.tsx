'use client';

import { useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';

type Theme = 'light' | 'dark';

function subscribe(onChange: () => void) {
  window.addEventListener('themechange', onChange);
  return () => window.removeEventListener('themechange', onChange);
}
const readTheme = (): Theme => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
const serverTheme = (): Theme | null => null;

/** Switches light/dark; the choice is remembered in localStorage and applied before paint by THEME_SCRIPT. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, readTheme, serverTheme);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  const t = useTranslations('theme');
  const label = next === 'dark' ? t('toDark') : t('toLight');
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-label={label}
      title={label}
      onClick={() => {
        document.documentElement.dataset.theme = next;
        try {
          localStorage.setItem('theme', next);
        } catch {
          /* private mode: the choice lasts for this page only */
        }
        window.dispatchEvent(new CustomEvent('themechange', { detail: next }));
      }}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}

/** Runs before first paint: stored choice, else the system preference. */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem('theme');if(t!=='light'&&t!=='dark'){t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}document.documentElement.dataset.theme=t}catch(e){document.documentElement.dataset.theme='light'}})();`;
