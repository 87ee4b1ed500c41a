import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { QuizRunner } from '@/components/quiz/quiz-runner';
import { loadBank } from '@/lib/quiz/bank';
import '../quiz.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('quiz');
  return { title: t('mixed.title') };
}

export default async function MixedQuizPage() {
  const t = await getTranslations('quiz');
  const count = loadBank().questions.length;
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('breadcrumb')}>
        <ol>
          <li>
            <Link href="/quiz">{t('index.title')}</Link>
          </li>
          <li aria-current="page">{t('mixed.crumb')}</li>
        </ol>
      </nav>
      <h1 className="page-title">{t('mixed.title')}</h1>
      <p className="lead">{t('mixed.lead')}</p>
      <QuizRunner mode={{ kind: 'mixed' }} title={t('mixed.runnerTitle')} available={count} />
    </>
  );
}
