'use client';

import { useEffect } from 'react';
import { useTranslations } from 'next-intl';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="status-page" aria-labelledby="err-title" role="alert">
      <h1 id="err-title">{t('page.error.title')}</h1>
      <p className="muted">{t('page.error.body')}</p>
      {error.digest ? (
        <p>
          {t('page.error.reference')} <code>{error.digest}</code>
        </p>
      ) : null}
      <p>
        <button type="button" className="button" onClick={() => reset()}>
          {t('page.error.retry')}
        </button>
      </p>
    </section>
  );
}
