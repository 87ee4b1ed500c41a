import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { QuizRunner } from '@/components/quiz/quiz-runner';
import { findTopic } from '@/lib/content/catalog';
import { readZhLesson } from '@/lib/content/translations';
import { questionsFor } from '@/lib/quiz/bank';
import { currentViewer } from '@/lib/auth/session';
import { readLessonSlugs } from '@/lib/data/mastery';
import { QuizScopeSwitch } from '@/components/mastery/quiz-scope-switch';
import '../quiz.css';

type Params = { topic: string };
type Search = { tag?: string | string[]; q?: string | string[]; all?: string | string[] };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const topic = findTopic((await params).topic);
  if (!topic) return {};
  const t = await getTranslations('quiz');
  const zh = (await getLocale()) === 'zh-CN';
  return { title: t('topic.metaTitle', { topic: zh ? topic.titleZh : topic.title }) };
}

export default async function TopicQuizPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const topic = findTopic((await params).topic);
  if (!topic) notFound();
  const t = await getTranslations('quiz');
  const tSearch = await getTranslations('search');
  const zh = (await getLocale()) === 'zh-CN';
  const topicTitle = zh ? topic.titleZh : topic.title;
  const search = await searchParams;
  const rawTag = search.tag;
  const tag = typeof rawTag === 'string' && rawTag !== '' ? rawTag : undefined;
  const all = questionsFor(topic.id);
  // ?q=<id> opens one question (search results link here); an id not in this topic falls back to the whole topic with a note.
  const single = singleQuestion(all, search.q);
  // Without a tag or a single question, the quiz draws from the lessons the learner has read (if any has questions), unless ?all=1.
  const viewer = !single.question && !tag ? await currentViewer() : null;
  const read = viewer ? await readLessonSlugs(viewer, topic.id) : [];
  const readWithQuestions = read.filter((slug) => all.some((q) => q.lesson.split('#', 1)[0] === `${topic.id}/${slug}`));
  const onlyRead = readWithQuestions.length > 0 && search.all !== '1';
  const readPool = all.filter((q) => readWithQuestions.includes(q.lesson.split('#', 1)[0]!.split('/')[1]!));
  const selected = single.question ? [single.question] : tag ? all.filter((q) => q.tags.includes(tag)) : onlyRead ? readPool : all;
  const lesson = tag ? topic.lessons.find((l) => l.slug === tag) : undefined;
  const lessonTitle = lesson ? (zh ? (readZhLesson(topic.id, lesson)?.title ?? lesson.title) : lesson.title) : undefined;
  const tagLabel = lessonTitle ?? tag;
  const knownTags = [...new Set(all.flatMap((q) => q.tags))].sort();
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('breadcrumb')}>
        <ol>
          <li>
            <Link href="/quiz">{t('index.title')}</Link>
          </li>
          {tag ? (
            <li>
              <Link href={`/quiz/${topic.id}`}>{topicTitle}</Link>
            </li>
          ) : null}
          <li aria-current="page">{tag ? tagLabel : topicTitle}</li>
        </ol>
      </nav>
      <h1 className="page-title">
        {t('topic.title', { topic: topicTitle })}
        {tag ? <span className="muted">{t('topic.tagSuffix', { tag: tagLabel ?? tag })}</span> : null}
      </h1>
      {single.missing ? (
        <div className="callout callout-warning" role="alert">
          <p>{tSearch('single.missing', { topic: topicTitle })}</p>
        </div>
      ) : null}
      <p className="lead">
        {lesson
          ? t.rich('topic.leadLesson', { lesson: lessonTitle ?? lesson.title, link: (c) => <Link href={`/learn/${topic.id}/${lesson.slug}`}>{c}</Link> })
          : t.rich('topic.leadTopic', { topic: topicTitle, link: (c) => <Link href={`/learn/${topic.id}`}>{c}</Link> })}
      </p>
      {all.length === 0 ? (
        <div className="callout callout-note">
          <p>{t.rich('topic.beingWritten', { topic: topicTitle, link: (c) => <Link href="/quiz/mixed">{c}</Link> })}</p>
        </div>
      ) : selected.length === 0 ? (
        <div className="callout callout-warning" role="alert">
          <p>
            {t.rich('topic.noTag', {
              topic: topicTitle,
              tag: tag ?? '',
              code: (c) => <code>{c}</code>,
              link: (c) => <Link href={`/quiz/${topic.id}`}>{c}</Link>,
            })}
          </p>
          <ul className="tag-chips">
            {knownTags.map((k) => (
              <li key={k}>
                <Link className="chip" href={`/quiz/${topic.id}?tag=${k}`}>
                  {k}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          {readWithQuestions.length > 0 && !single.question && !tag ? (
            <QuizScopeSwitch topic={topic.id} onlyRead={onlyRead} readLessons={readWithQuestions.length} readQuestions={readPool.length} allQuestions={all.length} />
          ) : null}
          <QuizRunner
            key={single.question ? `q:${single.question.id}` : (tag ?? (onlyRead ? 'read' : ''))}
            mode={{ kind: 'topic', topic: topic.id, ...(single.question ? { question: single.question.id } : tag ? { tag } : onlyRead ? { lessons: readWithQuestions } : {}) }}
            title={single.question ? tSearch('single.title', { topic: topicTitle }) : tag ? t('topic.runnerTitleTag', { topic: topicTitle, tag: tagLabel ?? tag }) : topicTitle}
            available={selected.length}
          />
        </>
      )}
    </>
  );
}

/** The question `?q=<id>` names, if it belongs to this topic; `missing` when an id was given but is not one of them. */
function singleQuestion<Q extends { id: string }>(questions: Q[], raw: string | string[] | undefined): { question: Q | undefined; missing: boolean } {
  if (typeof raw !== 'string' || raw === '') return { question: undefined, missing: false };
  const question = questions.find((q) => q.id === raw);
  return { question, missing: question === undefined };
}
