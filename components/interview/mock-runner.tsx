'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useReducer, useRef, useState, useTransition } from 'react';
import {
  answerMockCardAction,
  answerMockQuestionAction,
  answerMockScenarioAction,
  finishMockAction,
  revealMockCardAction,
  revealMockScenarioAction,
  startMockAction,
} from '@/app/_actions/mock-interview';
import type { ActionResult } from '@/app/_actions/result';
import { useHydrated } from '@/components/hooks/use-hydrated';
import { Markdown } from '@/components/quiz/markdown';
import type { CardReveal } from '@/lib/data/interview';
import type { MockItem } from '@/lib/data/mock-interview';
import { mockComposition, mockDurationSeconds, MOCK_SIZES } from '@/lib/interview/mock';
import type { PublicQuestion } from '@/lib/quiz/public';
import { clock } from './drill-runner';
import { MockReportView } from './mock-report';
import { answeredCount, currentItem, initialMockState, itemId, itemSeconds, mockReducer, nextOpen, secondsLeft, secondsUsed, type EndedBy, type ScenarioReveal } from './mock-state';

type Translate = ReturnType<typeof useTranslations<'interview'>>;

/** A server action's result, or a message when the request itself failed (offline, server restarting). */
async function reach<T>(call: () => Promise<ActionResult<T>>, unreachable: string): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, error: unreachable };
  }
}

/** The one place the page reads the wall clock (tests replace the browser's clock, never wait on it). */
function wallClockMs(): number {
  return Date.now();
}

type Draft = { single: string | null; multi: string[]; truefalse: boolean | null; numeric: string; order: string[]; text: string };
const emptyDraft = (item: MockItem | null): Draft => ({
  single: null,
  multi: [],
  truefalse: null,
  numeric: '',
  order: item && item.kind !== 'card' ? (item.question.items?.map((i) => i.id) ?? []) : [],
  text: '',
});

function kindLabel(t: Translate, kind: MockItem['kind']): string {
  return kind === 'quiz' ? t('timed.kind.quiz') : kind === 'scenario' ? t('timed.kind.scenario') : t('timed.kind.card');
}

