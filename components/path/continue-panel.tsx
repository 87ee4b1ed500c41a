import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { LearnerPath } from '@/lib/data/progress';

type LessonLink = { href: string; title: string; topic: string };

/** Home for a first-time visitor: the first lesson and the intro lab. */
export async function StartHere({ lesson, lab }: { lesson: LessonLink | null; lab: { href: string; title: string } | null }) {
  const t = await getTranslations('home');
  return (
    <section className="card path-panel" aria-labelledby="start-here" data-testid="start-here">
      <h2 id="start-here">{t('start.title')}</h2>
      <ol className="path-steps">
        {lesson ? (
          <li>
            <span className="path-label">{t('start.lesson')}</span>{' '}
            <Link className="button" href={lesson.href}>
              {lesson.title}
            </Link>{' '}
            <span className="muted">{lesson.topic}</span>
          </li>
        ) : null}
        {lab ? (
          <li>
            <span className="path-label">{t('start.lab')}</span>{' '}
            <Link className="button secondary" href={lab.href}>
              {lab.title}
            </Link>
          </li>
        ) : null}
      </ol>
      <p className="muted">
        <a href="#plan">{t('start.plan')}</a>
      </p>
    </section>
  );
}

/** Home for a returning learner: the next lesson, reviews due, the lab in progress, the streak and today's goal. */
export async function ContinuePanel({
  path,
  nextLesson,
  lab,
}: {
  path: LearnerPath;
  nextLesson: (LessonLink & { opened: boolean }) | null;
  lab: { href: string; title: string; attempts: number } | null;
}) {
  const t = await getTranslations('home');
  const { today, streak } = path;
  const goalPct = Math.min(100, Math.round((today.steps / today.goal) * 100));
  return (
    <section className="card path-panel" aria-labelledby="continue" data-testid="continue">
      <h2 id="continue">{t('continue.title')}</h2>
      <div className="path-grid">
        <div className="path-item">
          <span className="path-label">{nextLesson?.opened ? t('continue.resume') : t('continue.next')}</span>
          {nextLesson ? (
            <p>
              <Link className="button" href={nextLesson.href} data-testid="continue-lesson">
                {nextLesson.title}
              </Link>{' '}
              <span className="muted">{nextLesson.topic}</span>
            </p>
          ) : (
            <p>{t('continue.allRead')}</p>
          )}
        </div>
        <div className="path-item">
          <span className="path-label">{t('continue.reviews', { count: path.reviewsDue })}</span>
          {path.reviewsDue > 0 ? (
            <p>
              <Link className="button secondary" href="/review" data-testid="continue-review">
                {t('continue.reviewLink')}
              </Link>
            </p>
          ) : null}
        </div>
        <div className="path-item">
          <span className="path-label">{t('continue.lab')}</span>
          {lab ? (
            <p>
              <Link href={lab.href} data-testid="continue-lab">
                {lab.title}
              </Link>{' '}
              <span className="muted">{lab.attempts > 0 ? t('continue.labFailed', { count: lab.attempts }) : t('continue.labDraft')}</span>
            </p>
          ) : (
            <p className="muted">
              {t('continue.noLab')} <Link href="/labs">{t('continue.labsLink')}</Link>
            </p>
          )}
        </div>
        <div className="path-item" data-testid="daily-goal">
          <span className="path-label">
            {t('continue.streak', { count: streak.current })}
            {streak.longest > streak.current ? <span className="muted"> · {t('continue.longest', { count: streak.longest })}</span> : null}
          </span>
          <p>
            {t('continue.today', { steps: today.steps, goal: today.goal })}
            {today.steps >= today.goal ? <strong className="goal-met"> ✓ {t('continue.goalMet')}</strong> : null}
          </p>
          <span className="goal-bar" aria-hidden="true">
            <span style={{ width: `${goalPct}%` }} />
          </span>
          <p className="muted path-small">{t('continue.todayDetail', { lessons: today.lessons, answers: today.answers, labs: today.labs })}</p>
          <p className="muted path-small">{t('continue.goalHint', { goal: today.goal })}</p>
        </div>
      </div>
    </section>
  );
}
