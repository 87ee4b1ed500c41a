import { useTranslations } from 'next-intl';

/** The skeleton shown while a page of an area that fetches data loads (each area's loading.tsx re-exports it). */
export default function PageLoading() {
  const t = useTranslations('errors');
  return (
    <div role="status" aria-live="polite" aria-label={t('page.loading')}>
      <div className="skeleton" style={{ width: '40%', height: '2rem' }} />
      <div className="skeleton" />
      <div className="skeleton" style={{ width: '85%' }} />
      <div className="skeleton" style={{ width: '70%' }} />
    </div>
  );
}
