import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/components/layout/language-switch';
import { ActivityCalendar } from '@/components/progress/activity-calendar';
import { DeleteAccount } from '@/components/account/delete-account';
import { ApiTokens } from '@/components/account/api-tokens';
import { MistakesEntry } from '@/components/mistakes/mistakes-entry';
import { WeakSpots } from '@/components/mastery/weak-spots';
import { currentViewer } from '@/lib/auth/session';
import { findLesson, findTopic } from '@/lib/content/catalog';
import { readZhLesson } from '@/lib/content/translations';
import { getProgress } from '@/lib/data/progress';
import { listApiTokens } from '@/lib/data/api-tokens';
import { WalkthroughUnlocks } from './walkthrough-unlocks';
import '../quiz/quiz.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('progress');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

export default async function ProgressPage() {
  const t = await getTranslations('progress');
  const format = await getFormatter();
  const zh = (await getLocale()) === 'zh-CN';
  const pct = (x: number | null) => (x === null ? '–' : format.number(x, { style: 'percent', maximumFractionDigits: 0 }));
  /** A title in the learner's language; an English one that has no translation yet is marked as English. */
  const inLocale = (text: string | null | undefined, english: string): ReactNode => (!zh ? english : text ? text : <span lang="en">{english}</span>);
  // Every topic has a Chinese title (the catalogue requires one).
  const topicTitle = (id: string, english: string) => (zh ? (findTopic(id)?.titleZh ?? english) : english);
  const lessonTitle = (topic: string, lesson: string, english: string) => {
    if (!zh) return english;
    const found = findLesson(topic, lesson);
    return inLocale(found ? readZhLesson(found.topic.id, found.lesson)?.title : null, english);
  };

  const viewer = await currentViewer();
  if (!viewer) {
    return (
      <>
        <h1 className="page-title">{t('title')}</h1>
        <section className="card quiz-intro">
          <h2>{t('empty.title')}</h2>
          <p>{t('empty.body')}</p>
          <p className="quiz-actions">
            <Link className="button" href="/">
              {t('empty.browse')}
            </Link>
            <Link className="button secondary" href="/quiz">
              {t('empty.quiz')}
            </Link>
            <Link className="button secondary" href="/login">
              {t('empty.signIn')}
            </Link>
          </p>
        </section>
        <LanguageSetting guest />
      </>
    );
  }
  const p = await getProgress(viewer);
  const name = viewer.isGuest ? null : (viewer.displayName ?? viewer.username ?? viewer.email);
  return (
    <>
      <h1 className="page-title">{t('title')}</h1>
      <p className="lead">
        {name
          ? t.rich('signedInAs', { name, b: (c) => <strong>{c}</strong> })
          : t.rich('guest', { link: (c) => <Link href="/signup">{c}</Link> })}
      </p>
      <MistakesEntry />

      <div className="progress-top">
        <section className="card continue-card" aria-labelledby="continue">
          <h2 id="continue">{t('continue.title')}</h2>
          {p.continueLesson ? (
            <p>
              {t('continue.lastOpened')} <Link href={p.continueLesson.href}>{lessonTitle(p.continueLesson.topic, p.continueLesson.lesson, p.continueLesson.title)}</Link>{' '}
              <span className="muted">
                {zh ? '（' : '('}
                {p.continueLesson.read
                  ? t('continue.topicRead', { topic: topicTitle(p.continueLesson.topic, p.continueLesson.topicTitle) })
                  : topicTitle(p.continueLesson.topic, p.continueLesson.topicTitle)}
                {zh ? '）' : ')'}
              </span>
            </p>
          ) : (
            <p className="muted">{t('continue.none')}</p>
          )}
          {p.nextLesson ? (
            <p>
              {t('continue.nextUnread')} <Link href={p.nextLesson.href}>{lessonTitle(p.nextLesson.topic, p.nextLesson.lesson, p.nextLesson.title)}</Link>{' '}
              <span className="muted">
                {zh ? '（' : '('}
                {topicTitle(p.nextLesson.topic, p.nextLesson.topicTitle)}
                {zh ? '）' : ')'}
              </span>
            </p>
          ) : null}
          <p className="quiz-actions">
            {p.review.dueNow > 0 ? (
              <Link className="button" href="/review">
                {t('continue.review', { count: p.review.dueNow })}
              </Link>
            ) : null}
            <Link className={p.review.dueNow > 0 ? 'button secondary' : 'button'} href="/quiz/mixed">
              {t('continue.mixed')}
            </Link>
          </p>
        </section>
        <dl className="stat-row" aria-label={t('stats.label')}>
          <div className="stat">
            <dt>{t('stats.streak')}</dt>
            <dd>{t('stats.days', { count: p.streak.current })}</dd>
          </div>
          <div className="stat">
            <dt>{t('stats.longest')}</dt>
            <dd>{format.number(p.streak.longest)}</dd>
          </div>
          <div className="stat">
            <dt>{t('stats.answers')}</dt>
            <dd>{format.number(p.totals.answered)}</dd>
          </div>
          <div className="stat">
            <dt>{t('stats.accuracy')}</dt>
            <dd>{pct(p.totals.answered ? p.totals.correct / p.totals.answered : null)}</dd>
          </div>
          <div className="stat">
            <dt>{t('stats.lessonsRead')}</dt>
            <dd>{format.number(p.totals.lessonsRead)}</dd>
          </div>
          <div className="stat">
            <dt>{t('stats.cardsDue')}</dt>
            <dd>{format.number(p.review.dueNow)}</dd>
          </div>
        </dl>
      </div>

      <h2 id="activity">{t('activity.title')}</h2>
      <ActivityCalendar weeks={p.calendar} streak={p.streak} activeDays={p.totals.activeDays} />

      <h2 id="topics">{t('topics.title')}</h2>
      <div className="table-scroll">
        <table className="progress-table" aria-labelledby="topics">
          <thead>
            <tr>
              <th scope="col">{t('topics.topic')}</th>
              <th scope="col">{t('topics.lessonsRead')}</th>
              <th scope="col">{t('topics.accuracy')}</th>
              <th scope="col">{t('topics.cardsDue')}</th>
              <th scope="col">{t('topics.labsSolved')}</th>
            </tr>
          </thead>
          <tbody>
            {p.topics.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <Link href={`/learn/${row.id}`}>{topicTitle(row.id, row.title)}</Link>
                </th>
                <td>
                  <span className="meter" aria-hidden="true">
                    <span style={{ width: row.lessonsTotal ? `${(100 * row.lessonsRead) / row.lessonsTotal}%` : '0%' }} />
                  </span>
                  {row.lessonsRead} / {row.lessonsTotal}
                </td>
                <td>
                  {row.answered ? (
                    <>
                      {pct(row.accuracy)} <span className="muted">{t('topics.ofAnswered', { count: row.answered })}</span>
                    </>
                  ) : row.questions ? (
                    <Link href={`/quiz/${row.id}`}>{t('topics.takeQuiz')}</Link>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
                <td>{row.cardsDue ? <Link href="/review">{row.cardsDue}</Link> : <span className="muted">0</span>}</td>
                <td>{row.labsTotal ? `${row.labsSolved} / ${row.labsTotal}` : <span className="muted">–</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <WalkthroughUnlocks viewer={viewer} />

      <WeakSpots viewer={viewer} />

      <h2 id="your-data">{t('data.title')}</h2>
      <div className="data-actions">
        <section className="card">
          <h3>{t('data.exportTitle')}</h3>
          <p>{t('data.exportBody')}</p>
          <a className="button secondary" href="/progress/export" download>
            {t('data.download')}
          </a>
        </section>
        <section className="card">
          <h3>{viewer.isGuest ? t('data.deleteGuestTitle') : t('data.deleteAccountTitle')}</h3>
          <p>{viewer.isGuest ? t('data.deleteGuestBody') : t('data.deleteAccountBody')}</p>
          <DeleteAccount guest={viewer.isGuest} />
        </section>
      </div>
      <ApiTokens guest={viewer.isGuest} initial={viewer.isGuest ? [] : await listApiTokens(viewer)} />
      <LanguageSetting guest={viewer.isGuest} />
    </>
  );
}

/** The interface language, the same two-button form as the header's switch, with where the choice is kept. */
async function LanguageSetting({ guest }: { guest: boolean }) {
  const t = await getTranslations('progress');
  return (
    <section className="card language-setting" aria-labelledby="interface-language">
      <h2 id="interface-language">{t('language.title')}</h2>
      <LanguageSwitch labelledBy="interface-language" prefix={<span aria-hidden="true">{t('language.label')} </span>} />
      <p className="muted small">{guest ? t('language.savedGuest') : t('language.savedAccount')}</p>
    </section>
  );
}
