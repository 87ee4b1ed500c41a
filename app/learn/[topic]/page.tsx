import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { findTopic, loadCatalog } from '@/lib/content/catalog';
import { readZhLesson } from '@/lib/content/translations';
import { difficultyLabel, formatMinutes, labsForTopic } from '@/lib/labs/catalog';
import { currentViewer } from '@/lib/auth/session';
import { learnerPath } from '@/lib/data/progress';
import { cardsFor } from '@/lib/interview/deck';
import { questionsFor } from '@/lib/quiz/bank';

type Params = { topic: string };

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return loadCatalog().map((t) => ({ topic: t.id }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const topic = findTopic((await params).topic);
  return topic ? { title: topic.title, description: topic.summary } : {};
}

export default async function TopicPage({ params }: { params: Promise<Params> }) {
  const topic = findTopic((await params).topic);
  if (!topic) notFound();
  const questions = questionsFor(topic.id).length;
  const drillCards = cardsFor(topic.id).length;
  const zh = (await getLocale()) === 'zh-CN';
  const t = await getTranslations('topic');
  const lessonTexts = new Map(topic.lessons.map((l) => [l.slug, (zh ? readZhLesson(topic.id, l) : null) ?? l] as const));
  const lessonText = (lesson: (typeof topic.lessons)[number]) => lessonTexts.get(lesson.slug)!;
  const [labs, viewer] = await Promise.all([labsForTopic(topic.id), currentViewer()]);
  // The learner's marks (one read for the whole page); a browser without a session sees none and creates nothing.
  const path = viewer ? await learnerPath(viewer) : null;
  const read = new Set(path?.readLessons ?? []);
  const readHere = topic.lessons.filter((l) => read.has(`${topic.id}/${l.slug}`)).length;
  const labState = (id: string): 'solved' | 'attempted' | 'started' | null => {
    const m = path?.labs[id];
    if (!m) return null;
    return m.solved ? 'solved' : m.attempts > 0 ? 'attempted' : m.hasDraft ? 'started' : null;
  };
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link href="/">{t('breadcrumb')}</Link>
          </li>
          <li aria-current="page">{zh ? topic.titleZh : topic.title}</li>
        </ol>
      </nav>
      <h1 className="page-title">
        {zh ? topic.titleZh : topic.title}{' '}
        <span className="term-zh" lang={zh ? 'en' : 'zh-CN'}>
          {zh ? topic.title : topic.titleZh}
        </span>
      </h1>
      <p className="lead">{zh ? (topic.summaryZh ?? topic.summary) : topic.summary}</p>
      {questions > 0 || drillCards > 0 ? (
        <p className="topic-quiz-link">
          {questions > 0 ? (
            <Link className="button secondary" href={`/quiz/${topic.id}`}>
              {t('quiz', { title: zh ? topic.titleZh : topic.title, count: questions })}
            </Link>
          ) : null}{' '}
          {drillCards > 0 ? (
            <Link className="button secondary" href={`/interview/${topic.id}`}>
              {t('drill', { count: drillCards })}
            </Link>
          ) : null}
        </p>
      ) : null}
      <h2 id="lessons">
        {t('lessons')}{' '}
        {path && !path.isNew && topic.lessons.length > 0 ? (
          <span className={`badge read-count${readHere === topic.lessons.length ? ' read-complete' : ''}`} data-testid="topic-read-count">
            {readHere === topic.lessons.length ? '✓ ' : ''}
            {t('readCount', { read: readHere, total: topic.lessons.length })}
          </span>
        ) : null}
      </h2>
      {topic.lessons.length === 0 ? (
        <p className="muted">{t('noLessons')}</p>
      ) : (
        <ol className="lesson-list" aria-labelledby="lessons">
          {topic.lessons.map((lesson) => {
            const isRead = read.has(`${topic.id}/${lesson.slug}`);
            return (
            <li key={lesson.slug}>
              <article className={`card${isRead ? ' lesson-read' : ''}`} data-lesson={lesson.slug} data-read={isRead ? 'true' : 'false'}>
                <h3>
                  <Link className="card-link" href={`/learn/${topic.id}/${lesson.slug}`}>
                    {lessonText(lesson).title}
                  </Link>
                  {isRead ? (
                    <span className="read-check" data-testid="lesson-read-check">
                      <span aria-hidden="true">✓</span>
                      <span className="sr-only">{t('read')}</span>
                    </span>
                  ) : null}
                </h3>
                <p>{lessonText(lesson).summary}</p>
                <div className="card-meta">
                  <span className="badge">{t('minutes', { count: lesson.minutes })}</span>
                </div>
              </article>
            </li>
            );
          })}
        </ol>
      )}
      {labs.length > 0 ? (
        <>
          <h2 id="labs">{t('labs')}</h2>
          <ul className="lesson-list" aria-labelledby="labs">
            {labs.map((lab) => {
              const state = labState(lab.id);
              return (
              <li key={lab.id}>
                <article className="card" data-lab={lab.id} data-state={state ?? 'new'}>
                  <h3>
                    <Link className="card-link" href={`/labs/${lab.id}`}>
                      {lab.title}
                    </Link>
                  </h3>
                  <p>{lab.summary}</p>
                  <div className="card-meta">
                    <span className="badge">{difficultyLabel(lab.difficulty, zh ? 'zh-CN' : 'en')}</span>
                    <span className="badge">≈ {formatMinutes(lab.minutes, zh ? 'zh-CN' : 'en')}</span>
                    {state ? (
                      <span className={`lab-mark mark-${state}`}>
                        {state === 'solved' ? '✓ ' : ''}
                        {{ solved: t('labState.solved'), attempted: t('labState.attempted'), started: t('labState.started') }[state]}
                      </span>
                    ) : null}
                  </div>
                </article>
              </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </>
  );
}
