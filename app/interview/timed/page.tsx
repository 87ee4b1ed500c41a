import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { MockRunner } from '@/components/interview/mock-runner';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { currentViewer } from '@/lib/auth/session';
import { recentMocks } from '@/lib/data/mock-interview';
import '../../quiz/quiz.css';
import '../interview.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('interview');
  return { title: t('timed.meta.title'), description: t('timed.meta.description') };
}
export const dynamic = 'force-dynamic';

export default async function TimedMockPage() {
  const t = await getTranslations('interview');
  const format = await getFormatter();
  const past = await recentMocks(await currentViewer(), 3);
  return (
    <>
      <Breadcrumbs trail={[{ href: '/interview', label: t('name') }]} current={t('timed.meta.title')} />
      <h1 className="page-title">{t('timed.meta.title')}</h1>
      <p className="lead">{t('timed.lead')}</p>
      <MockRunner />
      {past.length ? (
        <section className="mock-past" aria-labelledby="mock-past">
          <h2 id="mock-past">{t('timed.past.title')}</h2>
          <ul>
            {past.map((m) => (
              <li key={m.id}>
                {t('timed.past.row', {
                  date: format.dateTime(m.finishedAt, { dateStyle: 'medium' }),
                  size: m.size,
                  score: m.score,
                  verdict: m.verdict === 'ready' ? t('timed.report.verdict.ready') : m.verdict === 'almost' ? t('timed.report.verdict.almost') : t('timed.report.verdict.notYet'),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
