'use client';

import { useId, useMemo } from 'react';
import { useTranslations } from 'next-intl';
import '../widgets/widgets.css';
import { bandAt, describeMessage, isHeartbeat, messageKind, type MessageTexts, type Timeline } from './trace-model';
import { useRoleName } from './role-name';
import { formatMs } from './time-controls';
import { useWidth } from './use-width';

export interface RaftTimelineProps {
  timeline: Timeline;
  /** The cursor: everything after it is veiled; messages in flight at it are drawn up to it. */
  timeMs: number;
  /** Width of the visible window of virtual time; the window follows the cursor. */
  windowMs: number;
  /** Also draw heartbeats and messages sent to crashed nodes (the bulk of the traffic). */
  showHeartbeats?: boolean;
  /** A checker violation to highlight (defaults to the trace's first failing verdict). */
  violation?: { tMs: number; rule: string; detail: string } | null;
  title?: string;
  /** Message kinds drawn at full strength; the others are dimmed (null/absent: all alike). */
  focusKinds?: readonly ReturnType<typeof messageKind>[] | null;
}

const LABEL_W = 62;
const LANE_H = 38;
const BAND_H = 18;
const TOP = 26;
const BOTTOM = 24;

/** The window [from, to) that keeps the cursor at 80% of its width, inside the trace. */
export function visibleWindow(tl: Timeline, timeMs: number, windowMs: number): { from: number; to: number } {
  const w = Math.max(1, windowMs);
  const latest = Math.max(tl.startMs, tl.endMs - w);
  const from = Math.min(Math.max(tl.startMs, timeMs - w * 0.8), Math.max(tl.startMs, Math.min(latest, timeMs)));
  return { from, to: from + w };
}

/**
 * A Lamport diagram of a Raft run: one lane per node with its role and term as coloured bands,
 * messages as arrows between lanes, crashes, partitions, commits and checker verdicts marked.
 */
/** describeMessage's words from the `viewer` messages. */
function useMessageTexts(): MessageTexts {
  const t = useTranslations('viewer');
  return {
    appendEntries: (count) => t('message.appendEntries', { count }),
    granted: (type) => t('message.granted', { type }),
    rejected: (type) => t('message.rejected', { type }),
    dropped: (why) => t('message.dropped', { why }),
    why: (why) => (why === 'loss' ? t('message.whyLoss') : why === 'partition' ? t('message.whyPartition') : why === 'down' ? t('message.whyDown') : (why ?? t('message.whyLost'))),
    arrived: (at) => t('message.arrived', { t: at }),
    inFlight: () => t('message.inFlight'),
    summary: (parts) => t('message.summary', parts),
  };
}

