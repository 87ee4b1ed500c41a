import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n/locale';
import { weakSpots } from '@/lib/data/mastery';
import type { Viewer } from '@/lib/data/types';
import './weak-spots.css';

/**
 * The /progress "Weak spots" section: the five weakest concepts (lessons) the learner has evidence on,
 * with the numbers behind each score (lib/mastery/score.ts) and where to practise.
 */
export async function WeakSpots({ viewer }: { viewer: Viewer }) {
  const t = await getTranslations('mastery');
  const locale = (await getLocale()) as Locale;
  const spots = await weakSpots(viewer, locale);
  return (
    <section className="weak-spots" aria-labelledby="weak-spots">
      <h2 id="weak-spots">{t('title')}</h2>
      <p className="muted">{t('lead')}</p>
      {spots.length === 0 ? (
        <p className="card weak-spots-empty">
          {t.rich('empty', { quiz: (c) => <Link href="/quiz/mixed">{c}</Link>, mock: (c) => <Link href="/interview/timed">{c}</Link> })}
        </p>
      ) : (
        <ol className="weak-spot-list">
          {spots.map((s) => (
            <li key={s.concept} className="card weak-spot">
              <div className="weak-spot-head">
                <span className="weak-spot-score" aria-label={t('scoreLabel', { score: s.score ?? 0 })}>
                  {s.score}
                </span>
                <div>
                  <h3>
                    <Link href={s.practice.lesson.href}>{s.title}</Link>
                  </h3>
                  <p className="muted small">{s.topicTitle}</p>
                </div>
              </div>
              <span className="meter" aria-hidden="true">
                <span style={{ width: `${Math.max(2, s.score ?? 0)}%` }} />
              </span>
              <ul className="weak-spot-facts">
                {s.answers ? <li>{t('facts.answers', { recall: s.answers.recall, right: s.answers.right, count: s.answers.count })}</li> : null}
                {s.stability ? <li>{t('facts.stability', { days: s.stability.meanDays, cards: s.stability.cards })}</li> : null}
                {s.labs ? <li>{t('facts.labs', { passed: s.labs.stagesPassed, total: s.labs.stagesTotal })}</li> : null}
              </ul>
              <p className="weak-spot-links">
                {s.practice.quiz ? (
                  <Link className="button small" href={s.practice.quiz}>
                    {t('practice.quiz')}
                  </Link>
                ) : null}
                <Link className="button secondary small" href={s.practice.lesson.href}>
                  {s.practice.lesson.section ? t('practice.section', { section: s.practice.lesson.section }) : t('practice.lesson')}
                </Link>
                {s.practice.lab ? (
                  <Link className="button secondary small" href={s.practice.lab}>
                    {t('practice.lab')}
                  </Link>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      )}
      <p className="weak-spots-mock">
        {t.rich('mock', { link: (c) => <Link href="/interview/timed">{c}</Link> })}
      </p>
    </section>
  );
}
