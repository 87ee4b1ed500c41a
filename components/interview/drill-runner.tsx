'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useReducer, useRef, useState, useTransition } from 'react';
import { finishDrillAction, recordDrillAnswerAction, revealCardAction, startDrillAction } from '@/app/_actions/interview';
import { Markdown } from '@/components/quiz/markdown';
import { useHydrated } from '@/components/hooks/use-hydrated';
import type { ActionResult } from '@/app/_actions/result';
import type { DrillReport } from '@/lib/data/interview';
import type { SelfGrade } from '@/lib/quiz/grade';
import { currentCard, drillReducer, elapsedSeconds, initialDrillState, isLastCard, NO_CARDS_ERROR, previewGrade } from './drill-state';

export type DrillMode = { kind: 'topic'; topic: string } | { kind: 'due' } | { kind: 'mock'; topics?: string[] };

const MOCK_LENGTHS = [3, 5, 8] as const;
const TOPIC_LENGTHS = [5, 10] as const;
type Translate = ReturnType<typeof useTranslations<'interview'>>;

/** The rating names and what they mean, in the learner's language (literal keys, so the key check sees them). */
function gradeWords(t: Translate): { label: Record<SelfGrade, string>; hint: Record<SelfGrade, string> } {
  return {
    label: { again: t('grade.again'), hard: t('grade.hard'), good: t('grade.good'), easy: t('grade.easy') },
    hint: { again: t('gradeHint.again'), hard: t('gradeHint.hard'), good: t('gradeHint.good'), easy: t('gradeHint.easy') },
  };
}

/** A server action's result, or a message when the request itself failed (offline, server restarting). */
async function reach<T>(call: () => Promise<ActionResult<T>>, unreachable: string): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, error: unreachable };
  }
}

function wallClockMs(): number {
  return Date.now();
}

export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** When a card comes back, relative to now: at least a minute ahead, in minutes, hours or days (the formatter words it per language). */
function dueText(format: ReturnType<typeof useFormatter>, iso: string, now: number): string {
  const due = Math.max(new Date(iso).getTime(), now + 60_000);
  const minutes = Math.round((due - now) / 60_000);
  const unit = minutes < 60 ? 'minute' : Math.round(minutes / 60) < 36 ? 'hour' : 'day';
  return format.relativeTime(due, { now, unit });
}

