import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import type { AnswerResult } from '@/lib/data/quiz';
import type { PublicQuestion } from '@/lib/quiz/public';
import { Markdown } from './markdown';

/** The parts of a quiz question shared by the runner and the summary: the answer form, the feedback and their words. */

export const GRADES = ['again', 'hard', 'good', 'easy'] as const;
export type Grade = (typeof GRADES)[number];
export type T = ReturnType<typeof useTranslations<'quiz'>>;

/** The self-grade buttons' words (FSRS ratings), with literal keys so test/unit/i18n can check them. */
export function gradeWords(t: T): Record<Grade, { label: string; hint: string }> {
  return {
    again: { label: t('grades.again.label'), hint: t('grades.again.hint') },
    hard: { label: t('grades.hard.label'), hint: t('grades.hard.hint') },
    good: { label: t('grades.good.label'), hint: t('grades.good.hint') },
    easy: { label: t('grades.easy.label'), hint: t('grades.easy.hint') },
  };
}

export function typeLabel(t: T, type: PublicQuestion['type']): string {
  switch (type) {
    case 'single':
      return t('types.single');
    case 'multi':
      return t('types.multi');
    case 'truefalse':
      return t('types.truefalse');
    case 'numeric':
      return t('types.numeric');
    case 'ordering':
      return t('types.ordering');
    case 'scenario':
      return t('types.scenario');
  }
}

export function difficultyLabel(t: T, difficulty: 1 | 2 | 3): string {
  return difficulty === 1 ? t('difficulty.recall') : difficulty === 2 ? t('difficulty.apply') : t('difficulty.analyse');
}

export type Draft = {
  single: string | null;
  multi: string[];
  truefalse: boolean | null;
  numeric: string;
  order: string[];
  text: string;
  ticked: number[];
  reveal: { modelAnswer: string; rubric: string[]; explanation: string } | null;
};
export const emptyDraft = (q: PublicQuestion): Draft => ({
  single: null,
  multi: [],
  truefalse: null,
  numeric: '',
  order: q.items?.map((i) => i.id) ?? [],
  text: '',
  ticked: [],
  reveal: null,
});

