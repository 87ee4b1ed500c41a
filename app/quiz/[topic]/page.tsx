import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { QuizRunner } from '@/components/quiz/quiz-runner';
import { findTopic } from '@/lib/content/catalog';
import { questionsFor } from '@/lib/quiz/bank';
import '../quiz.css';

type Params = { topic: string };
type Search = { tag?: string | string[] };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const topic = findTopic((await params).topic);
  return topic ? { title: `${topic.title} quiz` } : {};
}

export default async function TopicQuizPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const topic = findTopic((await params).topic);
  if (!topic) notFound();
  const rawTag = (await searchParams).tag;
  const tag = typeof rawTag === 'string' && rawTag !== '' ? rawTag : undefined;
  const all = questionsFor(topic.id);
  const selected = tag ? all.filter((q) => q.tags.includes(tag)) : all;
  const lesson = tag ? topic.lessons.find((l) => l.slug === tag) : undefined;
  const tagLabel = lesson ? lesson.title : tag;
  const knownTags = [...new Set(all.flatMap((q) => q.tags))].sort();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link href="/quiz">Quizzes</Link>
          </li>
          {tag ? (
            <li>
              <Link href={`/quiz/${topic.id}`}>{topic.title}</Link>
            </li>
          ) : null}
          <li aria-current="page">{tag ? tagLabel : topic.title}</li>
        </ol>
      </nav>
      <h1 className="page-title">
        {topic.title} quiz{tag ? <span className="muted">: {tagLabel}</span> : null}
      </h1>
      <p className="lead">
        {lesson ? (
          <>
            Questions on the lesson <Link href={`/learn/${topic.id}/${lesson.slug}`}>{lesson.title}</Link>.
          </>
        ) : (
          <>
            Test what you read in <Link href={`/learn/${topic.id}`}>{topic.title}</Link>.
          </>
        )}
      </p>
      {all.length === 0 ? (
        <div className="callout callout-note">
          <p>The {topic.title} questions are still being written. Try the <Link href="/quiz/mixed">mixed quiz</Link> meanwhile.</p>
        </div>
      ) : selected.length === 0 ? (
        <div className="callout callout-warning" role="alert">
          <p>
            No {topic.title} question is tagged <code>{tag}</code>. Pick a tag below, or take the <Link href={`/quiz/${topic.id}`}>whole {topic.title} quiz</Link>.
          </p>
          <ul className="tag-chips">
            {knownTags.map((t) => (
              <li key={t}>
                <Link className="chip" href={`/quiz/${topic.id}?tag=${t}`}>
                  {t}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <QuizRunner key={tag ?? ''} mode={{ kind: 'topic', topic: topic.id, ...(tag ? { tag } : {}) }} title={tag ? `${topic.title}: ${tagLabel}` : `${topic.title}`} available={selected.length} />
      )}
    </>
  );
}
