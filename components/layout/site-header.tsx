import Link from 'next/link';
import { AccountNav } from '@/components/account/account-nav';
import { ThemeToggle } from './theme-toggle';

const NAV = [
  { href: '/', label: 'Topics' },
  { href: '/labs', label: 'Labs' },
  { href: '/quiz', label: 'Quiz' },
  { href: '/interview', label: 'Interview' },
  { href: '/review', label: 'Review' },
  { href: '/progress', label: 'Progress' },
] as const;

export function SiteHeader() {
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <div className="site-header-inner">
        <Link href="/" className="brand" aria-label="Dist-Sys Dojo, home">
          <span className="brand-mark" aria-hidden="true">◈</span> Dist-Sys Dojo
        </Link>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <AccountNav />
        <ThemeToggle />
      </div>
    </header>
  );
}
