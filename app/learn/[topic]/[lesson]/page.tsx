import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { findLesson, lessonSource, loadCatalog } from '@/lib/content/catalog';
import { compileLesson } from '@/lib/content/compile';
import { translate } from '@/lib/i18n/translate';
import { readZhLesson } from '@/lib/content/translations';
import { perProcessCache } from '@/lib/per-process-cache';
import { renderMdx } from '@/components/mdx/render';
import { LessonProgress } from '@/components/progress/lesson-progress';

type Params = { topic: string; lesson: string };

// Unknown lessons are a 404 at routing, before anything streams (a notFound() after the loading shell would answer 200).
export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return loadCatalog().flatMap((t) => t.lessons.map((l) => ({ topic: t.id, lesson: l.slug })));
}

/** Compiled lessons by file and language: compiling MDX takes ~100 ms, and lessons change only with a deploy. */
const compileOnce = perProcessCache<{ code: string }>();

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  const found = findLesson(p.topic, p.lesson);
  if (!found) return {};
  const zh = (await getLocale()) === 'zh-CN' ? readZhLesson(found.topic.id, found.lesson) : null;
  return { title: zh?.title ?? found.lesson.title, description: zh?.summary ?? found.lesson.summary };
}

export default async function LessonPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const found = findLesson(p.topic, p.lesson);
  if (!found) notFound();
  const { topic, lesson } = found;
  const locale = await getLocale();
  const t = await getTranslations('lesson');
  const tTopic = await getTranslations('topic');
  const wantsZh = locale === 'zh-CN';
  // A Chinese lesson takes the English lesson's anchors, so links and the table of contents agree across languages.
  const zh = wantsZh ? readZhLesson(topic.id, lesson) : null;
  const headingIds = lesson.headings.map((h) => h.id);
  const { code } = zh
    ? await compileOnce(`zh:${zh.file}`, () => compileLesson(`---\n---\n${zh.body}`, zh.file, { headingIds, anchorLabel: translate('zh-CN', 'lesson.anchor') }))
    : await compileOnce(`en:${lesson.file}`, () => compileLesson(lessonSource(topic.id, lesson.slug), lesson.file));
  const content = renderMdx(code);
  const index = topic.lessons.findIndex((l) => l.slug === lesson.slug);
  const titleOf = (l: (typeof topic.lessons)[number]) => (wantsZh ? (readZhLesson(topic.id, l)?.title ?? l.title) : l.title);
  const prev = topic.lessons[index - 1];
  const next = topic.lessons[index + 1];
  const title = zh?.title ?? lesson.title;
  const tocText = zh ? zh.headings.map((h) => h.text) : lesson.headings.map((h) => h.text);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link href="/">{tTopic('breadcrumb')}</Link>
          </li>
          <li>
            <Link href={`/learn/${topic.id}`}>{wantsZh ? topic.titleZh : topic.title}</Link>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <div className="lesson-layout">
        <article className="prose" aria-labelledby="lesson-title" lang={zh ? 'zh-CN' : 'en'}>
          <h1 className="page-title" id="lesson-title">
            {title}
          </h1>
          <p className="lesson-meta">
            <span className="badge">{t('minutes', { count: lesson.minutes })}</span>
            <span>{zh?.summary ?? lesson.summary}</span>
          </p>
          {wantsZh && !zh ? <p className="callout callout-note">{t('englishOnly')}</p> : null}
          {content}
          <LessonProgress topic={topic.id} lesson={lesson.slug} />
          <nav className="lesson-nav" aria-label={t('navigation')}>
            {prev ? <Link href={`/learn/${topic.id}/${prev.slug}`}>← {titleOf(prev)}</Link> : <span />}
            {next ? <Link href={`/learn/${topic.id}/${next.slug}`}>{titleOf(next)} →</Link> : <span />}
          </nav>
        </article>
        {lesson.headings.length > 0 ? (
          <nav className="lesson-toc" aria-label={t('onThisPage')}>
            <strong>{t('onThisPage')}</strong>
            <ol>
              {lesson.headings.map((h, i) => (
                <li key={h.id} className={`depth-${h.depth}`}>
                  <a href={`#${h.id}`}>{tocText[i] ?? h.text}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
      </div>
    </>
  );
}
