import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { currentViewer } from '@/lib/auth/session';
import { drillOverview, localizeCard } from '@/lib/data/interview';
import { recentMocks } from '@/lib/data/mock-interview';
import type { Locale } from '@/lib/i18n/locale';
import { loadDeck } from '@/lib/interview/deck';
import '../quiz/quiz.css';
import './interview.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('interview');
  return { title: t('name'), description: t('meta.description') };
}
export const dynamic = 'force-dynamic';

export default async function InterviewIndexPage() {
  const t = await getTranslations('interview');
  const locale = (await getLocale()) as Locale;
  const zh = locale === 'zh-CN';
  const viewer = await currentViewer();
  const overview = await drillOverview(viewer);
  const [lastTimed] = await recentMocks(viewer, 1);
  const deck = loadDeck();
  return (
    <>
      <h1 className="page-title">{t('name')}</h1>
      <p className="lead">{t('index.lead')}</p>
      <dl className="stat-row" aria-label={t('index.statsLabel')}>
        <div className="stat">
          <dt>{t('index.questions')}</dt>
          <dd>{overview.total}</dd>
        </div>
        <div className="stat">
          <dt>{t('index.practised')}</dt>
          <dd>{overview.practised}</dd>
        </div>
        <div className="stat">
          <dt>{t('index.dueNow')}</dt>
          <dd>{overview.dueNow}</dd>
        </div>
      </dl>
      <section className="card quiz-mixed-card timed-mock-card" aria-labelledby="timed-mock">
        <div>
          <h2 id="timed-mock">{t('timed.index.heading')}</h2>
          <p>
            {t('timed.index.text')}
            {lastTimed ? (
              <>
                {zh ? '' : ' '}
                {t('timed.index.last', {
                  score: lastTimed.score,
                  verdict: lastTimed.verdict === 'ready' ? t('timed.report.verdict.ready') : lastTimed.verdict === 'almost' ? t('timed.report.verdict.almost') : t('timed.report.verdict.notYet'),
                })}
              </>
            ) : null}
          </p>
        </div>
        <p className="quiz-actions">
          <Link className="button" href="/interview/timed">
            {t('timed.index.start')}
          </Link>
        </p>
      </section>
      <section className="card quiz-mixed-card" aria-labelledby="mock">
        <div>
          <h2 id="mock">{t('index.mockHeading')}</h2>
          <p>
            {t('index.mockText')}
            {overview.lastReport ? (
              <>
                {zh ? '' : ' '}
                {overview.lastReport.kind === 'mock' ? t('index.lastMock', { percent: overview.lastReport.percent }) : t('index.lastDrill', { percent: overview.lastReport.percent })}
              </>
            ) : null}
          </p>
        </div>
        <p className="quiz-actions">
          <Link className="button" href="/interview/mock">
            {t('index.startMock')}
          </Link>
          {overview.dueNow > 0 ? (
            <Link className="button secondary" href="/interview/due">
              {t('index.drillDue', { count: overview.dueNow })}
            </Link>
          ) : null}
        </p>
      </section>
      <h2 id="by-topic">{t('index.byTopic')}</h2>
      <ul className="topic-grid" aria-labelledby="by-topic">
        {overview.topics.map((topic) => (
          <li key={topic.id}>
            <article className="card quiz-topic-card drill-topic-card">
              <h3>
                <Link className="card-link" href={`/interview/${topic.id}`}>
                  {zh ? topic.titleZh || topic.title : topic.title}
                </Link>{' '}
                {/* The other language's title, as the topic pages show it. */}
                <span className="muted small" lang={zh ? 'en' : 'zh-CN'}>
                  {zh ? topic.title : topic.titleZh}
                </span>
              </h3>
              <p>
                {t('index.topicCards', { count: topic.cards })}
                {topic.practised > 0 ? t('index.topicPractised', { practised: topic.practised, percent: topic.percent ?? 0 }) : ''}
                {topic.due > 0 ? t('index.topicDue', { count: topic.due }) : ''}
              </p>
              <details>
                <summary>{t('index.theQuestions')}</summary>
                <ul className="drill-card-titles">
                  {deck.cards
                    .filter((c) => c.topic === topic.id)
                    .map((c) => (
                      <li key={c.id}>{localizeCard(c, locale).title}</li>
                    ))}
                </ul>
              </details>
            </article>
          </li>
        ))}
      </ul>
      {overview.topics.length === 0 ? <p className="muted">{t('index.beingWritten')}</p> : null}
    </>
  );
}