export function ErrorBox({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useTranslations('quiz');
  return (
    <div className="error-box quiz-error" role="alert">
      {message}{' '}
      {onRetry ? (
        <button type="button" className="button secondary small" onClick={onRetry}>
          {t('actions.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function QuestionBody({
  question,
  draft,
  setDraft,
  feedback,
  onChoose,
  onAnnounce,
}: {
  question: PublicQuestion;
  draft: Draft;
  setDraft: (d: Draft) => void;
  feedback: AnswerResult | null;
  onChoose: (n: number) => void;
  onAnnounce: (s: string) => void;
}) {
  const t = useTranslations('quiz');
  const locked = feedback !== null;
  switch (question.type) {
    case 'single':
    case 'multi': {
      const byId = new Map(feedback?.options?.map((o) => [o.id, o] as const));
      return (
        <fieldset className="options" disabled={locked}>
          <legend className="sr-only">{typeLabel(t, question.type)}</legend>
          <ol className="option-list">
            {question.options!.map((o, i) => {
              const checked = question.type === 'single' ? draft.single === o.id : draft.multi.includes(o.id);
              const fb = byId.get(o.id);
              const cls = ['option', checked ? 'selected' : '', fb ? (fb.correct ? 'is-correct' : checked ? 'is-wrong' : '') : ''].join(' ');
              return (
                <li key={o.id} className={cls}>
                  <label>
                    <input type={question.type === 'single' ? 'radio' : 'checkbox'} name={`q-${question.id}`} checked={checked} onChange={() => onChoose(i)} />
                    <kbd aria-hidden="true">{i + 1}</kbd>
                    <span className="option-text">
                      <Markdown text={o.text} inline />
                    </span>
                    {fb ? <span className="verdict">{fb.correct ? (checked ? t('verdict.rightChosen') : t('verdict.right')) : checked ? t('verdict.wrongChosen') : t('verdict.wrong')}</span> : null}
                  </label>
                  {fb ? (
                    <div className="why">
                      <Markdown text={fb.why} />
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </fieldset>
      );
    }
    case 'truefalse':
      return (
        <fieldset className="options" disabled={locked}>
          <legend className="sr-only">{t('types.truefalse')}</legend>
          <ol className="option-list tf">
            {[true, false].map((v, i) => {
              const checked = draft.truefalse === v;
              const right = feedback ? feedback.answer === v : null;
              return (
                <li key={String(v)} className={['option', checked ? 'selected' : '', right === true ? 'is-correct' : right === false && checked ? 'is-wrong' : ''].join(' ')}>
                  <label>
                    <input type="radio" name={`q-${question.id}`} checked={checked} onChange={() => onChoose(i)} />
                    <kbd aria-hidden="true">{i + 1}</kbd>
                    <span className="option-text">{v ? t('trueFalse.true') : t('trueFalse.false')}</span>
                    {right === true ? <span className="verdict">{t('verdict.right')}</span> : null}
                  </label>
                </li>
              );
            })}
          </ol>
        </fieldset>
      );
    case 'numeric':
      return (
        <div className="numeric-answer">
          <label htmlFor={`num-${question.id}`}>{question.unit ? t('numeric.labelWithUnit', { unit: question.unit }) : t('numeric.label')}</label>
          <div className="numeric-row">
            <input
              id={`num-${question.id}`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={draft.numeric}
              readOnly={locked}
              onChange={(e) => setDraft({ ...draft, numeric: e.target.value })}
              aria-describedby={`num-help-${question.id}`}
            />
            {question.unit ? <span className="unit">{question.unit}</span> : null}
          </div>
          <small id={`num-help-${question.id}`} className="muted">
            {t('numeric.help')}
          </small>
        </div>
      );
    case 'ordering': {
      const text = new Map(question.items!.map((i) => [i.id, i.text] as const));
      const move = (from: number, to: number) => {
        if (to < 0 || to >= draft.order.length) return;
        const order = draft.order.slice();
        const [item] = order.splice(from, 1);
        order.splice(to, 0, item!);
        setDraft({ ...draft, order });
        onAnnounce(t('announce.moved', { n: to + 1, total: order.length }));
      };
      return (
        <ol className="ordering-list" aria-label={t('ordering.label')}>
          {draft.order.map((id, i) => (
            <li key={id} className={feedback ? (feedback.positions?.[i] ? 'is-correct' : 'is-wrong') : ''}>
              <span className="pos" aria-hidden="true">
                {i + 1}
              </span>
              <span className="option-text">
                <Markdown text={text.get(id)!} inline />
              </span>
              {!locked ? (
                <span className="move">
                  <button type="button" className="icon-button" onClick={() => move(i, i - 1)} disabled={i === 0} aria-label={t('ordering.up', { item: text.get(id)! })}>
                    ↑
                  </button>
                  <button type="button" className="icon-button" onClick={() => move(i, i + 1)} disabled={i === draft.order.length - 1} aria-label={t('ordering.down', { item: text.get(id)! })}>
                    ↓
                  </button>
                </span>
              ) : (
                <span className="verdict">{feedback?.positions?.[i] ? '✓' : '✗'}</span>
              )}
            </li>
          ))}
        </ol>
      );
    }
    case 'scenario':
      return (
        <div className="scenario">
          <label htmlFor={`sc-${question.id}`}>{t('scenario.label')}</label>
          <textarea id={`sc-${question.id}`} rows={6} value={draft.text} readOnly={Boolean(draft.reveal)} maxLength={8000} onChange={(e) => setDraft({ ...draft, text: e.target.value })} />
          {draft.reveal ? (
            <div className="model-answer">
              <h3>{t('scenario.modelAnswer')}</h3>
              <Markdown text={draft.reveal.modelAnswer} />
              <fieldset className="rubric" disabled={locked}>
                <legend>{t('scenario.rubric')}</legend>
                <ul>
                  {draft.reveal.rubric.map((point, i) => (
                    <li key={i}>
                      <label>
                        <input
                          type="checkbox"
                          checked={draft.ticked.includes(i)}
                          onChange={() => setDraft({ ...draft, ticked: draft.ticked.includes(i) ? draft.ticked.filter((x) => x !== i) : [...draft.ticked, i] })}
                        />{' '}
                        <Markdown text={point} inline />
                      </label>
                    </li>
                  ))}
                </ul>
                <p className="muted small">
                  {t('scenario.covered', { ticked: draft.ticked.length, total: draft.reveal.rubric.length })}
                </p>
              </fieldset>
            </div>
          ) : null}
        </div>
      );
  }
}

export function FeedbackPanel({ question, feedback, headingRef }: { question: PublicQuestion; feedback: AnswerResult; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const t = useTranslations('quiz');
  const format = useFormatter();
  const grades = gradeWords(t);
  return (
    <div className={`feedback ${feedback.correct ? 'ok' : 'bad'}`}>
      <h3 tabIndex={-1} ref={headingRef}>
        {question.type === 'scenario' ? t('feedback.selfGraded', { grade: grades[feedback.rating].label }) : feedback.correct ? t('feedback.correct') : t('feedback.wrong')}
      </h3>
      {question.type === 'truefalse' && !feedback.correct ? (
        <p>{feedback.answer ? t.rich('feedback.statementTrue', { b: (c) => <strong>{c}</strong> }) : t.rich('feedback.statementFalse', { b: (c) => <strong>{c}</strong> })}</p>
      ) : null}
      {question.type === 'numeric' ? (
        <p>
          {feedback.tolerance
            ? t.rich('feedback.numericTolerance', {
                answer: format.number(Number(feedback.answer), { maximumFractionDigits: 10 }),
                unit: feedback.unit ? ` ${feedback.unit}` : '',
                tolerance: format.number(feedback.tolerance, { maximumFractionDigits: 10 }),
                b: (c) => <strong>{c}</strong>,
              })
            : t.rich('feedback.numeric', {
                answer: format.number(Number(feedback.answer), { maximumFractionDigits: 10 }),
                unit: feedback.unit ? ` ${feedback.unit}` : '',
                b: (c) => <strong>{c}</strong>,
              })}
        </p>
      ) : null}
      {question.type === 'ordering' && !feedback.correct ? (
        <>
          <p>{t('feedback.rightOrder')}</p>
          <ol className="right-order">
            {feedback.correctOrder!.map((c) => (
              <li key={c.id}>
                <Markdown text={c.text} inline />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {!feedback.correct && feedback.whyWrong ? (
        <div className="why-wrong">
          <strong>{t('feedback.usualMistake')}</strong>
          <Markdown text={feedback.whyWrong} />
        </div>
      ) : null}
      <div className="explanation">
        <Markdown text={feedback.explanation} />
      </div>
      <p className="lesson-link">
        {t('feedback.learnMore')}{' '}
        <Link href={feedback.lesson.href}>
          {feedback.lesson.section ? t('feedback.lessonSection', { title: feedback.lesson.title, section: feedback.lesson.section }) : feedback.lesson.title}
        </Link>
      </p>
    </div>
  );
}
