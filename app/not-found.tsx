import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('errors');
  return (
    <section className="status-page" aria-labelledby="nf-title">
      <p className="code" aria-hidden="true">
        404
      </p>
      <h1 id="nf-title">{t('page.notFound.title')}</h1>
      <p className="muted">{t('page.notFound.body')}</p>
      <p>
        <Link className="button" href="/">
          {t('page.notFound.home')}
        </Link>
      </p>
    </section>
  );
}
