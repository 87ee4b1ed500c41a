'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnswerResult, GuessResult, QuizSummary } from '@/lib/data/quiz';
import type { PublicQuestion } from '@/lib/quiz/public';
import { Markdown } from './markdown';
import { excerpt } from './excerpt';
import { difficultyLabel, FeedbackPanel, QuestionBody, typeLabel, type Draft } from './question-parts';
import type { QuizMode } from './quiz-runner';

/** "I guessed" after a right, auto-graded answer: a pressed/unpressed toggle; its card is then scheduled Hard instead of Good. */
export function GuessToggle({ guess, pending, onToggle }: { guess: GuessResult | null; pending: boolean; onToggle: () => void }) {
  const t = useTranslations('quiz');
  const format = useFormatter();
  const on = guess?.guessed ?? false;
  const date = guess?.due ? format.dateTime(new Date(guess.due), { dateStyle: 'medium', timeStyle: 'short' }) : '';
  const message = !guess
    ? t('guess.hint')
    : guess.guessed
      ? guess.rescheduled && guess.due
        ? t('guess.marked', { date })
        : t('guess.markedKept')
      : guess.rescheduled && guess.due
        ? t('guess.unmarked', { date })
        : t('guess.unmarkedKept');
  return (
    <div className={on ? 'guess-toggle on' : 'guess-toggle'}>
      <button type="button" className="button secondary small" aria-pressed={on} aria-describedby="guess-status" onClick={onToggle} disabled={pending}>
        <span aria-hidden="true">{on ? '☑' : '☐'}</span> {t('guess.button')}
      </button>
      <p id="guess-status" className="muted small" role="status">
        {message}
      </p>
    </div>
  );
}

/** One answered question of a finished quiz, shown again: the learner's answer, the right one and the explanation. */
export function ReopenedQuestion({
  question,
  n,
  total,
  answer,
  guessed,
  onBack,
}: {
  question: PublicQuestion;
  n: number;
  total: number;
  answer: { draft: Draft; feedback: AnswerResult };
  guessed: boolean;
  onBack: () => void;
}) {
  const t = useTranslations('quiz');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const unusedRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);
  const noop = () => undefined;
  return (
    <section className="card quiz-card quiz-reopened" aria-labelledby="reopen-title">
      <p>
        <button type="button" className="button secondary small" onClick={onBack}>
          ← {t('reopen.back')}
        </button>
      </p>
      <h2 id="reopen-title" tabIndex={-1} ref={headingRef} className="reopen-title">
        {t('reopen.title', { n, total })}
      </h2>
      <div className="quiz-meta">
        <span className="badge">{question.topicTitle ?? question.topic}</span>
        <span className="badge">{difficultyLabel(t, question.difficulty)}</span>
        <span className="badge type">{typeLabel(t, question.type)}</span>
        {guessed ? <span className="badge guessed">{t('guess.badge')}</span> : null}
      </div>
      <div className="quiz-prompt">
        <Markdown text={question.prompt} />
      </div>
      <QuestionBody question={question} draft={answer.draft} setDraft={noop} feedback={answer.feedback} onChoose={noop} onAnnounce={noop} />
      <FeedbackPanel question={question} feedback={answer.feedback} headingRef={unusedRef} />
      {guessed ? <p className="muted">{t('reopen.guessed')}</p> : null}
      <p className="quiz-actions">
        <button type="button" className="button" onClick={onBack}>
          {t('reopen.back')}
        </button>
      </p>
    </section>
  );
}

