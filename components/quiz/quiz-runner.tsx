'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { finishQuizAction, revealScenarioAction, startQuizAction, startReviewAction, submitAnswerAction } from '@/app/_actions/quiz';
import type { AnswerResult, QuizSummary, StartedQuiz } from '@/lib/data/quiz';
import type { PublicQuestion } from '@/lib/quiz/public';
import { Markdown } from './markdown';
import { useHydrated } from '@/components/hooks/use-hydrated';

export type QuizMode = { kind: 'topic'; topic: string; tag?: string } | { kind: 'mixed' } | { kind: 'review' };

const LENGTHS: readonly number[] = [5, 10, 20];
const GRADES = ['again', 'hard', 'good', 'easy'] as const;
type Grade = (typeof GRADES)[number];
type T = ReturnType<typeof useTranslations<'quiz'>>;

/** The self-grade buttons' words (FSRS ratings), with literal keys so test/unit/i18n can check them. */
function gradeWords(t: T): Record<Grade, { label: string; hint: string }> {
  return {
    again: { label: t('grades.again.label'), hint: t('grades.again.hint') },
    hard: { label: t('grades.hard.label'), hint: t('grades.hard.hint') },
    good: { label: t('grades.good.label'), hint: t('grades.good.hint') },
    easy: { label: t('grades.easy.label'), hint: t('grades.easy.hint') },
  };
}

