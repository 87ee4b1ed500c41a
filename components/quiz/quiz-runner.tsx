'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { finishQuizAction, markGuessedAction, revealScenarioAction, startQuizAction, startReviewAction, submitAnswerAction } from '@/app/_actions/quiz';
import type { AnswerResult, GuessResult, QuizSummary, StartedQuiz } from '@/lib/data/quiz';
import { Markdown } from './markdown';
import { difficultyLabel, emptyDraft, ErrorBox, FeedbackPanel, GRADES, gradeWords, QuestionBody, typeLabel, type Draft, type Grade } from './question-parts';
import { GuessToggle, Summary } from './quiz-summary';
import { useHydrated } from '@/components/hooks/use-hydrated';

export type QuizMode = { kind: 'topic'; topic: string; tag?: string; question?: string; lessons?: string[] } | { kind: 'mixed' } | { kind: 'review' };

const LENGTHS: readonly number[] = [5, 10, 20];

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
  // What the learner answered in this session (for the summary's reopened questions) and their "I guessed" marks.
  const [answers, setAnswers] = useState<Record<string, { draft: Draft; feedback: AnswerResult }>>({});
  const [guesses, setGuesses] = useState<Record<string, GuessResult>>({});
  const [length, setLength] = useState<number>(Math.min(10, available));
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const headingRef = useRef<HTMLDivElement>(null);
  const feedbackRef = useRef<HTMLHeadingElement>(null);

  const question = quiz?.questions[index] ?? null;

  const begin = useCallback(() => {
    setError(null);
    startTransition(async () => {
      const res = mode.kind === 'review' ? await startReviewAction() : await startQuizAction(mode.kind === 'topic' ? { kind: 'topic', topic: mode.topic, ...(mode.tag ? { tag: mode.tag } : {}), ...(mode.question ? { question: mode.question } : {}), ...(mode.lessons ? { lessons: mode.lessons } : {}), count: length } : { kind: 'mixed', count: length });
      if (!res.ok) return setError(res.error);
      if (!res.data) return setNothingDue(true);
      setQuiz(res.data);
      setIndex(0);
      setDraft(emptyDraft(res.data.questions[0]!));
      setFeedback(null);
      setResults([]);
      setAnswers({});
      setGuesses({});
      setSummary(null);
      setAnnounce(t('announce.started', { count: res.data.questions.length }));
    });
  }, [mode, length, t]);

  // A review session starts by itself: the page only exists to serve due cards. So does a single question (/quiz/<topic>?q=<id>).
  const autoStarted = useRef(false);
  const autoStart = mode.kind === 'review' || (mode.kind === 'topic' && mode.question !== undefined);
  useEffect(() => {
    if (autoStart && !autoStarted.current) {
      autoStarted.current = true;
      begin();
    }
  }, [autoStart, begin]);

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
        setAnswers((a) => ({ ...a, [question.id]: { draft, feedback: res.data } }));
        setAnnounce(res.data.correct ? t('announce.correct') : t('announce.wrong'));
      });
    },
    [quiz, question, draft, feedback, pending, answerPayload, t],
  );

  const toggleGuess = useCallback(() => {
    if (!quiz || !question || !feedback || pending) return;
    const on = !(guesses[question.id]?.guessed ?? false);
    startTransition(async () => {
      const res = await markGuessedAction(quiz.attemptId, question.id, on);
      if (!res.ok) {
        setError(res.error);
        setAnnounce(res.error);
        return;
      }
      setError(null);
      setGuesses((g) => ({ ...g, [res.data.questionId]: res.data }));
    });
  }, [quiz, question, feedback, pending, guesses]);

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
  // A layout effect: the listener is (re)attached in the same commit that shows the card or the chosen
  // option, so a key pressed right after (Enter straight after 1) never meets a listener that still holds
  // the previous draft.
  useLayoutEffect(() => {
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

  if (summary) return <Summary summary={summary} mode={mode} live={live} questions={quiz?.questions ?? []} answers={answers} guesses={guesses} onAgain={() => { setSummary(null); setQuiz(null); if (mode.kind === 'review') begin(); }} />;

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
        <span className="quiz-score" role="img" aria-label={t('progress.rightSoFar', { count: results.filter(Boolean).length })}>
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
        {answered && feedback.correct && question.type !== 'scenario' ? <GuessToggle guess={guesses[question.id] ?? null} pending={pending} onToggle={toggleGuess} /> : null}

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
