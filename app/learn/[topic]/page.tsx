import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { findTopic, loadCatalog } from '@/lib/content/catalog';
import { DIFFICULTY_LABEL, formatMinutes, labsForTopic } from '@/lib/labs/catalog';
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
  const labs = await labsForTopic(topic.id);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link href="/">Topics</Link>
          </li>
          <li aria-current="page">{topic.title}</li>
        </ol>
      </nav>
      <h1 className="page-title">
        {topic.title}{' '}
        <span className="term-zh" lang="zh-CN">
          {topic.titleZh}
        </span>
      </h1>
      <p className="lead">{topic.summary}</p>
      {questions > 0 || drillCards > 0 ? (
        <p className="topic-quiz-link">
          {questions > 0 ? (
            <Link className="button secondary" href={`/quiz/${topic.id}`}>
              Take the {topic.title} quiz ({questions} questions)
            </Link>
          ) : null}{' '}
          {drillCards > 0 ? (
            <Link className="button secondary" href={`/interview/${topic.id}`}>
              Drill the spoken answers ({drillCards})
            </Link>
          ) : null}
        </p>
      ) : null}
      <h2 id="lessons">Lessons</h2>
      {topic.lessons.length === 0 ? (
        <p className="muted">The lessons of this topic are being written.</p>
      ) : (
        <ol className="lesson-list" aria-labelledby="lessons">
          {topic.lessons.map((lesson) => (
            <li key={lesson.slug}>
              <article className="card">
                <h3>
                  <Link className="card-link" href={`/learn/${topic.id}/${lesson.slug}`}>
                    {lesson.title}
                  </Link>
                </h3>
                <p>{lesson.summary}</p>
                <div className="card-meta">
                  <span className="badge">{lesson.minutes} min read</span>
                </div>
              </article>
            </li>
          ))}
        </ol>
      )}
      {labs.length > 0 ? (
        <>
          <h2 id="labs">Labs</h2>
          <ul className="lesson-list" aria-labelledby="labs">
            {labs.map((lab) => (
              <li key={lab.id}>
                <article className="card">
                  <h3>
                    <Link className="card-link" href={`/labs/${lab.id}`}>
                      {lab.title}
                    </Link>
                  </h3>
                  <p>{lab.summary}</p>
                  <div className="card-meta">
                    <span className="badge">{DIFFICULTY_LABEL[lab.difficulty]}</span>
                    <span className="badge">≈ {formatMinutes(lab.minutes)}</span>
                  </div>
                </article>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
