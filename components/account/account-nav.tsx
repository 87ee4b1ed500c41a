'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState, useTransition } from 'react';
import { signOutAction } from '@/app/_actions/account';
import './account.css';

type Me = { signedIn: boolean; guest: boolean; name: string | null };

/**
 * The header's account links. Fetched on the client from /api/me so the header (in the root layout)
 * does not read cookies on the server, which would make every lesson page dynamic.
 */
export function AccountNav() {
  const t = useTranslations('account');
  const [me, setMe] = useState<Me | null>(null);
  const [pending, startTransition] = useTransition();
  const pathname = usePathname();
  const router = useRouter();

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      fetch('/api/me', { cache: 'no-store' })
        .then((r) => (r.ok ? (r.json() as Promise<Me>) : null))
        .then((m) => !cancelled && m && setMe(m))
        .catch(() => undefined);
    load();
    window.addEventListener('accountchange', load);
    return () => {
      cancelled = true;
      window.removeEventListener('accountchange', load);
    };
  }, [pathname]);

  if (!me) return <span className="account-nav" aria-hidden="true" />;
  if (me.signedIn) {
    return (
      <div className="account-nav">
        <span className="account-name" title={t('nav.signedInAs', { name: me.name ?? '' })}>
          {me.name}
        </span>
        <button
          type="button"
          className="link-button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await signOutAction();
              setMe({ signedIn: false, guest: false, name: null });
              router.push('/');
              router.refresh();
            })
          }
        >
          {t('nav.signOut')}
        </button>
      </div>
    );
  }
  const next = pathname && !['/login', '/signup'].includes(pathname) ? `?next=${encodeURIComponent(pathname)}` : '';
  return (
    <div className="account-nav">
      <Link href={`/login${next}`}>{t('nav.signIn')}</Link>
      <Link className="button small" href={`/signup${next}`}>
        {t('nav.signUp')}
      </Link>
    </div>
  );
}