export function Summary({
  summary,
  mode,
  live,
  questions,
  answers,
  guesses,
  onAgain,
}: {
  summary: QuizSummary;
  mode: QuizMode;
  live: React.ReactNode;
  questions: PublicQuestion[];
  answers: Record<string, { draft: Draft; feedback: AnswerResult }>;
  guesses: Record<string, GuessResult>;
  onAgain: () => void;
}) {
  const t = useTranslations('quiz');
  const pct = summary.answered ? Math.round((100 * summary.correct) / summary.answered) : 0;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [open, setOpen] = useState<string | null>(null);
  const returnTo = useRef<string | null>(null);
  useEffect(() => {
    if (open !== null) return;
    // Back from a reopened question: focus its item again; otherwise the score.
    if (returnTo.current) document.getElementById(`summary-item-${returnTo.current}`)?.focus();
    else headingRef.current?.focus();
  }, [open]);
  const byId = new Map(questions.map((q) => [q.id, q] as const));
  const back = useCallback(() => setOpen(null), [setOpen]);
  const opened = open ? byId.get(open) : undefined;
  if (open && opened && answers[open]) {
    return (
      <>
        <ReopenedQuestion
          question={opened}
          n={summary.items.findIndex((i) => i.questionId === open) + 1}
          total={summary.items.length}
          answer={answers[open]}
          guessed={guesses[open]?.guessed ?? false}
          onBack={back}
        />
        {live}
      </>
    );
  }
  return (
    <section className="card quiz-summary" aria-labelledby="summary-title">
      <h2 id="summary-title" tabIndex={-1} ref={headingRef}>
        {summary.answered < summary.total
          ? t('summary.scoreSkipped', { correct: summary.correct, answered: summary.answered, skipped: summary.total - summary.answered })
          : t('summary.score', { correct: summary.correct, answered: summary.answered })}
      </h2>
      <div className="score-bar" role="img" aria-label={t('summary.percent', { pct })}>
        <span style={{ width: `${pct}%` }} />
      </div>
      {summary.toReview.length ? (
        <>
          <h3>{t('summary.toReview')}</h3>
          <ul className="review-links">
            {summary.toReview.map((r) => (
              <li key={r.lesson.href}>
                <Link href={r.lesson.href}>
                  {r.lesson.title}
                  {r.lesson.section ? ` › ${r.lesson.section}` : ''}
                </Link>{' '}
                <span className="muted">
                  {t('summary.missed', { count: r.questions })}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{summary.answered ? t('summary.nothingMissed') : t('summary.noneAnswered')}</p>
      )}
      <h3>{t('summary.questions')}</h3>
      <ol className="summary-items">
        {summary.items.map((item, i) => {
          const guessed = item.correct === true && (guesses[item.questionId]?.guessed ?? false);
          const markLabel = item.correct === null ? t('summary.mark.skipped') : guessed ? t('summary.mark.guessed') : item.correct ? t('summary.mark.right') : t('summary.mark.wrong');
          const body = (
            <>
              <span className="mark" role="img" aria-label={markLabel}>
                {item.correct === null ? '–' : guessed ? '?' : item.correct ? '✓' : '✗'}
              </span>
              <span className="summary-prompt">
                <Markdown text={excerpt(item.prompt)} inline />
              </span>
            </>
          );
          return (
            <li key={item.questionId} className={item.correct === null ? 'skipped' : guessed ? 'guessed' : item.correct ? 'ok' : 'bad'}>
              {answers[item.questionId] && byId.has(item.questionId) ? (
                <button
                  type="button"
                  id={`summary-item-${item.questionId}`}
                  className="summary-open"
                  onClick={() => {
                    returnTo.current = item.questionId;
                    setOpen(item.questionId);
                  }}
                >
                  {body}
                  <span className="sr-only"> {t('reopen.show', { n: i + 1 })}</span>
                </button>
              ) : (
                body
              )}
            </li>
          );
        })}
      </ol>
      <p className="muted">{t.rich('summary.mistakes', { link: (c) => <Link href="/mistakes">{c}</Link> })}</p>
      <p className="quiz-actions">
        <button type="button" className="button" onClick={onAgain}>
          {mode.kind === 'review' ? t('summary.reviewMore') : t('summary.again')}
        </button>
        <Link className="button secondary" href="/review">
          {t('summary.reviewDue')}
        </Link>
        <Link className="button secondary" href="/progress">
          {t('summary.progress')}
        </Link>
      </p>
      {live}
    </section>
  );
}
