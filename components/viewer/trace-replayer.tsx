'use client';

import { useMemo, useState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import '../widgets/widgets.css';
import { RaftTimeline } from './raft-timeline';
import { TimeControls, useAnimationFrames } from './time-controls';
import { useRoleName } from './role-name';
import type { MessageKindName } from './replay-focus';
import { bandAt, buildTimeline, nextEventTime, type TraceInput } from './trace-model';

export interface TraceReplayerProps {
  /** engine/sim's `cluster.trace.toJSON()` (or its `events` array). */
  trace: TraceInput;
  title?: string;
  /** Lanes to draw (default: every node in the trace). */
  nodes?: readonly number[];
  /** Where the cursor starts (default: the violation, else the end of the trace). */
  initialTimeMs?: number;
  /** Visible window width in virtual ms (default 1,000). */
  windowMs?: number;
  /** The failing check to highlight; default: the trace's first failing verdict. Pass null for none. */
  violation?: { tMs: number; rule: string; detail: string } | null;
  /** Seed of the run, shown with the title so the learner can replay it. */
  seed?: number | string;
  /** Start with heartbeats drawn (a failure about RPC counts needs them; see replay-focus.ts). */
  initialShowHeartbeats?: boolean;
  /** Message kinds the failure is about: drawn at full strength, the others dimmed (null/absent: all alike). */
  focusKinds?: readonly MessageKindName[] | null;
}

const WINDOWS = [250, 500, 1000, 2000, 5000, 20000];

/** The replay viewer for a recorded Raft run: timeline, scrubbing, play/pause, speed, step, zoom. */
export function TraceReplayer({ trace, title: titleProp, nodes, initialTimeMs, windowMs: initialWindow = 1000, violation, seed, initialShowHeartbeats = false, focusKinds = null }: TraceReplayerProps) {
  const t = useTranslations('viewer');
  const format = useFormatter();
  const title = titleProp ?? t('replayer.title');
  const role = useRoleName();
  const tl = useMemo(() => buildTimeline(trace, { nodes }), [trace, nodes]);
  const firstBad = tl.verdicts.find((d) => !d.ok);
  const v = violation === undefined ? (firstBad ? { tMs: firstBad.t, rule: firstBad.checker, detail: firstBad.detail } : null) : violation;
  const [timeMs, setTimeMs] = useState(() => initialTimeMs ?? (v ? Math.min(tl.endMs, v.tMs + 50) : tl.endMs));
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [windowMs, setWindowMs] = useState(initialWindow);
  const [heartbeats, setHeartbeats] = useState(initialShowHeartbeats);

  // 1× replays 100 virtual ms per real second, slow enough to follow single messages.
  useAnimationFrames(playing, (realMs) => {
    setTimeMs((time) => {
      const next = time + realMs * 0.1 * speed;
      if (next >= tl.endMs) {
        setPlaying(false);
        return tl.endMs;
      }
      return next;
    });
  });
  const onPlaying = (p: boolean) => {
    if (p && timeMs >= tl.endMs) setTimeMs(tl.startMs);
    setPlaying(p);
  };

  return (
    <section className="wg" aria-label={title}>
      <div className="wg-head">
        <h3 className="wg-title">{title}</h3>
        <p className="wg-sub">
          {seed !== undefined ? (
            <>
              {t('replayer.seed')} <span className="wg-mono">{seed}</span> ·{' '}
            </>
          ) : null}
          {t('replayer.stats', { nodes: tl.nodes.length, messages: format.number(tl.messages.length), duration: format.number(Math.round(tl.endMs - tl.startMs)) })}
        </p>
      </div>
      {v ? (
        <p className="wg-note" data-tone="bad" role="alert">
          {t.rich('replayer.violation', { rule: v.rule, t: v.tMs, detail: v.detail, b: (chunks) => <strong>{chunks}</strong> })}{' '}
          <button type="button" onClick={() => setTimeMs(Math.min(tl.endMs, v.tMs + 20))}>
            {t('replayer.jump')}
          </button>
        </p>
      ) : null}
      <TimeControls
        timeMs={timeMs}
        minMs={tl.startMs}
        maxMs={tl.endMs}
        onTimeChange={(time) => {
          setPlaying(false);
          setTimeMs(time);
        }}
        playing={playing}
        onPlayingChange={onPlaying}
        speed={speed}
        onSpeedChange={setSpeed}
        onStep={() => {
          setPlaying(false);
          const n = nextEventTime(tl, timeMs);
          if (n !== null) setTimeMs(n);
        }}
        stepMs={1}
        label={t('replayer.time')}
      />
      <div className="wg-toolbar">
        <label className="wg-label">
          {t('replayer.window')}
          <select value={windowMs} onChange={(e) => setWindowMs(Number(e.currentTarget.value))}>
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w >= 1000 ? `${w / 1000} s` : `${w} ms`}
              </option>
            ))}
          </select>
        </label>
        <label className="wg-label">
          <input type="checkbox" checked={heartbeats} onChange={(e) => setHeartbeats(e.currentTarget.checked)} /> {t('replayer.showAll')}
        </label>
      </div>
      <div className="wg-scroll">
        <RaftTimeline timeline={tl} timeMs={timeMs} windowMs={windowMs} showHeartbeats={heartbeats} violation={v} title={title} focusKinds={focusKinds} />
      </div>
      <TimelineLegend />
      <p className="sr-only" aria-live="polite">
        {tl.nodes
          .map((n) => {
            const b = bandAt(tl, n, timeMs);
            return b === undefined ? '' : b.down ? t('replayer.srDown', { node: n }) : t('replayer.srState', { node: n, role: role(b.role), term: b.term });
          })
          .join(', ')}
      </p>
    </section>
  );
}

export function TimelineLegend() {
  const t = useTranslations('viewer');
  return (
    <ul className="wg-legend" aria-label={t('legend.label')}>
      <li className="wg-c-muted">
        <span className="wg-swatch" style={{ opacity: 0.35 }} aria-hidden /> <span className="wg-c-fg">{t('legend.follower')}</span>
      </li>
      <li className="wg-c-warn">
        <span className="wg-swatch" style={{ opacity: 0.6 }} aria-hidden /> <span className="wg-c-fg">{t('legend.candidate')}</span>
      </li>
      <li className="wg-c-accent">
        <span className="wg-swatch" style={{ opacity: 0.6 }} aria-hidden /> <span className="wg-c-fg">{t('legend.leader')}</span>
      </li>
      <li className="wg-c-bad">
        <span className="wg-swatch" aria-hidden /> <span className="wg-c-fg">{t('legend.crash')}</span>
      </li>
      <li className="wg-c-ok">
        <span className="wg-swatch" aria-hidden /> <span className="wg-c-fg">{t('legend.restart')}</span>
      </li>
      <li className="wg-c-accent">
        <span className="wg-swatch wg-swatch-line" style={{ borderTopStyle: 'solid' }} aria-hidden /> <span className="wg-c-fg">{t('legend.appendEntries')}</span>
      </li>
      <li className="wg-c-warn">
        <span className="wg-swatch wg-swatch-line" style={{ borderTopStyle: 'solid' }} aria-hidden /> <span className="wg-c-fg">{t('legend.votes')}</span>
      </li>
      <li className="wg-c-bad">
        <span className="wg-swatch wg-swatch-line" aria-hidden /> <span className="wg-c-fg">{t('legend.dropped')}</span>
      </li>
    </ul>
  );
}
