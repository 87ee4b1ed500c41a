import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { findLesson, lessonSource, loadCatalog } from '@/lib/content/catalog';
import { compileLesson } from '@/lib/content/compile';
import { renderMdx } from '@/components/mdx/render';
import { LessonProgress } from '@/components/progress/lesson-progress';

type Params = { topic: string; lesson: string };

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return loadCatalog().flatMap((t) => t.lessons.map((l) => ({ topic: t.id, lesson: l.slug })));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  const found = findLesson(p.topic, p.lesson);
  return found ? { title: found.lesson.title, description: found.lesson.summary } : {};
}

export default async function LessonPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const found = findLesson(p.topic, p.lesson);
  if (!found) notFound();
  const { topic, lesson } = found;
  const { code } = await compileLesson(lessonSource(topic.id, lesson.slug), lesson.file);
  const content = renderMdx(code);
  const index = topic.lessons.findIndex((l) => l.slug === lesson.slug);
  const prev = topic.lessons[index - 1];
  const next = topic.lessons[index + 1];
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link href="/">Topics</Link>
          </li>
          <li>
            <Link href={`/learn/${topic.id}`}>{topic.title}</Link>
          </li>
          <li aria-current="page">{lesson.title}</li>
        </ol>
      </nav>
      <div className="lesson-layout">
        <article className="prose" aria-labelledby="lesson-title">
          <h1 className="page-title" id="lesson-title">
            {lesson.title}
          </h1>
          <p className="lesson-meta">
            <span className="badge">{lesson.minutes} min read</span>
            <span>{lesson.summary}</span>
          </p>
          {content}
          <LessonProgress topic={topic.id} lesson={lesson.slug} />
          <nav className="lesson-nav" aria-label="Lesson navigation">
            {prev ? <Link href={`/learn/${topic.id}/${prev.slug}`}>← {prev.title}</Link> : <span />}
            {next ? <Link href={`/learn/${topic.id}/${next.slug}`}>{next.title} →</Link> : <span />}
          </nav>
        </article>
        {lesson.headings.length > 0 ? (
          <nav className="lesson-toc" aria-label="On this page">
            <strong>On this page</strong>
            <ol>
              {lesson.headings.map((h) => (
                <li key={h.id} className={`depth-${h.depth}`}>
                  <a href={`#${h.id}`}>{h.text}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
      </div>
    </>
  );
}
