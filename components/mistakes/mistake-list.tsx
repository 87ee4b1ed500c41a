import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { excerpt } from '@/components/quiz/excerpt';
import { Markdown } from '@/components/quiz/markdown';
import type { LabMistake, Mistake, QuestionMistake } from '@/lib/data/mistakes';

/** How many failing test names a lab item lists before "and N more". */
const TESTS_SHOWN = 4;

/** The notebook's items: questions (wrong or guessed) and labs, newest first, each with its practice action. */
export function MistakeList({ items, topicTitles }: { items: Mistake[]; topicTitles: Record<string, string> }) {
  return (
    <ul className="mistake-list">
      {items.map((m) => (m.kind === 'lab' ? <LabItem key={`lab:${m.labId}`} m={m} topicTitles={topicTitles} /> : <QuestionItem key={`q:${m.questionId}`} m={m} topicTitles={topicTitles} />))}
    </ul>
  );
}

function QuestionItem({ m, topicTitles }: { m: QuestionMistake; topicTitles: Record<string, string> }) {
  const t = useTranslations('mistakes');
  const format = useFormatter();
  const status = m.kind === 'guessed' ? t('item.guessedRight') : m.latest === 'wrong' ? t('item.stillWrong') : m.latest === 'guessed' ? t('item.sinceGuessed') : t('item.sinceRight');
  const statusClass = m.latest === 'wrong' ? 'bad' : m.latest === 'guessed' ? 'warn' : 'ok';
  const prompt = excerpt(m.prompt, 200);
  const lessonTitle = m.lesson.section ? `${m.lesson.title} › ${m.lesson.section}` : m.lesson.title;
  return (
    <li className={`card mistake-item kind-${m.kind}`} data-question={m.questionId}>
      <div className="quiz-meta">
        <span className="badge">{topicTitles[m.topic] ?? m.topic}</span>
        <span className={m.kind === 'guessed' ? 'badge guessed' : 'badge wrong'}>{m.kind === 'guessed' ? t('item.guessed') : t('item.wrong')}</span>
        <span className={`mistake-status ${statusClass}`}>{status}</span>
      </div>
      <div className="mistake-prompt">
        <Markdown text={prompt} inline />
      </div>
      <p className="muted small">
        {m.kind === 'wrong' ? t('item.wrongTimes', { wrong: m.wrongCount, answers: m.answers }) : t('item.guessedTimes', { answers: m.answers })} ·{' '}
        {t('item.lastAnswered', { date: format.dateTime(m.lastAnsweredAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
      </p>
      <p className="mistake-actions">
        <Link className="button small" href={m.practiceHref} aria-label={t('item.retryLabel', { prompt: excerpt(m.prompt, 80) })}>
          {t('item.retry')}
        </Link>
        <Link className="button secondary small" href={m.lesson.href} aria-label={t('item.lessonLabel', { title: lessonTitle })}>
          {t('item.lesson')}
        </Link>
        <span className="muted small mistake-lesson">{lessonTitle}</span>
      </p>
    </li>
  );
}

function LabItem({ m, topicTitles }: { m: LabMistake; topicTitles: Record<string, string> }) {
  const t = useTranslations('mistakes');
  const format = useFormatter();
  const shown = m.failedTests.slice(0, TESTS_SHOWN);
  return (
    <li className="card mistake-item kind-lab" data-lab={m.labId}>
      <div className="quiz-meta">
        {m.topic ? <span className="badge">{topicTitles[m.topic] ?? m.topic}</span> : null}
        <span className="badge lab">{t('item.lab')}</span>
        <span className={`mistake-status ${m.solvedSince ? 'ok' : 'bad'}`}>{m.solvedSince ? t('item.solvedSince') : t('item.stillFailing')}</span>
      </div>
      <h2 className="mistake-lab-title">{m.title}</h2>
      {m.failedTests.length ? (
        <>
          <p className="small">{t('item.failedTests', { count: m.failedTests.length, total: m.totalTests })}</p>
          <ul className="mistake-tests">
            {shown.map((test) => (
              <li key={test.name}>
                <code>{test.title}</code>
              </li>
            ))}
            {m.failedTests.length > shown.length ? <li className="muted">{t('item.moreTests', { count: m.failedTests.length - shown.length })}</li> : null}
          </ul>
        </>
      ) : (
        <p className="small">{t('item.noTests')}</p>
      )}
      <p className="muted small">{t('item.failedAt', { date: format.dateTime(m.failedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
      <p className="mistake-actions">
        <Link className="button small" href={m.practiceHref} aria-label={t('item.openLabLabel', { title: m.title })}>
          {t('item.openLab')}
        </Link>
      </p>
    </li>
  );
}
