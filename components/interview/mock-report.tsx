'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { Markdown } from '@/components/quiz/markdown';
import type { MockReport } from '@/lib/data/mock-interview';
import { WEAK_TOPIC_SCORE } from '@/lib/interview/mock';
import { clock } from './drill-runner';

/** The readiness report of a timed mock interview: verdict, score, time, per-topic scores with practice links, every item. */
export function MockReportView({ report, onAgain }: { report: MockReport; onAgain?: () => void }) {
  const t = useTranslations('interview');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const verdict = report.verdict === 'ready' ? t('timed.report.verdict.ready') : report.verdict === 'almost' ? t('timed.report.verdict.almost') : t('timed.report.verdict.notYet');
  const verdictHint = report.verdict === 'ready' ? t('timed.report.verdictHint.ready') : report.verdict === 'almost' ? t('timed.report.verdictHint.almost') : t('timed.report.verdictHint.notYet');
  const ended = report.endedBy === 'time' ? t('timed.report.ended.time') : report.endedBy === 'answered' ? t('timed.report.ended.answered') : t('timed.report.ended.early');
  const weakest = report.topics.filter((x) => report.weakest.includes(x.topic));
  return (
    <section className="card mock-report" aria-labelledby="mock-report-title">
      <h2 id="mock-report-title" tabIndex={-1} ref={headingRef}>
        {t('timed.report.title')}
      </h2>
      <div className={`mock-verdict mock-verdict-${report.verdict}`}>
        <p className="mock-verdict-word">{verdict}</p>
        <p>{verdictHint}</p>
      </div>
      <dl className="stat-row mock-stats">
        <div className="stat">
          <dt>{t('timed.report.score')}</dt>
          <dd>{report.score}</dd>
        </div>
        <div className="stat">
          <dt>{t('timed.report.answered')}</dt>
          <dd>
            {report.answered} / {report.size}
          </dd>
        </div>
        <div className="stat">
          <dt>{t('timed.report.time')}</dt>
          <dd>
            {clock(report.secondsUsed)} <span className="muted small">/ {clock(report.durationSeconds)}</span>
          </dd>
        </div>
      </dl>
      <p className="muted">{ended}</p>

      {weakest.length ? (
        <>
          <h3>{t('timed.report.weakest')}</h3>
          <ul className="mock-weakest">
            {weakest.map((x) => (
              <li key={x.topic}>
                <strong>{x.title}</strong> <span className="muted">{t('timed.report.topicScore', { score: x.score, answered: x.answered, items: x.items })}</span>
                <span className="mock-links">
                  <Link href={x.lesson}>{t('timed.report.links.lesson')}</Link>
                  <Link href={x.quiz}>{t('timed.report.links.quiz')}</Link>
                  {x.drill ? <Link href={x.drill}>{t('timed.report.links.drill')}</Link> : null}
                  {x.lab ? <Link href={x.lab}>{t('timed.report.links.lab')}</Link> : null}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3 id="mock-by-topic">{t('timed.report.byTopic')}</h3>
      <ul className="drill-topic-bars" aria-labelledby="mock-by-topic">
        {report.topics.map((x) => (
          <li key={x.topic}>
            <Link href={x.lesson}>{x.title}</Link>
            <span className="bar" role="img" aria-label={t('timed.report.topicScore', { score: x.score, answered: x.answered, items: x.items })}>
              <span className={x.score < WEAK_TOPIC_SCORE ? 'weak' : ''} style={{ width: `${Math.max(2, x.score)}%` }} />
            </span>
            <span className="small">{x.score}</span>
          </li>
        ))}
      </ul>

      <details className="mock-items">
        <summary>{t('timed.report.items', { count: report.items.length })}</summary>
        <ol className="drill-report-items">
          {report.items.map((i) => (
            <li key={`${i.kind}-${i.id}`} className={i.score === null || i.score < WEAK_TOPIC_SCORE ? 'weak' : ''}>
              <span className="drill-report-head">
                <span className="small muted">{i.score === null ? t('timed.report.notAnswered') : t('timed.report.itemScore', { score: i.score })}</span>
                <span className="summary-prompt">
                  <Markdown text={i.prompt} inline />
                </span>
              </span>{' '}
              <Link className="small" href={i.lesson.href}>
                {i.lesson.section ? `${i.lesson.title} › ${i.lesson.section}` : i.lesson.title}
              </Link>
            </li>
          ))}
        </ol>
      </details>

      <p className="quiz-actions">
        {onAgain ? (
          <button type="button" className="button" onClick={onAgain}>
            {t('timed.report.again')}
          </button>
        ) : null}
        <Link className="button secondary" href="/progress#weak-spots">
          {t('timed.report.weakSpots')}
        </Link>
        <Link className="button secondary" href="/interview">
          {t('timed.report.back')}
        </Link>
      </p>
    </section>
  );
}