/** The auto-graded answer as the quiz grader takes it, or the problem to show. */
function autoAnswer(t: Translate, q: PublicQuestion, d: Draft): { answer: unknown } | { problem: string } {
  switch (q.type) {
    case 'single':
      return d.single ? { answer: { type: 'single', optionId: d.single } } : { problem: t('timed.problems.chooseOne') };
    case 'multi':
      return d.multi.length ? { answer: { type: 'multi', optionIds: d.multi } } : { problem: t('timed.problems.chooseSome') };
    case 'truefalse':
      return d.truefalse === null ? { problem: t('timed.problems.trueFalse') } : { answer: { type: 'truefalse', value: d.truefalse } };
    case 'numeric': {
      // Full-width digits and separators (a Chinese IME) count as their ASCII forms.
      const raw = d.numeric
        .trim()
        .replace(/[\uFF10-\uFF19\uFF0B\uFF0D\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
        .replace(/。/g, '.')
        .replace(/[,，]/g, '');
      const value = Number(raw);
      return raw === '' || !Number.isFinite(value) ? { problem: t('timed.problems.number') } : { answer: { type: 'numeric', value } };
    }
    case 'ordering':
      return { answer: { type: 'ordering', order: d.order } };
    case 'scenario':
      return { problem: t('timed.problems.revealFirst') };
  }
}

/** The timed mock interview: choose a length, answer under one countdown, then the readiness report. */
export function MockRunner() {
  const t = useTranslations('interview');
  const unreachable = t('runner.unreachable');
  const [state, dispatch] = useReducer(mockReducer, initialMockState);
  const [size, setSize] = useState<number>(10);
  // Drafts per item, so a skipped question keeps what was typed when the learner comes back to it.
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [problemFor, setProblemFor] = useState<{ id: string; text: string } | null>(null);
  const [announce, setAnnounce] = useState('');
  const [, startTransition] = useTransition();
  const hydrated = useHydrated();
  const promptRef = useRef<HTMLDivElement>(null);
  const revealRef = useRef<HTMLFieldSetElement>(null);
  const item = currentItem(state);
  const mockId = state.mock?.mockId ?? null;
  const draft = (item && drafts[itemId(item)]) || emptyDraft(item);
  const setDraft = (d: Draft) => {
    if (item) setDrafts((all) => ({ ...all, [itemId(item)]: d }));
  };
  const problem = item && problemFor?.id === itemId(item) ? problemFor.text : null;
  const setProblem = (text: string | null) => setProblemFor(text && item ? { id: itemId(item), text } : null);

  // One interval drives the countdown while the mock runs.
  const running = state.phase === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => dispatch({ type: 'tick', nowMs: wallClockMs() }), 1000);
    return () => clearInterval(timer);
  }, [running]);

  // A new item: focus on its prompt.
  useEffect(() => {
    if (state.phase !== 'running') return;
    promptRef.current?.focus({ preventScroll: true });
    promptRef.current?.closest('.mock-layout')?.scrollIntoView({ block: 'start' });
  }, [state.phase, state.index]);
  useEffect(() => {
    if (state.step === 'revealed') revealRef.current?.focus();
  }, [state.step]);

  // Finishing (every item answered, time up or ended early) asks the server for the report once.
  const finishing = state.phase === 'finishing' && state.error === null;
  const endedBy = state.endedBy;
  const used = secondsUsed(state);
  useEffect(() => {
    if (!finishing || !mockId || !endedBy) return;
    let cancelled = false;
    void reach(() => finishMockAction(mockId, { secondsUsed: used, endedBy }), unreachable).then((res) => {
      if (cancelled) return;
      dispatch(res.ok ? { type: 'finished', report: res.data } : { type: 'failed', error: res.error });
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per finish
  }, [finishing, mockId, endedBy]);

  const begin = useCallback(() => {
    dispatch({ type: 'start-requested' });
    startTransition(async () => {
      const res = await reach(() => startMockAction({ size: size as 10 | 20 | 30 }), unreachable);
      if (!res.ok) return dispatch({ type: 'failed', error: res.error });
      dispatch({ type: 'started', mock: res.data, nowMs: wallClockMs() });
      setAnnounce(t('timed.announce.started', { count: res.data.items.length, minutes: Math.round(res.data.durationSeconds / 60) }));
    });
  }, [size, unreachable, t]);

  const record = () => {
    if (!mockId || !item) return;
    let call: () => Promise<ActionResult<{ recorded: true }>>;
    if (item.kind === 'quiz') {
      const a = autoAnswer(t, item.question, draft);
      if ('problem' in a) {
        setProblem(a.problem);
        setAnnounce(a.problem);
        return;
      }
      call = () => answerMockQuestionAction(mockId, item.question.id, a.answer);
    } else if (item.kind === 'scenario') {
      const ticked = state.ticked;
      call = () => answerMockScenarioAction(mockId, item.question.id, { text: draft.text, ticked });
    } else {
      const covered = state.ticked;
      const seconds = Math.min(3600, itemSeconds(state));
      const notes = draft.text.trim() ? draft.text : undefined;
      call = () => answerMockCardAction(mockId, item.card.id, { covered, seconds, ...(notes ? { notes } : {}) });
    }
    setProblem(null);
    dispatch({ type: 'record-requested' });
    startTransition(async () => {
      const res = await reach(call, unreachable);
      if (!res.ok) return dispatch({ type: 'failed', error: res.error });
      dispatch({ type: 'recorded', nowMs: wallClockMs() });
      setAnnounce(t('timed.announce.recorded'));
    });
  };

  const reveal = () => {
    if (!mockId || !item || item.kind === 'quiz') return;
    dispatch({ type: 'reveal-requested', nowMs: wallClockMs() });
    startTransition(async () => {
      const res: ActionResult<ScenarioReveal | CardReveal> = await reach<ScenarioReveal | CardReveal>(
        () => (item.kind === 'scenario' ? revealMockScenarioAction(mockId, item.question.id) : revealMockCardAction(mockId, item.card.id)),
        unreachable,
      );
      dispatch(res.ok ? { type: 'revealed', reveal: res.data } : { type: 'failed', error: res.error });
    });
  };

  const skip = () => {
    const next = nextOpen(state, state.index);
    if (next >= 0 && next !== state.index) dispatch({ type: 'go', index: next, nowMs: wallClockMs() });
  };

  const endNow = (by: EndedBy) => {
    if (by === 'early' && !window.confirm(t('timed.confirmEnd', { left: (state.mock?.items.length ?? 0) - answeredCount(state) }))) return;
    dispatch({ type: 'finish-requested', endedBy: by });
  };

  const live = (
    <p className="sr-only" role="status" aria-live="polite">
      {state.phase === 'finishing' && state.endedBy === 'time' ? t('timed.announce.timeUp') : announce}
    </p>
  );

  if (state.phase === 'report' && state.report) {
    return (
      <>
        <MockReportView report={state.report} onAgain={() => dispatch({ type: 'restart' })} />
        {live}
      </>
    );
  }

  if (state.phase === 'intro' || state.phase === 'starting') {
    const mix = mockComposition(size);
    return (
      <section className="card mock-intro" aria-labelledby="mock-intro-title">
        <h2 id="mock-intro-title">{t('timed.intro.title')}</h2>
        <ol className="drill-steps">
          <li>{t('timed.intro.stepMix')}</li>
          <li>{t('timed.intro.stepClock')}</li>
          <li>{t('timed.intro.stepReport')}</li>
        </ol>
        <fieldset className="quiz-length">
          <legend>{t('timed.intro.length')}</legend>
          {MOCK_SIZES.map((n) => (
            <label key={n} className={size === n ? 'chip selected' : 'chip'}>
              <input type="radio" name="mock-size" value={n} checked={size === n} disabled={!hydrated} onChange={() => setSize(n)} />
              {t('timed.intro.sizeOption', { count: n, minutes: Math.round(mockDurationSeconds(n) / 60) })}
            </label>
          ))}
        </fieldset>
        <p className="muted">{t('timed.intro.mix', { quiz: mix.quiz, scenario: mix.scenario, card: mix.card, minutes: Math.round(mockDurationSeconds(size) / 60) })}</p>
        {state.error ? (
          <div className="error-box" role="alert">
            {state.error === 'empty' ? t('runner.noCards') : state.error}
          </div>
        ) : null}
        <p className="quiz-actions">
          <button type="button" className="button" onClick={begin} disabled={!hydrated || state.phase === 'starting'}>
            {state.phase === 'starting' ? t('timed.intro.starting') : t('timed.intro.start')}
          </button>
        </p>
        {live}
      </section>
    );
  }

  const mock = state.mock!;
  const total = mock.items.length;
  const left = secondsLeft(state);
  const done = answeredCount(state);
  const lowTime = left <= 60;
  const busy = state.step === 'recording' || state.step === 'revealing';

  if (state.phase === 'finishing') {
    return (
      <section className="card mock-finishing" aria-busy={state.error === null}>
        <h2>{state.endedBy === 'time' ? t('timed.finishing.timeUp') : t('timed.finishing.title')}</h2>
        {state.error ? (
          <div className="error-box" role="alert">
            {state.error}{' '}
            <button type="button" className="button secondary small" onClick={() => dispatch({ type: 'retry' })}>
              {t('timed.finishing.retry')}
            </button>
          </div>
        ) : (
          <p className="muted">{t('timed.finishing.scoring')}</p>
        )}
        {live}
      </section>
    );
  }

  return (
    <div className="mock-layout">
      <div className="mock-bar" role="group" aria-label={t('timed.bar.label')}>
        <span className="mock-bar-count">{t('timed.bar.item', { n: state.index + 1, total })}</span>
        <span className="mock-bar-done">{t('timed.bar.answered', { done, total })}</span>
        <span className={lowTime ? 'mock-timer low' : 'mock-timer'} role="timer" aria-label={t('timed.bar.timeLeft', { time: clock(left) })}>
          {clock(left)}
        </span>
        <button type="button" className="button secondary small" onClick={() => endNow('early')} disabled={busy}>
          {t('timed.bar.end')}
        </button>
        <span className="mock-time-bar" aria-hidden="true">
          <span className={lowTime ? 'low' : ''} style={{ width: `${(100 * left) / mock.durationSeconds}%` }} />
        </span>
      </div>

      <nav className="mock-outline" aria-label={t('timed.outline.label')}>
        <details open>
          <summary>{t('timed.outline.title', { done, total })}</summary>
          <ol>
            {mock.items.map((it, i) => {
              const answered = Boolean(state.done[itemId(it)]);
              const current = i === state.index;
              return (
                <li key={itemId(it)} className={answered ? 'answered' : current ? 'current' : ''}>
                  <button
                    type="button"
                    onClick={() => dispatch({ type: 'go', index: i, nowMs: wallClockMs() })}
                    disabled={answered || current || busy}
                    aria-current={current ? 'step' : undefined}
                    aria-label={t('timed.outline.itemLabel', { n: i + 1, kind: kindLabel(t, it.kind), state: answered ? t('timed.outline.answered') : current ? t('timed.outline.current') : t('timed.outline.open') })}
                  >
                    <span className="mock-outline-n" aria-hidden="true">
                      {answered ? '✓' : i + 1}
                    </span>
                    <span className="mock-outline-kind" aria-hidden="true">
                      {kindLabel(t, it.kind)}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </details>
      </nav>

      {item ? (
        <section className="card quiz-card mock-item" aria-labelledby="mock-item-heading" aria-busy={busy}>
          <div className="quiz-meta">
            <span className="badge">{item.kind === 'card' ? item.card.topicTitle : (item.question.topicTitle ?? item.question.topic)}</span>
            <span className="badge type">{kindLabel(t, item.kind)}</span>
            {item.kind === 'card' ? <span className="muted small">{t('timed.item.target', { time: clock(item.card.seconds) })}</span> : null}
          </div>
          <h2 id="mock-item-heading" className="sr-only">
            {t('timed.bar.item', { n: state.index + 1, total })}
          </h2>
          <div className="quiz-prompt drill-prompt-mock" tabIndex={-1} ref={promptRef}>
            {item.kind === 'card' ? <p className="mock-card-prompt">{item.card.prompt}</p> : <Markdown text={item.question.prompt} />}
          </div>

          {item.kind === 'quiz' ? <AutoInputs question={item.question} draft={draft} setDraft={setDraft} /> : null}

          {item.kind !== 'quiz' ? (
            <div className="scenario">
              <label htmlFor={`mock-text-${itemId(item)}`}>{item.kind === 'scenario' ? t('timed.item.writeAnswer') : t('timed.item.notes')}</label>
              <textarea
                id={`mock-text-${itemId(item)}`}
                rows={item.kind === 'scenario' ? 6 : 3}
                maxLength={8000}
                value={draft.text}
                readOnly={state.step !== 'answering'}
                onChange={(e) => setDraft({ ...draft, text: e.target.value })}
              />
            </div>
          ) : null}

          {state.reveal && state.step !== 'answering' && state.step !== 'revealing' ? (
            <RevealPanel
              reveal={state.reveal}
              ticked={state.ticked}
              locked={state.step === 'recording'}
              onToggle={(p) => dispatch({ type: 'toggle', point: p })}
              legendRef={revealRef}
            />
          ) : null}

          {problem ? (
            <div className="error-box" role="alert">
              {problem}
            </div>
          ) : null}
          {state.error ? (
            <div className="error-box" role="alert">
              {state.error}
            </div>
          ) : null}

          <div className="quiz-actions">
            {item.kind === 'quiz' ? (
              <button type="button" className="button" onClick={record} disabled={busy}>
                {state.step === 'recording' ? t('timed.item.saving') : t('timed.item.submit')}
              </button>
            ) : state.step === 'answering' || state.step === 'revealing' ? (
              <button type="button" className="button" onClick={reveal} disabled={busy}>
                {item.kind === 'scenario' ? t('timed.item.showModel') : t('timed.item.showOutline')}
              </button>
            ) : (
              <button type="button" className="button" onClick={record} disabled={busy}>
                {state.step === 'recording' ? t('timed.item.saving') : t('timed.item.record', { ticked: state.ticked.length })}
              </button>
            )}
            {nextOpen(state, state.index) >= 0 && nextOpen(state, state.index) !== state.index && (state.step === 'answering' || item.kind === 'quiz') ? (
              <button type="button" className="button secondary" onClick={skip} disabled={busy}>
                {t('timed.item.skip')}
              </button>
            ) : null}
          </div>
        </section>
      ) : null}
      {live}
    </div>
  );
}

function RevealPanel({
  reveal,
  ticked,
  locked,
  onToggle,
  legendRef,
}: {
  reveal: ScenarioReveal | CardReveal;
  ticked: number[];
  locked: boolean;
  onToggle: (point: number) => void;
  legendRef: React.RefObject<HTMLFieldSetElement | null>;
}) {
  const t = useTranslations('interview');
  const points = 'rubric' in reveal ? reveal.rubric : reveal.outline;
  return (
    <div className="model-answer">
      {'modelAnswer' in reveal ? (
        <details>
          <summary>{t('timed.item.modelAnswer')}</summary>
          <Markdown text={reveal.modelAnswer} />
        </details>
      ) : null}
      <fieldset className="drill-outline" tabIndex={-1} ref={legendRef} disabled={locked}>
        <legend>{'rubric' in reveal ? t('timed.item.tickRubric') : t('timed.item.tickOutline')}</legend>
        <ol>
          {points.map((p, i) => (
            <li key={i} className={ticked.includes(i) ? 'ticked' : ''}>
              <label>
                <input type="checkbox" checked={ticked.includes(i)} onChange={() => onToggle(i)} /> <Markdown text={p} inline />
              </label>
            </li>
          ))}
        </ol>
        <p className="muted small">{t('timed.item.covered', { ticked: ticked.length, total: points.length })}</p>
      </fieldset>
    </div>
  );
}

function AutoInputs({ question, draft, setDraft }: { question: PublicQuestion; draft: Draft; setDraft: (d: Draft) => void }) {
  const t = useTranslations('interview');
  switch (question.type) {
    case 'single':
    case 'multi':
      return (
        <fieldset className="options">
          <legend className="sr-only">{question.type === 'single' ? t('timed.problems.chooseOne') : t('timed.problems.chooseSome')}</legend>
          <ol className="option-list">
            {question.options!.map((o) => {
              const checked = question.type === 'single' ? draft.single === o.id : draft.multi.includes(o.id);
              return (
                <li key={o.id} className={checked ? 'option selected' : 'option'}>
                  <label>
                    <input
                      type={question.type === 'single' ? 'radio' : 'checkbox'}
                      name={`mq-${question.id}`}
                      checked={checked}
                      onChange={() =>
                        setDraft(question.type === 'single' ? { ...draft, single: o.id } : { ...draft, multi: checked ? draft.multi.filter((x) => x !== o.id) : [...draft.multi, o.id] })
                      }
                    />
                    <span className="option-text">
                      <Markdown text={o.text} inline />
                    </span>
                  </label>
                </li>
              );
            })}
          </ol>
        </fieldset>
      );
    case 'truefalse':
      return (
        <fieldset className="options">
          <legend className="sr-only">{t('timed.problems.trueFalse')}</legend>
          <ol className="option-list tf">
            {[true, false].map((v) => (
              <li key={String(v)} className={draft.truefalse === v ? 'option selected' : 'option'}>
                <label>
                  <input type="radio" name={`mq-${question.id}`} checked={draft.truefalse === v} onChange={() => setDraft({ ...draft, truefalse: v })} />
                  <span className="option-text">{v ? t('timed.item.true') : t('timed.item.false')}</span>
                </label>
              </li>
            ))}
          </ol>
        </fieldset>
      );
    case 'numeric':
      return (
        <div className="numeric-answer">
          <label htmlFor={`mnum-${question.id}`}>{question.unit ? t('timed.item.numberIn', { unit: question.unit }) : t('timed.item.number')}</label>
          <div className="numeric-row">
            <input id={`mnum-${question.id}`} type="text" inputMode="decimal" autoComplete="off" value={draft.numeric} onChange={(e) => setDraft({ ...draft, numeric: e.target.value })} />
            {question.unit ? <span className="unit">{question.unit}</span> : null}
          </div>
        </div>
      );
    case 'ordering': {
      const text = new Map(question.items!.map((i) => [i.id, i.text] as const));
      const move = (from: number, to: number) => {
        if (to < 0 || to >= draft.order.length) return;
        const order = draft.order.slice();
        const [moved] = order.splice(from, 1);
        order.splice(to, 0, moved!);
        setDraft({ ...draft, order });
      };
      return (
        <ol className="ordering-list" aria-label={t('timed.item.orderLabel')}>
          {draft.order.map((id, i) => (
            <li key={id}>
              <span className="pos" aria-hidden="true">
                {i + 1}
              </span>
              <span className="option-text">
                <Markdown text={text.get(id)!} inline />
              </span>
              <span className="move">
                <button type="button" className="icon-button" onClick={() => move(i, i - 1)} disabled={i === 0} aria-label={t('timed.item.up', { item: text.get(id)! })}>
                  ↑
                </button>
                <button type="button" className="icon-button" onClick={() => move(i, i + 1)} disabled={i === draft.order.length - 1} aria-label={t('timed.item.down', { item: text.get(id)! })}>
                  ↓
                </button>
              </span>
            </li>
          ))}
        </ol>
      );
    }
    case 'scenario':
      return null;
  }
}
