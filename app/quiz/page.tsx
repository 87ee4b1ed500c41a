import type { Metadata } from 'next';
import Link from 'next/link';
import { loadCatalog } from '@/lib/content/catalog';
import { loadBank } from '@/lib/quiz/bank';
import './quiz.css';

export const metadata: Metadata = { title: 'Quizzes', description: 'Topic quizzes and a mixed quiz across every topic, graded with explanations.' };

export default function QuizIndexPage() {
  const bank = loadBank();
  const topics = loadCatalog().map((t) => {
    const questions = bank.questions.filter((q) => q.topic === t.id);
    const tagCounts = new Map<string, number>();
    for (const q of questions) for (const tag of q.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    const lessonTags = t.lessons.map((l) => l.slug).filter((s) => tagCounts.has(s));
    return { topic: t, count: questions.length, lessonTags, tagCounts };
  });
  return (
    <>
      <h1 className="page-title">Quizzes</h1>
      <p className="lead">
        One question at a time, graded on the server, with the reason every option is right or wrong. Each answer becomes a card on your{' '}
        <Link href="/review">review schedule</Link>.
      </p>
      <section className="card quiz-mixed-card" aria-labelledby="mixed">
        <div>
          <h2 id="mixed">Mixed quiz</h2>
          <p>Questions from every topic, interleaved: the closest thing to a real interview. {bank.questions.length} questions in the bank.</p>
        </div>
        <Link className="button" href="/quiz/mixed">
          Start a mixed quiz
        </Link>
      </section>
      <h2 id="by-topic">By topic</h2>
      <ul className="topic-grid" aria-labelledby="by-topic">
        {topics.map(({ topic, count, lessonTags, tagCounts }) => (
          <li key={topic.id}>
            <article className="card quiz-topic-card">
              <h3>
                {count > 0 ? (
                  <Link className="card-link" href={`/quiz/${topic.id}`}>
                    {topic.title}
                  </Link>
                ) : (
                  topic.title
                )}
              </h3>
              <p>{count > 0 ? `${count} questions` : 'Questions for this topic are being written.'}</p>
              {lessonTags.length > 0 ? (
                <ul className="tag-chips" aria-label={`${topic.title}: quiz one lesson`}>
                  {lessonTags.map((tag) => (
                    <li key={tag}>
                      <Link className="chip" href={`/quiz/${topic.id}?tag=${tag}`}>
                        {topic.lessons.find((l) => l.slug === tag)?.title ?? tag} <span className="muted">{tagCounts.get(tag)}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
