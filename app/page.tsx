import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { loadCatalog } from '@/lib/content/catalog';
import { listLabListings } from '@/lib/labs/catalog';
import { loadDeck } from '@/lib/interview/deck';
import { loadBank } from '@/lib/quiz/bank';

export default async function HomePage() {
  const topics = loadCatalog();
  const zh = (await getLocale()) === 'zh-CN';
  const t = await getTranslations('home');
  const lessonCount = topics.reduce((n, topic) => n + topic.lessons.length, 0);
  const labCount = (await listLabListings()).length;
  const questionCount = loadBank().questions.length;
  const paths = [
    { href: '#topics', title: t('learn.title'), text: t('learn.text', { count: lessonCount }) },
    { href: '/quiz', title: t('practise.title'), text: t('practise.text', { count: questionCount }) },
    { href: '/interview', title: t('speak.title'), text: t('speak.text', { count: loadDeck().cards.length }) },
    { href: '/labs', title: t('build.title'), text: t('build.text', { count: labCount }) },
  ];
  return (
    <>
      <section className="hero">
        <h1 className="page-title">{t('title')}</h1>
        <p className="lead">{t('lead', { lessons: lessonCount, topics: topics.length })}</p>
      </section>
      <ul className="topic-grid home-paths" aria-label={t('ways')}>
        {paths.map((p) => (
          <li key={p.href}>
            <article className="card">
              <h2>
                <Link className="card-link" href={p.href}>
                  {p.title} →
                </Link>
              </h2>
              <p>{p.text}</p>
            </article>
          </li>
        ))}
      </ul>
      <h2 id="topics">{t('topics')}</h2>
      <ul className="topic-grid" aria-labelledby="topics">
        {topics.map((topic) => (
          <li key={topic.id}>
            <article className="card">
              <h3>
                <Link className="card-link" href={`/learn/${topic.id}`}>
                  {zh ? topic.titleZh : topic.title}
                </Link>{' '}
                <span className="term-zh" lang={zh ? 'en' : 'zh-CN'}>
                  {zh ? topic.title : topic.titleZh}
                </span>
              </h3>
              <p>{zh ? (topic.summaryZh ?? topic.summary) : topic.summary}</p>
              <div className="card-meta">
                <span className="badge">{t('lessons', { count: topic.lessons.length })}</span>
                {topic.lessons.length > 0 ? <span className="badge">{t('minutes', { count: topic.lessons.reduce((m, l) => m + l.minutes, 0) })}</span> : null}
              </div>
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
