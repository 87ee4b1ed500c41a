import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AccountNav } from '@/components/account/account-nav';
import { SearchButton } from '@/components/search/search-button';
import { LanguageSwitch } from './language-switch';
import { NavMenu } from './nav-menu';
import { ThemeToggle } from './theme-toggle';

const NAV = [
  { href: '/', key: 'topics', tier: 'primary' },
  { href: '/labs', key: 'labs', tier: 'primary' },
  { href: '/quiz', key: 'quiz', tier: 'primary' },
  { href: '/interview', key: 'interview', tier: 'secondary' },
  { href: '/review', key: 'review', tier: 'primary' },
  { href: '/progress', key: 'progress', tier: 'primary' },
  { href: '/glossary', key: 'glossary', tier: 'secondary' },
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
          <span className="brand-mark" aria-hidden="true">◈</span> <span className="brand-name">Dist-Sys Dojo</span>
        </Link>
        <nav aria-label={t('main')} className="site-nav">
          <NavMenu items={NAV.map((item) => ({ href: item.href, label: t(item.key), tier: item.tier }))} menuLabel={t('menu')} moreLabel={t('more')} />
        </nav>
        <SearchButton />
        <AccountNav />
        <LanguageSwitch />
        <ThemeToggle />
      </div>
    </header>
  );
}