/** Runs an interview drill: a question, a timer while the learner answers aloud, the outline to tick, a report. */
export function DrillRunner({ mode, title, available }: { mode: DrillMode; title: string; available: number }) {
  const t = useTranslations('interview');
  const format = useFormatter();
  const grades = gradeWords(t);
  const difficulty = { 1: t('runner.difficulty.core'), 2: t('runner.difficulty.solid'), 3: t('runner.difficulty.senior') } as const;
  const unreachable = t('runner.unreachable');
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
      const res = await reach(
        () => startDrillAction(mode.kind === 'topic' ? { kind: 'topic', topic: mode.topic, count: length } : mode.kind === 'due' ? { kind: 'due' } : { kind: 'mock', count: length, ...(mode.topics ? { topics: mode.topics } : {}) }),
        unreachable,
      );
      if (!res.ok) return dispatch({ type: 'failed', error: res.error });
      dispatch({ type: 'started', drill: res.data, nowMs: Date.now() });
    });
  }, [mode, length, unreachable]);

  // Event handlers read the wall clock through wallClockMs(): the timer is the one place time enters.
  const showOutline = () => {
    if (!state.drill || !card) return;
    dispatch({ type: 'reveal-requested', nowMs: wallClockMs() });
    startTransition(async () => {
      const res = await reach(() => revealCardAction(state.drill!.sessionId, card.id), unreachable);
      dispatch(res.ok ? { type: 'revealed', reveal: res.data } : { type: 'failed', error: res.error });
    });
  };

  const record = () => {
    if (!state.drill || !card) return;
    dispatch({ type: 'record-requested' });
    startTransition(async () => {
      const res = await reach(() => recordDrillAnswerAction(state.drill!.sessionId, card.id, { covered: state.ticked, seconds: state.seconds, ...(state.notes.trim() ? { notes: state.notes } : {}) }), unreachable);
      setNow(Date.now());
      dispatch(res.ok ? { type: 'recorded', result: res.data } : { type: 'failed', error: res.error });
    });
  };

  const finish = () => {
    if (!state.drill) return;
    dispatch({ type: 'finish-requested' });
    startTransition(async () => {
      const res = await reach(() => finishDrillAction(state.drill!.sessionId), unreachable);
      dispatch(res.ok ? { type: 'finished', report: res.data } : { type: 'failed', error: res.error });
    });
  };

  const error = state.error ? (
    <div className="error-box" role="alert">
      {state.error === NO_CARDS_ERROR ? t('runner.noCards') : state.error}
    </div>
  ) : null;

  if (state.phase === 'intro') {
    return (
      <section className="card drill-intro" aria-labelledby="drill-intro-title">
        <h2 id="drill-intro-title">{title}</h2>
        <ol className="drill-steps">
          <li>{t.rich('runner.steps.ask', { b: (chunks) => <strong>{chunks}</strong> })}</li>
          <li>{t('runner.steps.outline')}</li>
          <li>{t('runner.steps.tick')}</li>
          <li>{t('runner.steps.read')}</li>
        </ol>
        {lengths.length > 1 ? (
          <fieldset className="drill-length">
            <legend>{t('runner.lengthLegend')}</legend>
            {lengths.map((n) => (
              <label key={n}>
                <input type="radio" name="drill-length" checked={length === n} onChange={() => setLength(n)} /> {n === available && mode.kind === 'topic' ? t('runner.allCount', { count: n }) : n}
              </label>
            ))}
          </fieldset>
        ) : null}
        {error}
        <p className="quiz-actions">
          <button type="button" className="button" onClick={begin} disabled={pending || !hydrated || available === 0}>
            {pending ? t('runner.starting') : mode.kind === 'mock' ? t('runner.startMock', { count: length }) : t('runner.start', { count: length })}
          </button>
        </p>
      </section>
    );
  }

  if (state.phase === 'report' && state.report) return <DrillReportView report={state.report} headingRef={headingRef} grades={grades.label} onAgain={() => dispatch({ type: 'restart' })} />;
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
          {t('runner.progress', { number: state.index + 1, total })}
        </span>
        <span className="badge">{card.topicTitle}</span>
        <span className="badge">{difficulty[card.difficulty]}</span>
        <span className={`drill-timer${over ? ' over' : ''}`} role="timer" aria-label={t('runner.timerLabel', { elapsed: clock(seconds), target: clock(card.seconds) })}>
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
          <summary>{t('runner.alsoAsked', { count: card.variants.length })}</summary>
          <ul>
            {card.variants.map((v) => (
              <li key={v}>{v}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <label htmlFor={`notes-${card.id}`} className="drill-notes-label">
        {t('runner.notesLabel')} <span className="muted">{t('runner.notesHint')}</span>
      </label>
      <textarea id={`notes-${card.id}`} className="drill-notes" rows={revealed ? 3 : 6} maxLength={8000} value={state.notes} readOnly={state.phase !== 'answering' && state.phase !== 'revealed'} onChange={(e) => dispatch({ type: 'notes', text: e.target.value })} />
      {!revealed ? (
        <>
          {error}
          <p className="quiz-actions">
            <button type="button" className="button" onClick={showOutline} disabled={pending || state.phase !== 'answering'}>
              {state.phase === 'revealing' ? t('runner.showing') : t('runner.showOutline')}
            </button>
            {over ? <span className="muted small">{t('runner.overTime')}</span> : null}
          </p>
        </>
      ) : (
        <>
          <fieldset className="drill-outline" ref={outlineRef} tabIndex={-1} disabled={state.phase !== 'revealed'}>
            <legend>{t('runner.tickLegend', { ticked: state.ticked.length, points: card.points })}</legend>
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
                {t('runner.tickAll')}
              </button>
            ) : null}
          </fieldset>
          {state.phase === 'revealed' || state.phase === 'recording' ? (
            <>
              <p className="drill-grade-preview" aria-live="polite">
                {t.rich('runner.countsAs', {
                  grade: grade ? grades.label[grade] : '…',
                  hint: grade ? t('runner.hint', { hint: grades.hint[grade] }) : '',
                  taken: clock(state.seconds),
                  target: clock(card.seconds),
                  b: (chunks) => <strong>{chunks}</strong>,
                  muted: (chunks) => (grade ? <span className="muted">{chunks}</span> : null),
                })}
              </p>
              {error}
              <p className="quiz-actions">
                <button type="button" className="button" onClick={record} disabled={pending || state.phase !== 'revealed'}>
                  {state.phase === 'recording' ? t('runner.recording') : t('runner.record')}
                </button>
              </p>
            </>
          ) : null}
          {state.recorded ? (
            <div className="drill-recorded" role="status">
              <p>
                {t.rich('runner.recorded', {
                  grade: grades.label[state.recorded.grade],
                  covered: state.recorded.covered,
                  points: state.recorded.points,
                  when: dueText(format, state.recorded.nextDue, now),
                  b: (chunks) => <strong>{chunks}</strong>,
                })}
              </p>
              {error}
              <p className="quiz-actions">
                {isLastCard(state) ? (
                  <button type="button" className="button" onClick={finish} disabled={pending}>
                    {state.phase === 'finishing' ? t('runner.finishing') : t('runner.finish')}
                  </button>
                ) : (
                  <>
                    <button type="button" className="button" onClick={() => dispatch({ type: 'next', nowMs: wallClockMs() })}>
                      {t('runner.next')}
                    </button>
                    <button type="button" className="button secondary" onClick={finish} disabled={pending}>
                      {t('runner.stopHere')}
                    </button>
                  </>
                )}
              </p>
            </div>
          ) : null}
          <section className="drill-answer" aria-label={t('runner.modelAnswer')}>
            <h3>{t('runner.strongAnswer')}</h3>
            <Markdown text={state.reveal!.answer} />
            <details>
              <summary>{t('runner.followUps', { count: state.reveal!.followUps.length })}</summary>
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
              <summary>{t('runner.traps', { count: state.reveal!.traps.length })}</summary>
              <ul className="drill-traps">
                {state.reveal!.traps.map((trap) => (
                  <li key={trap}>
                    <Markdown text={trap} inline />
                  </li>
                ))}
              </ul>
            </details>
            <p className="muted small">
              {t('runner.learnIt')}{' '}
              {state.reveal!.lessons.map((l, i) => (
                <span key={l.href}>
                  {i > 0 ? ' · ' : ''}
                  <Link href={l.href}>{l.section ? t('runner.lessonSection', { lesson: l.title, section: l.section }) : l.title}</Link>
                </span>
              ))}
            </p>
          </section>
        </>
      )}
    </section>
  );
}

