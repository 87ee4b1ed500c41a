import type { Metadata } from 'next';
import Link from 'next/link';
import { QuizRunner } from '@/components/quiz/quiz-runner';
import { loadBank } from '@/lib/quiz/bank';
import '../quiz.css';

export const metadata: Metadata = { title: 'Mixed quiz' };

export default function MixedQuizPage() {
  const count = loadBank().questions.length;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link href="/quiz">Quizzes</Link>
          </li>
          <li aria-current="page">Mixed</li>
        </ol>
      </nav>
      <h1 className="page-title">Mixed quiz</h1>
      <p className="lead">Questions from every topic, interleaved so you switch context the way an interview does.</p>
      <QuizRunner mode={{ kind: 'mixed' }} title="Every topic" available={count} />
    </>
  );
}
