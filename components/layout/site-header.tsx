import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AccountNav } from '@/components/account/account-nav';
import { LanguageSwitch } from './language-switch';
import { ThemeToggle } from './theme-toggle';

const NAV = [
  { href: '/', key: 'topics' },
  { href: '/labs', key: 'labs' },
  { href: '/quiz', key: 'quiz' },
  { href: '/interview', key: 'interview' },
  { href: '/review', key: 'review' },
  { href: '/progress', key: 'progress' },
  { href: '/glossary', key: 'glossary' },
] as const;

export async function SiteHeader() {
  const t = await getTranslations('nav');
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        {t('skip')}
      </a>
      <div className="site-header-inner">
        <Link href="/" className="brand" aria-label={t('home')}>
          <span className="brand-mark" aria-hidden="true">◈</span> Dist-Sys Dojo
        </Link>
        <nav aria-label={t('main')}>
          <ul className="nav-list">
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href}>{t(item.key)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <AccountNav />
        <LanguageSwitch />
        <ThemeToggle />
      </div>
    </header>
  );
}
