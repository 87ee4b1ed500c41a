import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { loadCatalog } from '@/lib/content/catalog';
import { readZhLesson } from '@/lib/content/translations';
import { loadBank } from '@/lib/quiz/bank';
import './quiz.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('quiz');
  return { title: t('index.metaTitle'), description: t('index.metaDescription') };
}

export default async function QuizIndexPage() {
  const t = await getTranslations('quiz');
  const zh = (await getLocale()) === 'zh-CN';
  const bank = loadBank();
  const topics = loadCatalog().map((entry) => {
    const questions = bank.questions.filter((q) => q.topic === entry.id);
    const tagCounts = new Map<string, number>();
    for (const q of questions) for (const tag of q.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    const lessonTags = entry.lessons.map((l) => l.slug).filter((s) => tagCounts.has(s));
    return { topic: entry, count: questions.length, lessonTags, tagCounts };
  });
  const lessonTitle = (topic: (typeof topics)[number]['topic'], slug: string) => {
    const lesson = topic.lessons.find((l) => l.slug === slug);
    if (!lesson) return slug;
    return zh ? (readZhLesson(topic.id, lesson)?.title ?? lesson.title) : lesson.title;
  };
  return (
    <>
      <h1 className="page-title">{t('index.title')}</h1>
      <p className="lead">{t.rich('index.lead', { link: (c) => <Link href="/review">{c}</Link> })}</p>
      <section className="card quiz-mixed-card" aria-labelledby="mixed">
        <div>
          <h2 id="mixed">{t('index.mixedTitle')}</h2>
          <p>{t('index.mixedBody', { count: bank.questions.length })}</p>
        </div>
        <Link className="button" href="/quiz/mixed">
          {t('index.mixedStart')}
        </Link>
      </section>
      <h2 id="by-topic">{t('index.byTopic')}</h2>
      <ul className="topic-grid" aria-labelledby="by-topic">
        {topics.map(({ topic, count, lessonTags, tagCounts }) => {
          const title = zh ? topic.titleZh : topic.title;
          return (
            <li key={topic.id}>
              <article className="card quiz-topic-card">
                <h3>
                  {count > 0 ? (
                    <Link className="card-link" href={`/quiz/${topic.id}`}>
                      {title}
                    </Link>
                  ) : (
                    title
                  )}
                </h3>
                <p>{count > 0 ? t('index.topicCount', { count }) : t('index.topicBeingWritten')}</p>
                {lessonTags.length > 0 ? (
                  <ul className="tag-chips" aria-label={t('index.byLesson', { topic: title })}>
                    {lessonTags.map((tag) => (
                      <li key={tag}>
                        <Link className="chip" href={`/quiz/${topic.id}?tag=${tag}`}>
                          {lessonTitle(topic, tag)} <span className="muted">{tagCounts.get(tag)}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </article>
            </li>
          );
        })}
      </ul>
    </>
  );
}