function typeLabel(t: T, type: PublicQuestion['type']): string {
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

function difficultyLabel(t: T, difficulty: 1 | 2 | 3): string {
  return difficulty === 1 ? t('difficulty.recall') : difficulty === 2 ? t('difficulty.apply') : t('difficulty.analyse');
}

type Draft = {
  single: string | null;
  multi: string[];
  truefalse: boolean | null;
  numeric: string;
  order: string[];
  text: string;
  ticked: number[];
  reveal: { modelAnswer: string; rubric: string[]; explanation: string } | null;
};
const emptyDraft = (q: PublicQuestion): Draft => ({
  single: null,
  multi: [],
  truefalse: null,
  numeric: '',
  order: q.items?.map((i) => i.id) ?? [],
  text: '',
  ticked: [],
  reveal: null,
});

/** Runs a topic, mixed or review quiz: one question at a time, graded on the server, with a summary at the end. */
export function QuizRunner({ mode, title, available }: { mode: QuizMode; title: string; available: number }) {
  const t = useTranslations('quiz');
  const grades = gradeWords(t);
  const [quiz, setQuiz] = useState<StartedQuiz | null>(null);
  const [index, setIndex] = useState(0);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [feedback, setFeedback] = useState<AnswerResult | null>(null);
  const [results, setResults] = useState<boolean[]>([]);
  const [summary, setSummary] = useState<QuizSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [nothingDue, setNothingDue] = useState(false);
  const [length, setLength] = useState<number>(Math.min(10, available));
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const headingRef = useRef<HTMLDivElement>(null);
  const feedbackRef = useRef<HTMLHeadingElement>(null);

  const question = quiz?.questions[index] ?? null;

  const begin = useCallback(() => {
    setError(null);
    startTransition(async () => {
      const res = mode.kind === 'review' ? await startReviewAction() : await startQuizAction(mode.kind === 'topic' ? { kind: 'topic', topic: mode.topic, ...(mode.tag ? { tag: mode.tag } : {}), count: length } : { kind: 'mixed', count: length });
      if (!res.ok) return setError(res.error);
      if (!res.data) return setNothingDue(true);
      setQuiz(res.data);
      setIndex(0);
      setDraft(emptyDraft(res.data.questions[0]!));
      setFeedback(null);
      setResults([]);
      setSummary(null);
      setAnnounce(t('announce.started', { count: res.data.questions.length }));
    });
  }, [mode, length, t]);

  // A review session starts by itself: the page only exists to serve due cards.
  const autoStarted = useRef(false);
  useEffect(() => {
    if (mode.kind === 'review' && !autoStarted.current) {
      autoStarted.current = true;
      begin();
    }
  }, [mode.kind, begin]);

  useEffect(() => {
    if (question && !feedback) headingRef.current?.focus();
  }, [question, feedback]);
  useEffect(() => {
    if (feedback) feedbackRef.current?.focus();
  }, [feedback]);

  const answerPayload = useCallback((): { answer: unknown } | { problem: string } => {
    if (!question || !draft) return { problem: t('problems.noQuestion') };
    switch (question.type) {
      case 'single':
        return draft.single ? { answer: { type: 'single', optionId: draft.single } } : { problem: t('problems.chooseOption') };
      case 'multi':
        return draft.multi.length ? { answer: { type: 'multi', optionIds: draft.multi } } : { problem: t('problems.chooseAtLeastOne') };
      case 'truefalse':
        return draft.truefalse === null ? { problem: t('problems.chooseTrueFalse') } : { answer: { type: 'truefalse', value: draft.truefalse } };
      case 'numeric': {
        // Full-width digits, signs and separators (a Chinese IME) count as their ASCII forms.
        const raw = draft.numeric
          .trim()
          .replace(/[\uFF10-\uFF19\uFF0B\uFF0D\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
          .replace(/。/g, '.')
          .replace(/[,，]/g, '');
        const value = Number(raw);
        if (raw === '' || !Number.isFinite(value)) return { problem: t('problems.enterNumber') };
        return { answer: { type: 'numeric', value } };
      }
      case 'ordering':
        return { answer: { type: 'ordering', order: draft.order } };
      case 'scenario':
        return { problem: t('problems.revealFirst') };
    }
  }, [question, draft, t]);

  const submit = useCallback(
    (scenarioGrade?: Grade) => {
      if (!quiz || !question || !draft || feedback || pending) return;
      let answer: unknown;
      if (question.type === 'scenario') {
        if (!draft.reveal || !scenarioGrade) return;
        answer = { type: 'scenario', selfGrade: scenarioGrade, text: draft.text, ticked: draft.ticked };
      } else {
        const p = answerPayload();
        if ('problem' in p) {
          setError(p.problem);
          setAnnounce(p.problem);
          return;
        }
        answer = p.answer;
      }
      setError(null);
      startTransition(async () => {
        const res = await submitAnswerAction(quiz.attemptId, question.id, answer);
        if (!res.ok) {
          setError(res.error);
          setAnnounce(res.error);
          return;
        }
        setFeedback(res.data);
        setResults((r) => [...r, res.data.correct]);
        setAnnounce(res.data.correct ? t('announce.correct') : t('announce.wrong'));
      });
    },
    [quiz, question, draft, feedback, pending, answerPayload, t],
  );

  const reveal = useCallback(() => {
    if (!quiz || !question || !draft || draft.reveal || pending) return;
    if (draft.text.trim().length === 0 && !window.confirm(t('scenario.confirmReveal'))) return;
    startTransition(async () => {
      const res = await revealScenarioAction(quiz.attemptId, question.id);
      if (!res.ok) return setError(res.error);
      setDraft((d) => (d ? { ...d, reveal: res.data } : d));
      setAnnounce(t('announce.revealed'));
    });
  }, [quiz, question, draft, pending, t]);

  const next = useCallback(() => {
    if (!quiz) return;
    if (index + 1 < quiz.questions.length) {
      setIndex(index + 1);
      setDraft(emptyDraft(quiz.questions[index + 1]!));
      setFeedback(null);
      setError(null);
      setAnnounce(t('announce.question', { n: index + 2, total: quiz.questions.length }));
      return;
    }
    startTransition(async () => {
      const res = await finishQuizAction(quiz.attemptId);
      if (!res.ok) return setError(res.error);
      setSummary(res.data);
      setAnnounce(t('announce.finished', { correct: res.data.correct, answered: res.data.answered }));
    });
  }, [quiz, index, t]);

  const choose = useCallback(
    (n: number) => {
      if (!question || !draft || feedback) return;
      if (question.type === 'single' || question.type === 'multi') {
        const opt = question.options?.[n];
        if (!opt) return;
        if (question.type === 'single') {
          setDraft({ ...draft, single: opt.id });
          setAnnounce(t('announce.optionSelected', { n: n + 1 }));
        } else {
          const on = draft.multi.includes(opt.id);
          setDraft({ ...draft, multi: on ? draft.multi.filter((x) => x !== opt.id) : [...draft.multi, opt.id] });
          setAnnounce(on ? t('announce.optionCleared', { n: n + 1 }) : t('announce.optionSelected', { n: n + 1 }));
        }
      } else if (question.type === 'truefalse' && n < 2) {
        setDraft({ ...draft, truefalse: n === 0 });
        setAnnounce(n === 0 ? t('announce.trueSelected') : t('announce.falseSelected'));
      } else if (question.type === 'scenario' && draft.reveal && n < 4) {
        submit(GRADES[n]!);
      }
    },
    [question, draft, feedback, submit, t],
  );

  // Keyboard: 1–9 choose, Enter submits or moves on. Typing in a text field is left alone.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (!question || summary || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      const typing = target && (target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'checkbox' && (target as HTMLInputElement).type !== 'radio'));
      if (typing) return;
      if (/^[1-9]$/.test(e.key)) {
        e.preventDefault();
        choose(Number(e.key) - 1);
      } else if (e.key === 'Enter') {
        if (target && (target.tagName === 'BUTTON' || target.tagName === 'A')) return; // let the focused control act
        e.preventDefault();
        if (feedback) next();
        else if (question.type !== 'scenario') submit();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [question, summary, feedback, choose, next, submit]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (feedback) next();
    else submit();
  };

  const live = (
    <p className="sr-only" role="status" aria-live="polite">
      {announce}
    </p>
  );

  if (summary) return <Summary summary={summary} mode={mode} live={live} onAgain={() => { setSummary(null); setQuiz(null); if (mode.kind === 'review') begin(); }} />;

  if (!quiz || !question || !draft) {
    if (nothingDue) {
      return (
        <section className="card quiz-intro" aria-labelledby="nothing-due">
          <h2 id="nothing-due">{t('nothingDue.title')}</h2>
          <p>{t('nothingDue.body')}</p>
          <p className="quiz-actions">
            <Link className="button" href="/quiz">{t('nothingDue.takeQuiz')}</Link>
            <Link className="button secondary" href="/progress">{t('nothingDue.progress')}</Link>
          </p>
          {live}
        </section>
      );
    }
    if (mode.kind === 'review') {
      return (
        <section className="card quiz-intro" aria-busy={pending}>
          {error ? <ErrorBox message={error} onRetry={begin} /> : <p className="muted">{t('loadingDue')}</p>}
          {live}
        </section>
      );
    }
    const counts = LENGTHS.filter((n) => n < available);
    return (
      <section className="card quiz-intro" aria-labelledby="quiz-intro-title">
        <h2 id="quiz-intro-title">{title}</h2>
        <p>{t('intro.available', { count: available })}</p>
        <fieldset className="quiz-length">
          <legend>{t('intro.length')}</legend>
          {[...counts, available].map((n) => (
            <label key={n} className={length === n ? 'chip selected' : 'chip'}>
              <input type="radio" name="length" value={n} checked={length === n} disabled={!hydrated} onChange={() => setLength(n)} />
              {n === available && !counts.includes(n) ? t('intro.all', { count: n }) : t('intro.questions', { count: n })}
            </label>
          ))}
        </fieldset>
        <p className="keyboard-help">
          {t.rich('intro.keyboard', { kbd: (c) => <kbd>{c}</kbd> })}
        </p>
        {error ? <ErrorBox message={error} onRetry={begin} /> : null}
        <p className="quiz-actions">
          <button type="button" className="button" onClick={begin} disabled={pending || !hydrated}>
            {pending ? t('intro.starting') : t('intro.start')}
          </button>
        </p>
        {live}
      </section>
    );
  }

  const total = quiz.questions.length;
  const answered = feedback !== null;
  return (
    <section className="quiz" aria-labelledby="q-heading">
      <div className="quiz-progress">
        <span>{t('progress.question', { n: index + 1, total })}</span>
        <span className="quiz-score" aria-label={t('progress.rightSoFar', { count: results.filter(Boolean).length })}>
          {results.map((r, i) => (
            <span key={i} className={r ? 'dot ok' : 'dot bad'} aria-hidden="true" />
          ))}
        </span>
        <progress max={total} value={index + (answered ? 1 : 0)} aria-label={t('progress.label')} />
      </div>
      <form className="card quiz-card" onSubmit={onSubmit} aria-busy={pending}>
        <div className="quiz-meta">
          <span className="badge">{question.topicTitle ?? question.topic}</span>
          <span className="badge">{difficultyLabel(t, question.difficulty)}</span>
          <span className="badge type">{typeLabel(t, question.type)}</span>
        </div>
        <h2 id="q-heading" className="sr-only">
          {t('progress.question', { n: index + 1, total })}
        </h2>
        <div className="quiz-prompt" tabIndex={-1} ref={headingRef}>
          <Markdown text={question.prompt} />
        </div>
        <QuestionBody question={question} draft={draft} setDraft={setDraft} feedback={feedback} onChoose={choose} onAnnounce={setAnnounce} />

        {question.type === 'scenario' && !answered ? (
          draft.reveal ? (
            <fieldset className="self-grade">
              <legend>{t('scenario.gradeLegend')}</legend>
              <div className="grade-buttons">
                {GRADES.map((g, i) => (
                  <button key={g} type="button" className={`button grade grade-${g}`} onClick={() => submit(g)} disabled={pending}>
                    <kbd aria-hidden="true">{i + 1}</kbd> {grades[g].label}
                    <small>{grades[g].hint}</small>
                  </button>
                ))}
              </div>
            </fieldset>
          ) : (
            <p className="quiz-actions">
              <button type="button" className="button" onClick={reveal} disabled={pending}>
                {t('scenario.reveal')}
              </button>
            </p>
          )
        ) : null}

        {error ? <ErrorBox message={error} /> : null}

        {answered ? (
          <FeedbackPanel question={question} feedback={feedback} headingRef={feedbackRef} />
        ) : null}

        <div className="quiz-actions">
          {!answered && question.type !== 'scenario' ? (
            <button type="submit" className="button" disabled={pending}>
              {pending ? t('actions.checking') : t('actions.submit')} <kbd aria-hidden="true">Enter</kbd>
            </button>
          ) : null}
          {answered ? (
            <button type="submit" className="button" disabled={pending}>
              {index + 1 < total ? t('actions.next') : pending ? t('actions.finishing') : t('actions.summary')} <kbd aria-hidden="true">Enter</kbd>
            </button>
          ) : null}
          {!answered ? (
            <span className="keyboard-help" aria-hidden="true">
              {question.type === 'single' || question.type === 'multi' ? (
                t.rich('keys.choose', { last: question.options!.length, kbd: (c) => <kbd>{c}</kbd> })
              ) : question.type === 'truefalse' ? (
                t.rich('keys.trueFalse', { kbd: (c) => <kbd>{c}</kbd> })
              ) : question.type === 'scenario' && draft.reveal ? (
                t.rich('keys.grade', { kbd: (c) => <kbd>{c}</kbd> })
              ) : null}
            </span>
          ) : null}
        </div>
      </form>
      {live}
    </section>
  );
}

/** The first line of a prompt, cut at a word boundary to about 180 characters. */
function excerpt(prompt: string): string {
  const line = prompt.split('\n')[0]!;
  if (line.length <= 180) return line;
  const cut = line.slice(0, 180);
  // Chinese has no spaces between words: cut there as is; elsewhere back off to the last whole word.
  return (/\p{Script=Han}/u.test(cut.slice(-20)) ? cut : cut.replace(/\s+\S*$/, '')) + '…';
}

function ErrorBox({ message, onRetry }: { message: string; onRetry?: () => void }) {
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

function QuestionBody({
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

function FeedbackPanel({ question, feedback, headingRef }: { question: PublicQuestion; feedback: AnswerResult; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
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

function Summary({ summary, mode, live, onAgain }: { summary: QuizSummary; mode: QuizMode; live: React.ReactNode; onAgain: () => void }) {
  const t = useTranslations('quiz');
  const pct = summary.answered ? Math.round((100 * summary.correct) / summary.answered) : 0;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
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
        {summary.items.map((item) => (
          <li key={item.questionId} className={item.correct === null ? 'skipped' : item.correct ? 'ok' : 'bad'}>
            <span className="mark" aria-label={item.correct === null ? t('summary.mark.skipped') : item.correct ? t('summary.mark.right') : t('summary.mark.wrong')}>
              {item.correct === null ? '–' : item.correct ? '✓' : '✗'}
            </span>
            <span className="summary-prompt">
              <Markdown text={excerpt(item.prompt)} inline />
            </span>
          </li>
        ))}
      </ol>
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
