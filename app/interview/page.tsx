import type { Metadata } from 'next';
import Link from 'next/link';
import { currentViewer } from '@/lib/auth/session';
import { drillOverview } from '@/lib/data/interview';
import { loadDeck } from '@/lib/interview/deck';
import '../quiz/quiz.css';
import './interview.css';

export const metadata: Metadata = {
  title: 'Interview drill',
  description: 'Practise the spoken answer: a question, a timer, the outline of a strong answer to tick, follow-ups and traps, and mock interviews with a report.',
};
export const dynamic = 'force-dynamic';

export default async function InterviewIndexPage() {
  const viewer = await currentViewer();
  const overview = await drillOverview(viewer);
  const deck = loadDeck();
  return (
    <>
      <h1 className="page-title">Interview drill</h1>
      <p className="lead">
        Interviewers ask “walk me through Raft” and “compare X and Y”, and expect two minutes of clear speech. Here you answer aloud against a timer, then tick the points of a strong answer you
        actually made; what you missed comes back on your review schedule.
      </p>
      <dl className="stat-row" aria-label="Your drill">
        <div className="stat">
          <dt>Questions</dt>
          <dd>{overview.total}</dd>
        </div>
        <div className="stat">
          <dt>Practised</dt>
          <dd>{overview.practised}</dd>
        </div>
        <div className="stat">
          <dt>Due now</dt>
          <dd>{overview.dueNow}</dd>
        </div>
      </dl>
      <section className="card quiz-mixed-card" aria-labelledby="mock">
        <div>
          <h2 id="mock">Mock interview</h2>
          <p>
            3, 5 or 8 questions from different topics, weakest and unseen first, then a report of the points you missed and the lessons to revisit.
            {overview.lastReport ? (
              <>
                {' '}
                Last {overview.lastReport.kind === 'mock' ? 'mock interview' : 'drill'}: {overview.lastReport.percent}% of the points.
              </>
            ) : null}
          </p>
        </div>
        <p className="quiz-actions">
          <Link className="button" href="/interview/mock">
            Start a mock interview
          </Link>
          {overview.dueNow > 0 ? (
            <Link className="button secondary" href="/interview/due">
              Drill the {overview.dueNow} due
            </Link>
          ) : null}
        </p>
      </section>
      <h2 id="by-topic">By topic</h2>
      <ul className="topic-grid" aria-labelledby="by-topic">
        {overview.topics.map((t) => (
          <li key={t.id}>
            <article className="card quiz-topic-card drill-topic-card">
              <h3>
                <Link className="card-link" href={`/interview/${t.id}`}>
                  {t.title}
                </Link>{' '}
                <span className="muted small" lang="zh-CN">
                  {t.titleZh}
                </span>
              </h3>
              <p>
                {t.cards} question{t.cards === 1 ? '' : 's'}
                {t.practised > 0 ? ` · ${t.practised} practised · ${t.percent}% of points last time` : ''}
                {t.due > 0 ? ` · ${t.due} due` : ''}
              </p>
              <details>
                <summary>The questions</summary>
                <ul className="drill-card-titles">
                  {deck.cards
                    .filter((c) => c.topic === t.id)
                    .map((c) => (
                      <li key={c.id}>{c.title}</li>
                    ))}
                </ul>
              </details>
            </article>
          </li>
        ))}
      </ul>
      {overview.topics.length === 0 ? <p className="muted">The interview answers are being written.</p> : null}
    </>
  );
}
