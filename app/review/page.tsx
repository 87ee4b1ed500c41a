import type { Metadata } from 'next';
import Link from 'next/link';
import { QuizRunner } from '@/components/quiz/quiz-runner';
import { currentViewer } from '@/lib/auth/session';
import { loadCatalog } from '@/lib/content/catalog';
import { REVIEW_BATCH, reviewStats } from '@/lib/data/review';
import '../quiz/quiz.css';

export const metadata: Metadata = { title: 'Review', description: 'Spaced review of the questions you have answered, scheduled with FSRS.' };
export const dynamic = 'force-dynamic';

function when(date: Date, now: Date): string {
  const minutes = Math.round((date.getTime() - now.getTime()) / 60_000);
  if (minutes < 60) return `in ${Math.max(1, minutes)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `in ${hours} h`;
  return `on ${date.toISOString().slice(0, 10)}`;
}

export default async function ReviewPage() {
  const viewer = await currentViewer();
  const now = new Date();
  const stats = viewer ? await reviewStats(viewer, now) : null;
  const titles = new Map<string, string>(loadCatalog().map((t) => [t.id, t.title]));
  return (
    <>
      <h1 className="page-title">Review</h1>
      <p className="lead">
        Every question you answer comes back on a spaced-repetition schedule (FSRS): sooner after a wrong answer or a “hard”, later after each right one. Failed lab runs add the related
        concept cards.
      </p>
      <dl className="stat-row" aria-label="Today">
        <div className="stat">
          <dt>Due now</dt>
          <dd>{stats?.dueNow ?? 0}</dd>
        </div>
        <div className="stat">
          <dt>Due today</dt>
          <dd>{stats?.dueToday ?? 0}</dd>
        </div>
        <div className="stat">
          <dt>Reviewed today</dt>
          <dd>{stats?.reviewedToday ?? 0}</dd>
        </div>
        <div className="stat">
          <dt>Cards in total</dt>
          <dd>{stats?.total ?? 0}</dd>
        </div>
      </dl>
      {stats && stats.dueNow > 0 ? (
        <>
          <p className="muted">
            Due by topic:{' '}
            {Object.entries(stats.dueByTopic)
              .map(([t, n]) => `${titles.get(t) ?? t} ${n}`)
              .join(' · ')}
            . A session serves up to {REVIEW_BATCH} cards, most overdue first.
          </p>
          <QuizRunner mode={{ kind: 'review' }} title="Review" available={Math.min(stats.dueNow, REVIEW_BATCH)} />
        </>
      ) : (
        <section className="card quiz-intro" aria-labelledby="none-due">
          <h2 id="none-due">{stats && stats.total > 0 ? 'All caught up' : 'No review cards yet'}</h2>
          <p>
            {stats && stats.total > 0
              ? `Nothing is due right now.${stats.nextDue ? ` The next card is due ${when(stats.nextDue, now)}.` : ''}`
              : 'Answer some quiz questions: each one becomes a card here.'}
          </p>
          <p className="quiz-actions">
            <Link className="button" href="/quiz">
              Take a quiz
            </Link>
            <Link className="button secondary" href="/progress">
              See your progress
            </Link>
          </p>
        </section>
      )}
    </>
  );
}
