'use client';

import Link from 'next/link';
import { useCallback, useEffect, useReducer, useRef, useState, useTransition } from 'react';
import { finishDrillAction, recordDrillAnswerAction, revealCardAction, startDrillAction } from '@/app/_actions/interview';
import { Markdown } from '@/components/quiz/markdown';
import { useHydrated } from '@/components/hooks/use-hydrated';
import type { ActionResult } from '@/app/_actions/result';
import type { DrillReport } from '@/lib/data/interview';
import type { SelfGrade } from '@/lib/quiz/grade';
import { currentCard, drillReducer, elapsedSeconds, initialDrillState, isLastCard, previewGrade } from './drill-state';

export type DrillMode = { kind: 'topic'; topic: string } | { kind: 'due' } | { kind: 'mock'; topics?: string[] };

const MOCK_LENGTHS = [3, 5, 8] as const;
const TOPIC_LENGTHS = [5, 10] as const;
const GRADE_LABEL: Record<SelfGrade, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };
const GRADE_HINT: Record<SelfGrade, string> = {
  again: 'fewer than half the points: back within minutes',
  hard: 'half or more: back soon',
  good: 'three quarters or more',
  easy: 'every point, within the time',
};
const DIFFICULTY = ['', 'Core', 'Solid', 'Senior'];

/** A server action's result, or a message when the request itself failed (offline, server restarting). */
async function reach<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, error: 'Could not reach the server; nothing was lost here. Check your connection and try again.' };
  }
}

function wallClockMs(): number {
  return Date.now();
}

export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function dueText(iso: string, now: number): string {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  if (minutes < 60) return `in ${Math.max(1, minutes)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} days`;
}

