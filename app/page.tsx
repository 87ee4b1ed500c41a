import Link from 'next/link';
import { loadCatalog } from '@/lib/content/catalog';
import { listLabListings } from '@/lib/labs/catalog';
import { loadDeck } from '@/lib/interview/deck';
import { loadBank } from '@/lib/quiz/bank';

export default async function HomePage() {
  const topics = loadCatalog();
  const lessonCount = topics.reduce((n, t) => n + t.lessons.length, 0);
  const labCount = (await listLabListings()).length;
  const questionCount = loadBank().questions.length;
  const paths = [
    { href: '#topics', title: 'Learn', text: `${lessonCount} lessons with live widgets that run the same engines as the labs.` },
    { href: '/quiz', title: 'Practise', text: `${questionCount} interview questions, graded with explanations and brought back for review.` },
    { href: '/interview', title: 'Speak', text: `${loadDeck().cards.length} interview questions to answer aloud against a timer, with the outline of a strong answer to check yourself.` },
    { href: '/labs', title: 'Build', text: `${labCount} labs graded by hidden tests in a seeded simulation with faults.` },
  ];
  return (
    <>
      <section className="hero">
        <h1 className="page-title">Prepare for distributed-systems interviews by building the real thing</h1>
        <p className="lead">
          Read {lessonCount} lessons across {topics.length} topics, test yourself, and implement Raft, caches, ID
          generators and rate limiters that are graded inside a deterministic simulation. Every failure comes with the
          seed that replays it.
        </p>
      </section>
      <ul className="topic-grid home-paths" aria-label="Ways to prepare">
        {paths.map((p) => (
          <li key={p.title}>
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
      <h2 id="topics">Topics</h2>
      <ul className="topic-grid" aria-labelledby="topics">
        {topics.map((topic) => (
          <li key={topic.id}>
            <article className="card">
              <h3>
                <Link className="card-link" href={`/learn/${topic.id}`}>
                  {topic.title}
                </Link>{' '}
                <span className="term-zh" lang="zh-CN">
                  {topic.titleZh}
                </span>
              </h3>
              <p>{topic.summary}</p>
              <div className="card-meta">
                <span className="badge">
                  {topic.lessons.length} {topic.lessons.length === 1 ? 'lesson' : 'lessons'}
                </span>
                {topic.lessons.length > 0 ? (
                  <span className="badge">{topic.lessons.reduce((m, l) => m + l.minutes, 0)} min</span>
                ) : null}
              </div>
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
