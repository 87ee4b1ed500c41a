import type { Metadata } from 'next';
import Link from 'next/link';
import { ActivityCalendar } from '@/components/progress/activity-calendar';
import { DeleteAccount } from '@/components/account/delete-account';
import { currentViewer } from '@/lib/auth/session';
import { getProgress } from '@/lib/data/progress';
import '../quiz/quiz.css';

export const metadata: Metadata = { title: 'Progress' };
export const dynamic = 'force-dynamic';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

export default async function ProgressPage() {
  const viewer = await currentViewer();
  if (!viewer) {
    return (
      <>
        <h1 className="page-title">Progress</h1>
        <section className="card quiz-intro">
          <h2>Nothing here yet</h2>
          <p>Open a lesson or answer a quiz question and your progress is kept in this browser, no account needed. Sign up later to keep it across devices.</p>
          <p className="quiz-actions">
            <Link className="button" href="/">
              Browse the topics
            </Link>
            <Link className="button secondary" href="/quiz">
              Take a quiz
            </Link>
            <Link className="button secondary" href="/login">
              Sign in
            </Link>
          </p>
        </section>
      </>
    );
  }
  const p = await getProgress(viewer);
  const name = viewer.isGuest ? null : (viewer.displayName ?? viewer.username ?? viewer.email);
  return (
    <>
      <h1 className="page-title">Progress</h1>
      <p className="lead">
        {name ? (
          <>
            Signed in as <strong>{name}</strong>.
          </>
        ) : (
          <>
            You are studying as a guest: progress is kept in this browser. <Link href="/signup">Create an account</Link> to keep it everywhere.
          </>
        )}
      </p>

      <div className="progress-top">
        <section className="card continue-card" aria-labelledby="continue">
          <h2 id="continue">Continue where you left off</h2>
          {p.continueLesson ? (
            <p>
              Last opened: <Link href={p.continueLesson.href}>{p.continueLesson.title}</Link> <span className="muted">({p.continueLesson.topicTitle}{p.continueLesson.read ? ', read' : ''})</span>
            </p>
          ) : (
            <p className="muted">You have not opened a lesson yet.</p>
          )}
          {p.nextLesson ? (
            <p>
              Next unread: <Link href={p.nextLesson.href}>{p.nextLesson.title}</Link> <span className="muted">({p.nextLesson.topicTitle})</span>
            </p>
          ) : null}
          <p className="quiz-actions">
            {p.review.dueNow > 0 ? (
              <Link className="button" href="/review">
                Review {p.review.dueNow} due {p.review.dueNow === 1 ? 'card' : 'cards'}
              </Link>
            ) : null}
            <Link className={p.review.dueNow > 0 ? 'button secondary' : 'button'} href="/quiz/mixed">
              Mixed quiz
            </Link>
          </p>
        </section>
        <dl className="stat-row" aria-label="Totals">
          <div className="stat">
            <dt>Streak</dt>
            <dd>
              {p.streak.current} {p.streak.current === 1 ? 'day' : 'days'}
            </dd>
          </div>
          <div className="stat">
            <dt>Longest</dt>
            <dd>{p.streak.longest}</dd>
          </div>
          <div className="stat">
            <dt>Answers</dt>
            <dd>{p.totals.answered}</dd>
          </div>
          <div className="stat">
            <dt>Accuracy</dt>
            <dd>{pct(p.totals.answered ? p.totals.correct / p.totals.answered : null)}</dd>
          </div>
          <div className="stat">
            <dt>Lessons read</dt>
            <dd>{p.totals.lessonsRead}</dd>
          </div>
          <div className="stat">
            <dt>Cards due</dt>
            <dd>{p.review.dueNow}</dd>
          </div>
        </dl>
      </div>

      <h2 id="activity">Activity</h2>
      <ActivityCalendar weeks={p.calendar} streak={p.streak} activeDays={p.totals.activeDays} />

      <h2 id="topics">By topic</h2>
      <div className="table-scroll">
        <table className="progress-table" aria-labelledby="topics">
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Lessons read</th>
              <th scope="col">Quiz accuracy</th>
              <th scope="col">Cards due</th>
              <th scope="col">Labs solved</th>
            </tr>
          </thead>
          <tbody>
            {p.topics.map((t) => (
              <tr key={t.id}>
                <th scope="row">
                  <Link href={`/learn/${t.id}`}>{t.title}</Link>
                </th>
                <td>
                  <span className="meter" aria-hidden="true">
                    <span style={{ width: t.lessonsTotal ? `${(100 * t.lessonsRead) / t.lessonsTotal}%` : '0%' }} />
                  </span>
                  {t.lessonsRead} / {t.lessonsTotal}
                </td>
                <td>
                  {t.answered ? (
                    <>
                      {pct(t.accuracy)} <span className="muted">of {t.answered}</span>
                    </>
                  ) : t.questions ? (
                    <Link href={`/quiz/${t.id}`}>Take the quiz</Link>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
                <td>{t.cardsDue ? <Link href="/review">{t.cardsDue}</Link> : <span className="muted">0</span>}</td>
                <td>{t.labsTotal ? `${t.labsSolved} / ${t.labsTotal}` : <span className="muted">–</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="your-data">Your data</h2>
      <div className="data-actions">
        <section className="card">
          <h3>Export</h3>
          <p>Everything stored about you (lessons, answers, review cards, lab drafts and submissions, activity) as one JSON file.</p>
          <a className="button secondary" href="/progress/export" download>
            Download my data (JSON)
          </a>
        </section>
        <section className="card">
          <h3>Delete {viewer.isGuest ? 'my progress' : 'my account'}</h3>
          <p>Removes {viewer.isGuest ? 'this guest profile' : 'your account'} and all of its data for good. This cannot be undone.</p>
          <DeleteAccount guest={viewer.isGuest} />
        </section>
      </div>
    </>
  );
}
