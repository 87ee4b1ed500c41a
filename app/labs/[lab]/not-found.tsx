import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function LabNotFound() {
  const t = await getTranslations('labs');
  return (
    <section className="status-page" aria-labelledby="nf-title">
      <h1 id="nf-title">{t('notFound.title')}</h1>
      <p className="muted">{t('notFound.body')}</p>
      <p>
        <Link className="button" href="/labs">
          {t('notFound.browse')}
        </Link>
      </p>
    </section>
  );
}