function DrillReportView({ report, headingRef, grades, onAgain }: { report: DrillReport; headingRef: React.RefObject<HTMLHeadingElement | null>; grades: Record<SelfGrade, string>; onAgain: () => void }) {
  const t = useTranslations('interview');
  const verdict = report.answered === 0 ? t('report.verdict.none') : report.percent >= 85 ? t('report.verdict.ready') : report.percent >= 60 ? t('report.verdict.close') : t('report.verdict.notYet');
  const lessonText = (lesson: DrillReport['items'][number]['lesson']) => (lesson.section ? t('runner.lessonSection', { lesson: lesson.title, section: lesson.section }) : lesson.title);
  return (
    <section className="card drill-report" aria-labelledby="drill-report-title">
      <h2 id="drill-report-title" tabIndex={-1} ref={headingRef}>
        {report.kind === 'mock' ? t('report.mockTitle') : t('report.drillTitle')}
      </h2>
      <p className="drill-score">
        {t.rich('report.score', {
          percent: report.percent,
          answered: report.answered,
          total: report.total,
          overTime: report.overTime > 0 ? t('report.overTime', { count: report.overTime }) : '',
          verdict,
          b: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      {report.topics.length > 0 ? (
        <>
          <h3>{t('report.byTopic')}</h3>
          <ul className="drill-topic-bars">
            {report.topics.map((topic) => (
              <li key={topic.topic}>
                <span className="name">{topic.title}</span>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${topic.percent}%` }} className={topic.percent < 75 ? 'weak' : ''} />
                </span>
                <span className="value">
                  {topic.percent}% <span className="muted">{t('report.topicCards', { count: topic.cards })}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('report.byQuestion')}</h3>
      <ol className="drill-report-items">
        {report.items.map((item) => (
          <li key={item.cardId} className={item.answered ? (item.percent >= 75 ? 'ok' : 'weak') : 'skipped'}>
            <div className="drill-report-head">
              <strong>{item.title}</strong>
              <span className="muted">
                {item.answered
                  ? t('report.itemLine', { covered: item.covered, points: item.points, taken: clock(item.seconds), target: clock(item.targetSeconds), grade: grades[item.grade!] })
                  : t('report.notAnswered')}
              </span>
            </div>
            {item.missed.length > 0 ? (
              <details>
                <summary>{t('report.missed', { count: item.missed.length })}</summary>
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
              {lessonText(item.lesson)}
            </Link>
          </li>
        ))}
      </ol>
      {report.toRevisit.length > 0 ? (
        <>
          <h3>{t('report.revisit')}</h3>
          <ul className="review-links">
            {report.toRevisit.map((r) => (
              <li key={r.lesson.href}>
                <Link href={r.lesson.href}>{lessonText(r.lesson)}</Link>{' '}
                <span className="muted">{t('report.revisitFor', { cards: r.cards.join(t('report.listSeparator')) })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="quiz-actions">
        <button type="button" className="button" onClick={onAgain}>
          {t('report.again')}
        </button>
        <Link className="button secondary" href="/interview">
          {t('report.allTopics')}
        </Link>
      </p>
    </section>
  );
}