export function RaftTimeline({ timeline: tl, timeMs, windowMs, showHeartbeats = false, violation, title: titleProp, focusKinds = null }: RaftTimelineProps) {
  const t = useTranslations('viewer');
  const role = useRoleName();
  const messageTexts = useMessageTexts();
  const title = titleProp ?? t('timeline.title');
  const uid = useId().replace(/:/g, '');
  const { ref: wrapRef, width: W } = useWidth<HTMLDivElement>(760, 320, 900);
  const { from, to } = visibleWindow(tl, timeMs, windowMs);
  const H = TOP + tl.nodes.length * LANE_H + BOTTOM;
  const x = (ms: number) => LABEL_W + ((ms - from) / (to - from)) * (W - LABEL_W - 8);
  const laneY = (node: number) => TOP + tl.nodes.indexOf(node) * LANE_H + LANE_H / 2;
  const v = violation === undefined ? (tl.verdicts.find((d) => !d.ok) ? { tMs: tl.verdicts.find((d) => !d.ok)!.t, rule: tl.verdicts.find((d) => !d.ok)!.checker, detail: tl.verdicts.find((d) => !d.ok)!.detail } : null) : violation;
  const cursor = Math.min(timeMs, tl.endMs);

  // Retries into a partition or a crashed node repeat every heartbeat: draw one per link every 500 ms unless asked for all.
  const repeats = useMemo(() => {
    const last = new Map<string, number>();
    const skip = new Set<number>();
    for (const m of tl.messages) {
      if (m.outcome !== 'drop' || m.why === 'loss') continue;
      const link = `${m.from}>${m.to}`;
      const prev = last.get(link);
      if (prev !== undefined && m.sentMs - prev < 500) skip.add(m.id);
      else last.set(link, m.sentMs);
    }
    return skip;
  }, [tl]);
  const visibleMessages = useMemo(
    () =>
      tl.messages.filter(
        (m) =>
          m.sentMs <= cursor &&
          (m.endMs ?? cursor) >= from &&
          m.sentMs <= to &&
          (showHeartbeats || (!isHeartbeat(m) && m.why !== 'down' && !repeats.has(m.id))) &&
          tl.nodes.includes(m.from) &&
          tl.nodes.includes(m.to),
      ),
    [tl, cursor, from, to, showHeartbeats, repeats],
  );
  const tick = (() => {
    const raw = (to - from) / (W < 500 ? 3 : 6);
    const mag = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
    return [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  })();
  const statusText = tl.nodes
    .map((n) => {
      const b = bandAt(tl, n, cursor);
      return b === undefined ? t('timeline.notStarted', { node: n }) : b.down ? t('timeline.crashed', { node: n }) : t('timeline.state', { node: n, role: role(b.role), term: b.term });
    })
    .join('; ');

  return (
    <div ref={wrapRef}>
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={v && v.tMs <= cursor ? t('timeline.ariaViolation', { title, time: formatMs(cursor), status: statusText, rule: v.rule, at: v.tMs }) : t('timeline.aria', { title, time: formatMs(cursor), status: statusText })} data-testid="raft-timeline">
      <defs>
        <clipPath id={`clip-${uid}`}>
          <rect x={LABEL_W} y={0} width={W - LABEL_W} height={H} />
        </clipPath>
        <pattern id="rv-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
          <line className="rv-hatch-line" x1="0" y1="0" x2="0" y2="6" />
        </pattern>
        <marker id={`arrow-${uid}`} className="rv-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      </defs>
      {/* time axis */}
      {Array.from({ length: Math.floor((to - Math.ceil(from / tick) * tick) / tick) + 1 }, (_, i) => Math.ceil(from / tick) * tick + i * tick).map((ms) => (
        <g key={ms}>
          <line className="wg-svg-grid" x1={x(ms)} x2={x(ms)} y1={TOP - 6} y2={H - BOTTOM + 4} />
          <text className="wg-svg-muted" x={x(ms)} y={H - 8} textAnchor="middle">
            {formatMs(ms)}
          </text>
        </g>
      ))}
      {tl.nodes.map((n) => (
        <text key={n} className="rv-lane-label" x={8} y={laneY(n) + 4}>
          {t('timeline.node', { node: n })}
        </text>
      ))}
      <g clipPath={`url(#clip-${uid})`}>
        {tl.partitions
          .filter((p) => p.fromMs <= cursor && p.toMs >= from && p.fromMs <= to)
          .map((p) => (
            <g key={`p${p.fromMs}`}>
              <rect className="rv-partition" x={x(p.fromMs)} y={TOP - 14} width={Math.max(2, x(Math.min(p.toMs, cursor)) - x(p.fromMs))} height={tl.nodes.length * LANE_H + 14} rx={4} />
              <text className="wg-svg-muted" x={Math.max(x(p.fromMs), LABEL_W) + 4} y={TOP - 4}>
                {t('timeline.partition', { groups: p.groups.map((g) => `{${g.join(',')}}`).join(' | ') })}
              </text>
            </g>
          ))}
        {tl.bands
          .filter((b) => b.fromMs <= cursor && b.toMs >= from && b.fromMs <= to)
          .map((b) => {
            const x0 = x(Math.max(b.fromMs, from));
            const x1 = x(Math.min(b.toMs, cursor, to));
            const y0 = laneY(b.node) - BAND_H / 2;
            return (
              <g key={`${b.node}-${b.fromMs}`}>
                <rect className={b.down ? 'rv-band-down' : `rv-band-${b.role}`} x={x0} y={y0} width={Math.max(0, x1 - x0)} height={BAND_H} rx={3} />
                {!b.down && x1 - x0 > 34 ? (
                  <text className="rv-term" x={x0 + 4} y={y0 + 13}>
                    {b.role === 'leader' ? 'L' : b.role === 'candidate' ? 'C' : b.role === 'pre-candidate' ? 'P' : 'F'} t{b.term}
                  </text>
                ) : null}
              </g>
            );
          })}
        {visibleMessages.map((m) => {
          const end = m.endMs === null || m.endMs > cursor ? cursor : m.endMs;
          const arrived = m.outcome === 'recv' && m.endMs !== null && m.endMs <= cursor;
          const dropped = m.outcome === 'drop' && m.endMs !== null && m.endMs <= cursor;
          const y0 = laneY(m.from);
          const y1full = laneY(m.to);
          const span = (m.endMs ?? cursor) - m.sentMs;
          const frac = dropped ? 0.5 : span > 0 ? Math.min(1, (end - m.sentMs) / span) : 1;
          const xe = dropped ? x(m.sentMs) + (x(m.endMs!) - x(m.sentMs)) * 0.5 + 6 : x(end);
          const ye = y0 + (y1full - y0) * (dropped ? 0.5 : frac);
          const kind = messageKind(m.type);
          return (
            <g key={m.id} opacity={focusKinds && !focusKinds.includes(kind) ? 0.3 : undefined} data-kind={kind}>
              <line className={`rv-msg rv-msg-${kind}${dropped ? ' rv-msg-drop' : ''}`} x1={x(m.sentMs)} y1={y0} x2={xe} y2={ye} markerEnd={arrived ? `url(#arrow-${uid})` : undefined}>
                <title>{describeMessage(m, messageTexts)}</title>
              </line>
              {dropped ? (
                <g className="rv-x">
                  <line className="rv-x" x1={xe - 4} y1={ye - 4} x2={xe + 4} y2={ye + 4} />
                  <line className="rv-x" x1={xe - 4} y1={ye + 4} x2={xe + 4} y2={ye - 4} />
                </g>
              ) : null}
            </g>
          );
        })}
        {tl.commits
          .filter((c) => c.t <= cursor && c.t >= from && c.t <= to && tl.nodes.includes(c.node))
          .map((c) => (
            <g key={`c${c.node}-${c.t}-${c.index}`}>
              <rect className="rv-commit" x={x(c.t) - 2} y={laneY(c.node) + BAND_H / 2 + 1} width={4} height={6}>
                <title>{t('timeline.commit', { node: c.node, index: c.index, t: c.t })}</title>
              </rect>
            </g>
          ))}
        {tl.faults
          .filter((f) => f.t <= cursor && f.t >= from && f.t <= to && tl.nodes.includes(f.node))
          .map((f) => (
            <g key={`f${f.node}-${f.t}-${f.fault}`}>
              {f.fault === 'crash' ? (
                <path className="rv-crash" d={`M${x(f.t) - 6},${laneY(f.node) - 15} l12,0 l-6,9 z`}>
                  <title>{t('timeline.crash', { node: f.node, t: f.t })}</title>
                </path>
              ) : (
                <path className="rv-restart" d={`M${x(f.t) - 6},${laneY(f.node) - 6} l12,0 l-6,-9 z`}>
                  <title>{t('timeline.restart', { node: f.node, t: f.t })}</title>
                </path>
              )}
            </g>
          ))}
        {v && v.tMs <= cursor && v.tMs >= from && v.tMs <= to ? (
          <g data-testid="timeline-violation">
            <rect className="rv-violation" x={x(v.tMs) - 5} y={TOP - 16} width={10} height={tl.nodes.length * LANE_H + 16} rx={3}>
              <title>{t('timeline.violation', { rule: v.rule, t: v.tMs, detail: v.detail })}</title>
            </rect>
            <text className="sp-bound-label" x={Math.min(x(v.tMs) + 8, W - 180)} y={TOP - 4}>
              ✗ {v.rule}
            </text>
          </g>
        ) : null}
        {cursor < to ? <rect className="rv-future" x={x(cursor)} y={0} width={Math.max(0, W - x(cursor))} height={H - BOTTOM} /> : null}
        <line className="rv-cursor" x1={x(cursor)} x2={x(cursor)} y1={TOP - 16} y2={H - BOTTOM} />
      </g>
    </svg>
    </div>
  );
}
