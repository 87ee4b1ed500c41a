import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { QuizRunner } from '@/components/quiz/quiz-runner';
import { findTopic } from '@/lib/content/catalog';
import { readZhLesson } from '@/lib/content/translations';
import { questionsFor } from '@/lib/quiz/bank';
import '../quiz.css';

type Params = { topic: string };
type Search = { tag?: string | string[] };

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
  const zh = (await getLocale()) === 'zh-CN';
  const topicTitle = zh ? topic.titleZh : topic.title;
  const rawTag = (await searchParams).tag;
  const tag = typeof rawTag === 'string' && rawTag !== '' ? rawTag : undefined;
  const all = questionsFor(topic.id);
  const selected = tag ? all.filter((q) => q.tags.includes(tag)) : all;
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
        <QuizRunner
          key={tag ?? ''}
          mode={{ kind: 'topic', topic: topic.id, ...(tag ? { tag } : {}) }}
          title={tag ? t('topic.runnerTitleTag', { topic: topicTitle, tag: tagLabel ?? tag }) : topicTitle}
          available={selected.length}
        />
      )}
    </>
  );
}