/** Runs an interview drill: a question, a timer while the learner answers aloud, the outline to tick, a report. */
export function DrillRunner({ mode, title, available }: { mode: DrillMode; title: string; available: number }) {
  const [state, dispatch] = useReducer(drillReducer, initialDrillState);
  const lengths: number[] = mode.kind === 'mock' ? MOCK_LENGTHS.filter((n) => n <= Math.max(available, MOCK_LENGTHS[0])) : mode.kind === 'topic' ? [...TOPIC_LENGTHS.filter((n) => n < available), available] : [];
  const [length, setLength] = useState<number>(Math.min(5, available));
  const [now, setNow] = useState(() => Date.now());
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const outlineRef = useRef<HTMLFieldSetElement>(null);
  const card = currentCard(state);

  useEffect(() => {
    if (state.phase !== 'answering') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [state.phase]);
  useEffect(() => {
    // Focus moves for keyboard and screen-reader users; the scroll keeps the card's top below the sticky header.
    const target = state.phase === 'answering' || state.phase === 'report' ? headingRef.current : state.phase === 'revealed' ? outlineRef.current : null;
    if (!target) return;
    target.focus({ preventScroll: true });
    (state.phase === 'revealed' ? target : target.closest('section'))?.scrollIntoView({ block: 'start' });
  }, [state.phase, state.index]);

  const begin = useCallback(() => {
    startTransition(async () => {
      const res = await reach(() => startDrillAction(mode.kind === 'topic' ? { kind: 'topic', topic: mode.topic, count: length } : mode.kind === 'due' ? { kind: 'due' } : { kind: 'mock', count: length, ...(mode.topics ? { topics: mode.topics } : {}) }));
      if (!res.ok) return dispatch({ type: 'failed', error: res.error });
      dispatch({ type: 'started', drill: res.data, nowMs: Date.now() });
    });
  }, [mode, length]);

  // Event handlers read the wall clock through wallClockMs(): the timer is the one place time enters.
  const showOutline = () => {
    if (!state.drill || !card) return;
    dispatch({ type: 'reveal-requested', nowMs: wallClockMs() });
    startTransition(async () => {
      const res = await reach(() => revealCardAction(state.drill!.sessionId, card.id));
      dispatch(res.ok ? { type: 'revealed', reveal: res.data } : { type: 'failed', error: res.error });
    });
  };

  const record = () => {
    if (!state.drill || !card) return;
    dispatch({ type: 'record-requested' });
    startTransition(async () => {
      const res = await reach(() => recordDrillAnswerAction(state.drill!.sessionId, card.id, { covered: state.ticked, seconds: state.seconds, ...(state.notes.trim() ? { notes: state.notes } : {}) }));
      setNow(Date.now());
      dispatch(res.ok ? { type: 'recorded', result: res.data } : { type: 'failed', error: res.error });
    });
  };

  const finish = () => {
    if (!state.drill) return;
    dispatch({ type: 'finish-requested' });
    startTransition(async () => {
      const res = await reach(() => finishDrillAction(state.drill!.sessionId));
      dispatch(res.ok ? { type: 'finished', report: res.data } : { type: 'failed', error: res.error });
    });
  };

  const error = state.error ? (
    <div className="error-box" role="alert">
      {state.error}
    </div>
  ) : null;

  if (state.phase === 'intro') {
    return (
      <section className="card drill-intro" aria-labelledby="drill-intro-title">
        <h2 id="drill-intro-title">{title}</h2>
        <ol className="drill-steps">
          <li>A question appears and a timer starts. Answer <strong>aloud</strong>, as you would to an interviewer (or type notes).</li>
          <li>When you are done, show the outline: the 5–8 points a strong answer makes.</li>
          <li>Tick the points you actually made. The share you covered schedules the card for review (FSRS): under half comes back within minutes, all of them on time comes back much later.</li>
          <li>Read the full answer, the follow-up questions and the traps; then the next question.</li>
        </ol>
        {lengths.length > 1 ? (
          <fieldset className="drill-length">
            <legend>Questions</legend>
            {lengths.map((n) => (
              <label key={n}>
                <input type="radio" name="drill-length" checked={length === n} onChange={() => setLength(n)} /> {n === available && mode.kind === 'topic' ? `all ${n}` : n}
              </label>
            ))}
          </fieldset>
        ) : null}
        {error}
        <p className="quiz-actions">
          <button type="button" className="button" onClick={begin} disabled={pending || !hydrated || available === 0}>
            {pending ? 'Starting…' : mode.kind === 'mock' ? `Start the mock interview (${length} questions)` : `Start (${length} question${length === 1 ? '' : 's'})`}
          </button>
        </p>
      </section>
    );
  }

  if (state.phase === 'report' && state.report) return <DrillReportView report={state.report} headingRef={headingRef} onAgain={() => dispatch({ type: 'restart' })} />;
  if (!state.drill || !card) return error;

  const total = state.drill.cards.length;
  const seconds = elapsedSeconds(state, now);
  const over = seconds > card.seconds;
  const revealed = state.reveal !== null && (state.phase === 'revealed' || state.phase === 'recording' || state.phase === 'recorded' || state.phase === 'finishing');
  const grade = previewGrade(state);

  return (
    <section className="card drill-card" aria-labelledby="drill-prompt">
      <div className="quiz-meta">
        <span className="quiz-progress">
          Question {state.index + 1} of {total}
        </span>
        <span className="badge">{card.topicTitle}</span>
        <span className="badge">{DIFFICULTY[card.difficulty]}</span>
        <span className={`drill-timer${over ? ' over' : ''}`} role="timer" aria-label={`Time answering: ${clock(seconds)} of a ${clock(card.seconds)} target`}>
          {clock(seconds)} <span className="muted">/ {clock(card.seconds)}</span>
        </span>
      </div>
      <div className="drill-time-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, (100 * seconds) / card.seconds)}%` }} className={over ? 'over' : ''} />
      </div>
      <h2 id="drill-prompt" className="drill-prompt" tabIndex={-1} ref={headingRef}>
        <Markdown text={card.prompt} inline />
      </h2>
      {card.variants.length > 0 ? (
        <details className="drill-variants">
          <summary>Also asked as ({card.variants.length})</summary>
          <ul>
            {card.variants.map((v) => (
              <li key={v}>{v}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <label htmlFor={`notes-${card.id}`} className="drill-notes-label">
        Notes (optional) <span className="muted">— key words as you speak, or type your answer</span>
      </label>
      <textarea id={`notes-${card.id}`} className="drill-notes" rows={revealed ? 3 : 6} maxLength={8000} value={state.notes} readOnly={state.phase !== 'answering' && state.phase !== 'revealed'} onChange={(e) => dispatch({ type: 'notes', text: e.target.value })} />
      {!revealed ? (
        <>
          {error}
          <p className="quiz-actions">
            <button type="button" className="button" onClick={showOutline} disabled={pending || state.phase !== 'answering'}>
              {state.phase === 'revealing' ? 'Showing…' : 'I’m done: show the outline'}
            </button>
            {over ? <span className="muted small">Over the target time: in an interview, land the main points first.</span> : null}
          </p>
        </>
      ) : (
        <>
          <fieldset className="drill-outline" ref={outlineRef} tabIndex={-1} disabled={state.phase !== 'revealed'}>
            <legend>Tick the points you made ({state.ticked.length} of {card.points})</legend>
            <ol>
              {state.reveal!.outline.map((point, i) => (
                <li key={i} className={state.ticked.includes(i) ? 'ticked' : ''}>
                  <label>
                    <input type="checkbox" checked={state.ticked.includes(i)} onChange={() => dispatch({ type: 'toggle', point: i })} /> <Markdown text={point} inline />
                  </label>
                </li>
              ))}
            </ol>
            {state.phase === 'revealed' ? (
              <button type="button" className="button secondary small" onClick={() => dispatch({ type: 'tick-all' })}>
                I made every point
              </button>
            ) : null}
          </fieldset>
          {state.phase === 'revealed' || state.phase === 'recording' ? (
            <>
              <p className="drill-grade-preview" aria-live="polite">
                Counts as <strong>{grade ? GRADE_LABEL[grade] : '…'}</strong>
                {grade ? <span className="muted"> ({GRADE_HINT[grade]})</span> : null}. Time taken {clock(state.seconds)} of {clock(card.seconds)}.
              </p>
              {error}
              <p className="quiz-actions">
                <button type="button" className="button" onClick={record} disabled={pending || state.phase !== 'revealed'}>
                  {state.phase === 'recording' ? 'Recording…' : 'Record'}
                </button>
              </p>
            </>
          ) : null}
          {state.recorded ? (
            <div className="drill-recorded" role="status">
              <p>
                Recorded: <strong>{GRADE_LABEL[state.recorded.grade]}</strong>, {state.recorded.covered} of {state.recorded.points} points. This card comes back {dueText(state.recorded.nextDue, now)}.
              </p>
              {error}
              <p className="quiz-actions">
                {isLastCard(state) ? (
                  <button type="button" className="button" onClick={finish} disabled={pending}>
                    {state.phase === 'finishing' ? 'Building the report…' : 'Finish and see the report'}
                  </button>
                ) : (
                  <>
                    <button type="button" className="button" onClick={() => dispatch({ type: 'next', nowMs: wallClockMs() })}>
                      Next question
                    </button>
                    <button type="button" className="button secondary" onClick={finish} disabled={pending}>
                      Stop here and see the report
                    </button>
                  </>
                )}
              </p>
            </div>
          ) : null}
          <section className="drill-answer" aria-label="Model answer">
            <h3>A strong answer</h3>
            <Markdown text={state.reveal!.answer} />
            <details>
              <summary>Follow-up questions ({state.reveal!.followUps.length})</summary>
              <dl className="drill-followups">
                {state.reveal!.followUps.map((f) => (
                  <div key={f.question}>
                    <dt>
                      <Markdown text={f.question} inline />
                    </dt>
                    <dd>
                      <Markdown text={f.answer} />
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
            <details>
              <summary>Traps ({state.reveal!.traps.length})</summary>
              <ul className="drill-traps">
                {state.reveal!.traps.map((t) => (
                  <li key={t}>
                    <Markdown text={t} inline />
                  </li>
                ))}
              </ul>
            </details>
            <p className="muted small">
              Learn it:{' '}
              {state.reveal!.lessons.map((l, i) => (
                <span key={l.href}>
                  {i > 0 ? ' · ' : ''}
                  <Link href={l.href}>
                    {l.title}
                    {l.section ? `: ${l.section}` : ''}
                  </Link>
                </span>
              ))}
            </p>
          </section>
        </>
      )}
    </section>
  );
}

function DrillReportView({ report, headingRef, onAgain }: { report: DrillReport; headingRef: React.RefObject<HTMLHeadingElement | null>; onAgain: () => void }) {
  const verdict = report.answered === 0 ? 'No answers recorded.' : report.percent >= 85 ? 'Interview-ready on these questions.' : report.percent >= 60 ? 'Close: the missed points below are what to work on.' : 'Not yet: revisit the lessons below, then drill again.';
  return (
    <section className="card drill-report" aria-labelledby="drill-report-title">
      <h2 id="drill-report-title" tabIndex={-1} ref={headingRef}>
        {report.kind === 'mock' ? 'Mock interview report' : 'Drill report'}
      </h2>
      <p className="drill-score">
        <strong>{report.percent}%</strong> of the points made, in {report.answered} of {report.total} answer{report.total === 1 ? '' : 's'}
        {report.overTime > 0 ? `; ${report.overTime} over the target time` : ''}. {verdict}
      </p>
      {report.topics.length > 0 ? (
        <>
          <h3>By topic, weakest first</h3>
          <ul className="drill-topic-bars">
            {report.topics.map((t) => (
              <li key={t.topic}>
                <span className="name">{t.title}</span>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${t.percent}%` }} className={t.percent < 75 ? 'weak' : ''} />
                </span>
                <span className="value">
                  {t.percent}% <span className="muted">({t.cards} question{t.cards === 1 ? '' : 's'})</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Question by question</h3>
      <ol className="drill-report-items">
        {report.items.map((item) => (
          <li key={item.cardId} className={item.answered ? (item.percent >= 75 ? 'ok' : 'weak') : 'skipped'}>
            <div className="drill-report-head">
              <strong>{item.title}</strong>
              <span className="muted">
                {item.answered ? `${item.covered}/${item.points} points · ${clock(item.seconds)} of ${clock(item.targetSeconds)} · ${GRADE_LABEL[item.grade!]}` : 'not answered'}
              </span>
            </div>
            {item.missed.length > 0 ? (
              <details>
                <summary>Missed {item.missed.length} point{item.missed.length === 1 ? '' : 's'}</summary>
                <ul>
                  {item.missed.map((m) => (
                    <li key={m}>
                      <Markdown text={m} inline />
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            <Link href={item.lesson.href} className="small">
              {item.lesson.title}
              {item.lesson.section ? `: ${item.lesson.section}` : ''}
            </Link>
          </li>
        ))}
      </ol>
      {report.toRevisit.length > 0 ? (
        <>
          <h3>Lessons to revisit</h3>
          <ul className="review-links">
            {report.toRevisit.map((r) => (
              <li key={r.lesson.href}>
                <Link href={r.lesson.href}>
                  {r.lesson.title}
                  {r.lesson.section ? `: ${r.lesson.section}` : ''}
                </Link>{' '}
                <span className="muted">for {r.cards.join(', ')}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="quiz-actions">
        <button type="button" className="button" onClick={onAgain}>
          Drill again
        </button>
        <Link className="button secondary" href="/interview">
          All interview topics
        </Link>
      </p>
    </section>
  );
}
