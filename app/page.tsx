import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ContinuePanel, StartHere } from '@/components/path/continue-panel';
import { StudyPlan } from '@/components/path/study-plan';
import { currentViewer } from '@/lib/auth/session';
import { loadCatalog } from '@/lib/content/catalog';
import { readZhLesson } from '@/lib/content/translations';
import { buildStudyPlan, learnerPath } from '@/lib/data/progress';
import type { Locale } from '@/lib/i18n/locale';
import { listLabListings } from '@/lib/labs/catalog';
import { loadDeck } from '@/lib/interview/deck';
import { loadBank } from '@/lib/quiz/bank';

/** The lab to start with (the intro lab on idempotency), shown first on /labs and in "Start here". */
const INTRO_LAB = 'hello-counter';

export default async function HomePage() {
  const topics = loadCatalog();
  const locale = (await getLocale()) as Locale;
  const zh = locale === 'zh-CN';
  const t = await getTranslations('home');
  const lessonCount = topics.reduce((n, topic) => n + topic.lessons.length, 0);
  const [labs, viewer] = await Promise.all([listLabListings(locale), currentViewer()]);
  // Reading the page never creates a guest: a browser without a session is a first-time visitor.
  const path = viewer ? await learnerPath(viewer) : null;
  const returning = path !== null && !path.isNew;
  const read = new Set(path?.readLessons ?? []);
  const solved = Object.values(path?.labs ?? {})
    .filter((l) => l.solved)
    .map((l) => l.labId);
  const questionCount = loadBank().questions.length;
  const lessonTitle = (topicId: string, slug: string): string => {
    const topic = topics.find((x) => x.id === topicId);
    const lesson = topic?.lessons.find((l) => l.slug === slug);
    if (!topic || !lesson) return slug;
    return (zh ? readZhLesson(topic.id, lesson)?.title : null) ?? lesson.title;
  };
  const topicTitle = (id: string) => {
    const topic = topics.find((x) => x.id === id);
    return topic ? (zh ? topic.titleZh : topic.title) : id;
  };
  const labTitle = (id: string) => labs.find((l) => l.id === id)?.title ?? id;

  const plan = buildStudyPlan(topics, labs, read, solved).map((step) => ({
    ...step,
    title: topicTitle(step.topic),
    lessons: step.lessons.map((l) => ({ ...l, title: lessonTitle(l.topic, l.slug) })),
  }));
  const paths = [
    { href: '#topics', title: t('learn.title'), text: t('learn.text', { count: lessonCount }) },
    { href: '/quiz', title: t('practise.title'), text: t('practise.text', { count: questionCount }) },
    { href: '/interview', title: t('speak.title'), text: t('speak.text', { count: loadDeck().cards.length }) },
    { href: '/labs', title: t('build.title'), text: t('build.text', { count: labs.length }) },
  ];
  const first = topics.find((x) => x.lessons.length > 0);
  const firstLesson = first ? { href: `/learn/${first.id}/${first.lessons[0]!.slug}`, title: lessonTitle(first.id, first.lessons[0]!.slug), topic: topicTitle(first.id) } : null;
  return (
    <>
      <section className="hero">
        <h1 className="page-title">{t('title')}</h1>
        <p className="lead">{t('lead', { lessons: lessonCount, topics: topics.length })}</p>
      </section>
      {returning && path ? (
        <ContinuePanel
          path={path}
          nextLesson={path.nextLesson ? { href: path.nextLesson.href, title: lessonTitle(path.nextLesson.topic, path.nextLesson.lesson), topic: topicTitle(path.nextLesson.topic), opened: path.nextLesson.opened } : null}
          lab={path.labInProgress ? { href: `/labs/${path.labInProgress.labId}`, title: labTitle(path.labInProgress.labId), attempts: path.labInProgress.attempts } : null}
        />
      ) : (
        <StartHere lesson={firstLesson} lab={labs.some((l) => l.id === INTRO_LAB) ? { href: `/labs/${INTRO_LAB}`, title: labTitle(INTRO_LAB) } : null} />
      )}
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
        {topics.map((topic) => {
          const readHere = topic.lessons.filter((l) => read.has(`${topic.id}/${l.slug}`)).length;
          const complete = topic.lessons.length > 0 && readHere === topic.lessons.length;
          return (
            <li key={topic.id}>
              <article className={`card${complete ? ' topic-complete' : ''}`} data-topic={topic.id}>
                <h3>
                  <Link className="card-link" href={`/learn/${topic.id}`}>
                    {zh ? topic.titleZh : topic.title}
                  </Link>{' '}
                  <span className="term-zh" lang={zh ? 'en' : 'zh-CN'}>
                    {zh ? topic.title : topic.titleZh}
                  </span>
                  {complete ? (
                    <span className="read-check" role="img" aria-label={t('allRead')} title={t('allRead')}>
                      ✓
                    </span>
                  ) : null}
                </h3>
                <p>{zh ? (topic.summaryZh ?? topic.summary) : topic.summary}</p>
                <div className="card-meta">
                  <span className="badge">{t('lessons', { count: topic.lessons.length })}</span>
                  {topic.lessons.length > 0 ? <span className="badge">{t('minutes', { count: topic.lessons.reduce((m, l) => m + l.minutes, 0) })}</span> : null}
                  {returning && topic.lessons.length > 0 ? (
                    <span className={`badge read-count${complete ? ' read-complete' : ''}`} data-testid="topic-read-count">
                      {t('read', { read: readHere, total: topic.lessons.length })}
                    </span>
                  ) : null}
                </div>
              </article>
            </li>
          );
        })}
      </ul>
      <StudyPlan steps={plan} labTitles={Object.fromEntries(labs.map((l) => [l.id, l.title]))} />
    </>
  );
}
