'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { finishQuizAction, revealScenarioAction, startQuizAction, startReviewAction, submitAnswerAction } from '@/app/_actions/quiz';
import type { AnswerResult, QuizSummary, StartedQuiz } from '@/lib/data/quiz';
import type { PublicQuestion } from '@/lib/quiz/public';
import { Markdown } from './markdown';
import { useHydrated } from '@/components/hooks/use-hydrated';

export type QuizMode = { kind: 'topic'; topic: string; tag?: string } | { kind: 'mixed' } | { kind: 'review' };

const LENGTHS: readonly number[] = [5, 10, 20];
const GRADES = [
  { value: 'again', label: 'Again', hint: 'I missed key points' },
  { value: 'hard', label: 'Hard', hint: 'Partly, with effort' },
  { value: 'good', label: 'Good', hint: 'Most points' },
  { value: 'easy', label: 'Easy', hint: 'All points, quickly' },
] as const;
type Grade = (typeof GRADES)[number]['value'];

const TYPE_LABEL: Record<PublicQuestion['type'], string> = {
  single: 'Choose one',
  multi: 'Choose all that apply',
  truefalse: 'True or false',
  numeric: 'Enter a number',
  ordering: 'Put in order',
  scenario: 'Scenario: answer, then compare',
};
const DIFFICULTY = ['', 'Recall', 'Apply', 'Analyse'];

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
      setAnnounce(`Quiz started: ${res.data.questions.length} questions.`);
    });
  }, [mode, length]);

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
    if (!question || !draft) return { problem: 'No question.' };
    switch (question.type) {
      case 'single':
        return draft.single ? { answer: { type: 'single', optionId: draft.single } } : { problem: 'Choose an option first.' };
      case 'multi':
        return draft.multi.length ? { answer: { type: 'multi', optionIds: draft.multi } } : { problem: 'Choose at least one option.' };
      case 'truefalse':
        return draft.truefalse === null ? { problem: 'Choose true or false.' } : { answer: { type: 'truefalse', value: draft.truefalse } };
      case 'numeric': {
        const raw = draft.numeric.trim().replace(/,/g, '');
        const value = Number(raw);
        if (raw === '' || !Number.isFinite(value)) return { problem: 'Enter a number, e.g. 3 or 0.5.' };
        return { answer: { type: 'numeric', value } };
      }
      case 'ordering':
        return { answer: { type: 'ordering', order: draft.order } };
      case 'scenario':
        return { problem: 'Reveal the model answer, then grade yourself.' };
    }
  }, [question, draft]);

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
        setAnnounce(res.data.correct ? 'Correct.' : 'Not quite. The explanation follows.');
      });
    },
    [quiz, question, draft, feedback, pending, answerPayload],
  );

  const reveal = useCallback(() => {
    if (!quiz || !question || !draft || draft.reveal || pending) return;
    if (draft.text.trim().length === 0 && !window.confirm('Reveal the model answer without writing your own first?')) return;
    startTransition(async () => {
      const res = await revealScenarioAction(quiz.attemptId, question.id);
      if (!res.ok) return setError(res.error);
      setDraft((d) => (d ? { ...d, reveal: res.data } : d));
      setAnnounce('Model answer shown. Tick the rubric points you covered, then grade yourself with keys 1 to 4.');
    });
  }, [quiz, question, draft, pending]);

  const next = useCallback(() => {
    if (!quiz) return;
    if (index + 1 < quiz.questions.length) {
      setIndex(index + 1);
      setDraft(emptyDraft(quiz.questions[index + 1]!));
      setFeedback(null);
      setError(null);
      setAnnounce(`Question ${index + 2} of ${quiz.questions.length}.`);
      return;
    }
    startTransition(async () => {
      const res = await finishQuizAction(quiz.attemptId);
      if (!res.ok) return setError(res.error);
      setSummary(res.data);
      setAnnounce(`Quiz finished: ${res.data.correct} of ${res.data.answered} right.`);
    });
  }, [quiz, index]);

  const choose = useCallback(
    (n: number) => {
      if (!question || !draft || feedback) return;
      if (question.type === 'single' || question.type === 'multi') {
        const opt = question.options?.[n];
        if (!opt) return;
        if (question.type === 'single') {
          setDraft({ ...draft, single: opt.id });
          setAnnounce(`Option ${n + 1} selected.`);
        } else {
          const on = draft.multi.includes(opt.id);
          setDraft({ ...draft, multi: on ? draft.multi.filter((x) => x !== opt.id) : [...draft.multi, opt.id] });
          setAnnounce(`Option ${n + 1} ${on ? 'cleared' : 'selected'}.`);
        }
      } else if (question.type === 'truefalse' && n < 2) {
        setDraft({ ...draft, truefalse: n === 0 });
        setAnnounce(n === 0 ? 'True selected.' : 'False selected.');
      } else if (question.type === 'scenario' && draft.reveal && n < 4) {
        submit(GRADES[n]!.value);
      }
    },
    [question, draft, feedback, submit],
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
          <h2 id="nothing-due">Nothing is due right now</h2>
          <p>Every card you have answered is scheduled for later. Answer more questions to add cards, or come back when some are due.</p>
          <p className="quiz-actions">
            <Link className="button" href="/quiz">Take a quiz</Link>
            <Link className="button secondary" href="/progress">See your progress</Link>
          </p>
          {live}
        </section>
      );
    }
    if (mode.kind === 'review') {
      return (
        <section className="card quiz-intro" aria-busy={pending}>
          {error ? <ErrorBox message={error} onRetry={begin} /> : <p className="muted">Loading your due cards…</p>}
          {live}
        </section>
      );
    }
    const counts = LENGTHS.filter((n) => n < available);
    return (
      <section className="card quiz-intro" aria-labelledby="quiz-intro-title">
        <h2 id="quiz-intro-title">{title}</h2>
        <p>
          {available} {available === 1 ? 'question' : 'questions'} available. Questions you have not seen come first, then the ones you got wrong. Every answer is graded on the server and becomes a review card.
        </p>
        <fieldset className="quiz-length">
          <legend>Length</legend>
          {[...counts, available].map((n) => (
            <label key={n} className={length === n ? 'chip selected' : 'chip'}>
              <input type="radio" name="length" value={n} checked={length === n} disabled={!hydrated} onChange={() => setLength(n)} />
              {n === available && !counts.includes(n) ? `All ${n}` : `${n} questions`}
            </label>
          ))}
        </fieldset>
        <p className="keyboard-help">
          Keyboard: <kbd>1</kbd>–<kbd>9</kbd> choose an option, <kbd>Enter</kbd> submits and moves to the next question.
        </p>
        {error ? <ErrorBox message={error} onRetry={begin} /> : null}
        <p className="quiz-actions">
          <button type="button" className="button" onClick={begin} disabled={pending || !hydrated}>
            {pending ? 'Starting…' : 'Start quiz'}
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
        <span>
          Question {index + 1} of {total}
        </span>
        <span className="quiz-score" aria-label={`${results.filter(Boolean).length} right so far`}>
          {results.map((r, i) => (
            <span key={i} className={r ? 'dot ok' : 'dot bad'} aria-hidden="true" />
          ))}
        </span>
        <progress max={total} value={index + (answered ? 1 : 0)} aria-label="Quiz progress" />
      </div>
      <form className="card quiz-card" onSubmit={onSubmit} aria-busy={pending}>
        <div className="quiz-meta">
          <span className="badge">{question.topic}</span>
          <span className="badge">{DIFFICULTY[question.difficulty]}</span>
          <span className="badge type">{TYPE_LABEL[question.type]}</span>
        </div>
        <h2 id="q-heading" className="sr-only">
          Question {index + 1} of {total}
        </h2>
        <div className="quiz-prompt" tabIndex={-1} ref={headingRef}>
          <Markdown text={question.prompt} />
        </div>
        <QuestionBody question={question} draft={draft} setDraft={setDraft} feedback={feedback} onChoose={choose} onAnnounce={setAnnounce} />

        {question.type === 'scenario' && !answered ? (
          draft.reveal ? (
            <fieldset className="self-grade">
              <legend>How well did your answer cover the model answer?</legend>
              <div className="grade-buttons">
                {GRADES.map((g, i) => (
                  <button key={g.value} type="button" className={`button grade grade-${g.value}`} onClick={() => submit(g.value)} disabled={pending}>
                    <kbd aria-hidden="true">{i + 1}</kbd> {g.label}
                    <small>{g.hint}</small>
                  </button>
                ))}
              </div>
            </fieldset>
          ) : (
            <p className="quiz-actions">
              <button type="button" className="button" onClick={reveal} disabled={pending}>
                Show the model answer
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
              {pending ? 'Checking…' : 'Submit answer'} <kbd aria-hidden="true">Enter</kbd>
            </button>
          ) : null}
          {answered ? (
            <button type="submit" className="button" disabled={pending}>
              {index + 1 < total ? 'Next question' : pending ? 'Finishing…' : 'See summary'} <kbd aria-hidden="true">Enter</kbd>
            </button>
          ) : null}
          {!answered ? (
            <span className="keyboard-help" aria-hidden="true">
              {question.type === 'single' || question.type === 'multi' ? (
                <>
                  <kbd>1</kbd>–<kbd>{question.options!.length}</kbd> choose
                </>
              ) : question.type === 'truefalse' ? (
                <>
                  <kbd>1</kbd> true, <kbd>2</kbd> false
                </>
              ) : question.type === 'scenario' && draft.reveal ? (
                <>
                  <kbd>1</kbd>–<kbd>4</kbd> grade yourself
                </>
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
  return line.slice(0, 180).replace(/\s+\S*$/, '') + '…';
}

function ErrorBox({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="error-box quiz-error" role="alert">
      {message}{' '}
      {onRetry ? (
        <button type="button" className="button secondary small" onClick={onRetry}>
          Try again
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
  const locked = feedback !== null;
  switch (question.type) {
    case 'single':
    case 'multi': {
      const byId = new Map(feedback?.options?.map((o) => [o.id, o] as const));
      return (
        <fieldset className="options" disabled={locked}>
          <legend className="sr-only">{TYPE_LABEL[question.type]}</legend>
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
                    {fb ? <span className="verdict">{fb.correct ? (checked ? '✓ Right, you chose it' : '✓ Right answer') : checked ? '✗ Your choice, wrong' : '✗ Wrong'}</span> : null}
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
          <legend className="sr-only">True or false</legend>
          <ol className="option-list tf">
            {[true, false].map((v, i) => {
              const checked = draft.truefalse === v;
              const right = feedback ? feedback.answer === v : null;
              return (
                <li key={String(v)} className={['option', checked ? 'selected' : '', right === true ? 'is-correct' : right === false && checked ? 'is-wrong' : ''].join(' ')}>
                  <label>
                    <input type="radio" name={`q-${question.id}`} checked={checked} onChange={() => onChoose(i)} />
                    <kbd aria-hidden="true">{i + 1}</kbd>
                    <span className="option-text">{v ? 'True' : 'False'}</span>
                    {right === true ? <span className="verdict">✓ Right answer</span> : null}
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
          <label htmlFor={`num-${question.id}`}>Your answer{question.unit ? ` (${question.unit})` : ''}</label>
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
            Digits, optional decimal point and minus sign. Press Enter to submit.
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
        onAnnounce(`Moved to position ${to + 1} of ${order.length}.`);
      };
      return (
        <ol className="ordering-list" aria-label="Items, in your order">
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
                  <button type="button" className="icon-button" onClick={() => move(i, i - 1)} disabled={i === 0} aria-label={`Move “${text.get(id)}” up`}>
                    ↑
                  </button>
                  <button type="button" className="icon-button" onClick={() => move(i, i + 1)} disabled={i === draft.order.length - 1} aria-label={`Move “${text.get(id)}” down`}>
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
          <label htmlFor={`sc-${question.id}`}>Your answer (for you; compared with the model answer, not graded by the machine)</label>
          <textarea id={`sc-${question.id}`} rows={6} value={draft.text} readOnly={Boolean(draft.reveal)} maxLength={8000} onChange={(e) => setDraft({ ...draft, text: e.target.value })} />
          {draft.reveal ? (
            <div className="model-answer">
              <h3>Model answer</h3>
              <Markdown text={draft.reveal.modelAnswer} />
              <fieldset className="rubric" disabled={locked}>
                <legend>Rubric: tick what your answer covered</legend>
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
                  {draft.ticked.length} of {draft.reveal.rubric.length} points covered.
                </p>
              </fieldset>
            </div>
          ) : null}
        </div>
      );
  }
}

function FeedbackPanel({ question, feedback, headingRef }: { question: PublicQuestion; feedback: AnswerResult; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  return (
    <div className={`feedback ${feedback.correct ? 'ok' : 'bad'}`}>
      <h3 tabIndex={-1} ref={headingRef}>
        {question.type === 'scenario' ? `Self-graded: ${feedback.rating}` : feedback.correct ? '✓ Correct' : '✗ Not quite'}
      </h3>
      {question.type === 'truefalse' && !feedback.correct ? (
        <p>
          The statement is <strong>{feedback.answer ? 'true' : 'false'}</strong>.
        </p>
      ) : null}
      {question.type === 'numeric' ? (
        <p>
          The answer is <strong>{String(feedback.answer)}</strong>
          {feedback.unit ? ` ${feedback.unit}` : ''}
          {feedback.tolerance ? ` (± ${feedback.tolerance} accepted)` : ''}.
        </p>
      ) : null}
      {question.type === 'ordering' && !feedback.correct ? (
        <>
          <p>The right order:</p>
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
          <strong>The usual mistake: </strong>
          <Markdown text={feedback.whyWrong} />
        </div>
      ) : null}
      <div className="explanation">
        <Markdown text={feedback.explanation} />
      </div>
      <p className="lesson-link">
        Learn more: <Link href={feedback.lesson.href}>{feedback.lesson.title}{feedback.lesson.section ? `, “${feedback.lesson.section}”` : ''}</Link>
      </p>
    </div>
  );
}

function Summary({ summary, mode, live, onAgain }: { summary: QuizSummary; mode: QuizMode; live: React.ReactNode; onAgain: () => void }) {
  const pct = summary.answered ? Math.round((100 * summary.correct) / summary.answered) : 0;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card quiz-summary" aria-labelledby="summary-title">
      <h2 id="summary-title" tabIndex={-1} ref={headingRef}>
        {summary.correct} of {summary.answered} right{summary.answered < summary.total ? ` (${summary.total - summary.answered} skipped)` : ''}
      </h2>
      <div className="score-bar" role="img" aria-label={`${pct}% right`}>
        <span style={{ width: `${pct}%` }} />
      </div>
      {summary.toReview.length ? (
        <>
          <h3>What to review</h3>
          <ul className="review-links">
            {summary.toReview.map((r) => (
              <li key={r.lesson.href}>
                <Link href={r.lesson.href}>
                  {r.lesson.title}
                  {r.lesson.section ? ` › ${r.lesson.section}` : ''}
                </Link>{' '}
                <span className="muted">
                  ({r.questions} {r.questions === 1 ? 'question' : 'questions'} missed)
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{summary.answered ? 'Nothing missed. These questions come back later on your review schedule.' : 'No questions answered.'}</p>
      )}
      <h3>Questions</h3>
      <ol className="summary-items">
        {summary.items.map((item) => (
          <li key={item.questionId} className={item.correct === null ? 'skipped' : item.correct ? 'ok' : 'bad'}>
            <span className="mark" aria-label={item.correct === null ? 'skipped' : item.correct ? 'right' : 'wrong'}>
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
          {mode.kind === 'review' ? 'Review more' : 'Another round'}
        </button>
        <Link className="button secondary" href="/review">
          Review due cards
        </Link>
        <Link className="button secondary" href="/progress">
          See progress
        </Link>
      </p>
      {live}
    </section>
  );
}
