import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/**
 * The topic quiz's scope: the lessons the learner has read (the default once one is read) or every
 * lesson of the topic. Two links styled as a switch, so it works before the page's script loads.
 */
export async function QuizScopeSwitch({ topic, onlyRead, readLessons, readQuestions, allQuestions }: { topic: string; onlyRead: boolean; readLessons: number; readQuestions: number; allQuestions: number }) {
  const t = await getTranslations('mastery');
  return (
    <nav className="quiz-scope" aria-label={t('quizScope.label')}>
      <ul className="tag-chips">
        <li>
          <Link className={onlyRead ? 'chip selected' : 'chip'} href={`/quiz/${topic}`} aria-current={onlyRead ? 'true' : undefined} replace scroll={false}>
            {t('quizScope.read', { lessons: readLessons, questions: readQuestions })}
          </Link>
        </li>
        <li>
          <Link className={onlyRead ? 'chip' : 'chip selected'} href={`/quiz/${topic}?all=1`} aria-current={onlyRead ? undefined : 'true'} replace scroll={false}>
            {t('quizScope.all', { questions: allQuestions })}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
