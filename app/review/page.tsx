import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { MistakesEntry } from '@/components/mistakes/mistakes-entry';
import { QuizRunner } from '@/components/quiz/quiz-runner';
import { currentViewer } from '@/lib/auth/session';
import { loadCatalog } from '@/lib/content/catalog';
import { REVIEW_BATCH, reviewStats } from '@/lib/data/review';
import '../quiz/quiz.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('review');
  return { title: t('metaTitle'), description: t('metaDescription') };
}
export const dynamic = 'force-dynamic';

export default async function ReviewPage() {
  const t = await getTranslations('review');
  const format = await getFormatter();
  const zh = (await getLocale()) === 'zh-CN';
  const viewer = await currentViewer();
  const now = new Date();
  const stats = viewer ? await reviewStats(viewer, now) : null;
  const titles = new Map<string, string>(loadCatalog().map((topic) => [topic.id, zh ? topic.titleZh : topic.title]));

  /** When the next card is due: relative within a day and a half, else the date. */
  const nextDue = (date: Date): string => {
    const minutes = Math.round((date.getTime() - now.getTime()) / 60_000);
    if (minutes < 60) return t('nextDueRelative', { when: format.relativeTime(new Date(now.getTime() + Math.max(1, minutes) * 60_000), { now, unit: 'minute' }) });
    const hours = Math.round(minutes / 60);
    if (hours < 36) return t('nextDueRelative', { when: format.relativeTime(new Date(now.getTime() + hours * 3_600_000), { now, unit: 'hour' }) });
    return t('nextDueDate', { date: format.dateTime(date, { dateStyle: 'medium' }) });
  };

  return (
    <>
      <h1 className="page-title">{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <MistakesEntry namespace="review" />
      <dl className="stat-row" aria-label={t('stats.label')}>
        <div className="stat">
          <dt>{t('stats.dueNow')}</dt>
          <dd>{format.number(stats?.dueNow ?? 0)}</dd>
        </div>
        <div className="stat">
          <dt>{t('stats.dueToday')}</dt>
          <dd>{format.number(stats?.dueToday ?? 0)}</dd>
        </div>
        <div className="stat">
          <dt>{t('stats.reviewedToday')}</dt>
          <dd>{format.number(stats?.reviewedToday ?? 0)}</dd>
        </div>
        <div className="stat">
          <dt>{t('stats.total')}</dt>
          <dd>{format.number(stats?.total ?? 0)}</dd>
        </div>
      </dl>
      {stats && stats.dueNow > 0 ? (
        <>
          <p className="muted">
            {t('dueByTopic', {
              list: Object.entries(stats.dueByTopic)
                .map(([topic, n]) => `${titles.get(topic) ?? topic} ${format.number(n)}`)
                .join(' · '),
              batch: REVIEW_BATCH,
            })}
          </p>
          <QuizRunner mode={{ kind: 'review' }} title={t('title')} available={Math.min(stats.dueNow, REVIEW_BATCH)} />
        </>
      ) : (
        <section className="card quiz-intro" aria-labelledby="none-due">
          <h2 id="none-due">{stats && stats.total > 0 ? t('caughtUp.title') : t('empty.title')}</h2>
          <p>{stats && stats.total > 0 ? `${t('caughtUp.body')}${stats.nextDue ? `${zh ? '' : ' '}${nextDue(stats.nextDue)}` : ''}` : t('empty.body')}</p>
          <p className="quiz-actions">
            <Link className="button" href="/quiz">
              {t('takeQuiz')}
            </Link>
            <Link className="button secondary" href="/progress">
              {t('progress')}
            </Link>
          </p>
        </section>
      )}
    </>
  );
}
