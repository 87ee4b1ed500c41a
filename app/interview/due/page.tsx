import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { DrillRunner } from '@/components/interview/drill-runner';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { currentViewer } from '@/lib/auth/session';
import { DRILL_DUE_BATCH, drillOverview } from '@/lib/data/interview';
import '../../quiz/quiz.css';
import '../interview.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('interview');
  return { title: t('meta.dueTitle') };
}
export const dynamic = 'force-dynamic';

export default async function DueDrillPage() {
  const t = await getTranslations('interview');
  const overview = await drillOverview(await currentViewer());
  return (
    <>
      <Breadcrumbs trail={[{ href: '/interview', label: t('name') }]} current={t('due.crumb')} />
      <h1 className="page-title">{t('meta.dueTitle')}</h1>
      {overview.dueNow > 0 ? (
        <>
          <p className="lead">{t('due.lead', { count: DRILL_DUE_BATCH })}</p>
          <DrillRunner mode={{ kind: 'due' }} title={t('due.runnerTitle')} available={Math.min(overview.dueNow, DRILL_DUE_BATCH)} />
        </>
      ) : (
        <section className="card quiz-intro">
          <h2>{t('due.nothingTitle')}</h2>
          <p>{t.rich('due.nothingText', { link: (chunks) => <Link href="/interview/mock">{chunks}</Link> })}</p>
        </section>
      )}
    </>
  );
}
