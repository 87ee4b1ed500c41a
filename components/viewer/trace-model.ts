/**
 * Turns a engine/sim trace (the JSON the Raft cluster driver records) into what the timeline draws:
 * role/term bands per node, messages with their send and arrival times, faults, commits and
 * checker verdicts. Pure: no React, no DOM.
 */
import type { TraceEvent } from '@/engine/sim/trace';

export type { TraceEvent };

/** What engine/sim's TraceRecorder.toJSON() returns, or just its events. */
export type TraceInput = { version: 1; events: readonly TraceEvent[] } | readonly TraceEvent[];

export interface Band {
  node: number;
  fromMs: number;
  /** Exclusive; `endMs` of the timeline for the last band. */
  toMs: number;
  role: string;
  term: number;
  down: boolean;
}

export interface TimelineMessage {
  id: number;
  from: number;
  to: number;
  type: string;
  term: number;
  n?: number;
  ok?: boolean;
  sentMs: number;
  /** Arrival or drop time; null while in flight at the end of the trace. */
  endMs: number | null;
  outcome: 'recv' | 'drop' | 'inflight';
  why?: string;
}

export interface PartitionSpan {
  fromMs: number;
  toMs: number;
  groups: number[][];
}

export interface Timeline {
  nodes: number[];
  startMs: number;
  endMs: number;
  bands: Band[];
  messages: TimelineMessage[];
  faults: { t: number; fault: 'crash' | 'restart'; node: number }[];
  partitions: PartitionSpan[];
  commits: { t: number; node: number; index: number }[];
  proposals: { t: number; node: number; index: number; term: number }[];
  verdicts: { t: number; checker: string; ok: boolean; detail: string }[];
  /** Sorted distinct event times, for "step to the next event". */
  eventTimes: number[];
}

export function eventsOf(trace: TraceInput): readonly TraceEvent[] {
  return Array.isArray(trace) ? (trace as readonly TraceEvent[]) : (trace as { events: readonly TraceEvent[] }).events;
}

/** Build the drawable timeline. `nodes` defaults to every node that appears in the trace; `endMs` to the last event. */
export function buildTimeline(trace: TraceInput, options: { nodes?: readonly number[]; endMs?: number } = {}): Timeline {
  const events = eventsOf(trace);
  const seen = new Set<number>(options.nodes ?? []);
  let last = 0;
  for (const e of events) {
    last = Math.max(last, e.t);
    if (options.nodes === undefined) {
      if (e.k === 'role' || e.k === 'commit' || e.k === 'propose' || e.k === 'snapshot') seen.add(e.node);
      else if (e.k === 'fault' && e.node !== undefined) seen.add(e.node);
    }
  }
  const nodes = [...seen].sort((a, b) => a - b);
  const startMs = events[0]?.t ?? 0;
  const endMs = Math.max(options.endMs ?? last, last);

  const bands: Band[] = [];
  const open = new Map<number, Band>();
  const startBand = (node: number, t: number, role: string, term: number, down: boolean) => {
    const prev = open.get(node);
    if (prev !== undefined) {
      if (prev.fromMs === t) {
        // Several changes at one instant: keep the last.
        prev.role = role;
        prev.term = term;
        prev.down = down;
        return;
      }
      prev.toMs = t;
    }
    const band: Band = { node, fromMs: t, toMs: endMs, role, term, down };
    bands.push(band);
    open.set(node, band);
  };

  const messages: TimelineMessage[] = [];
  const byId = new Map<number, TimelineMessage>();
  const faults: Timeline['faults'] = [];
  const partitions: PartitionSpan[] = [];
  let openPartition: PartitionSpan | null = null;
  const commits: Timeline['commits'] = [];
  const proposals: Timeline['proposals'] = [];
  const verdicts: Timeline['verdicts'] = [];
  const times = new Set<number>();
  const nodeSet = new Set(nodes);

  for (const e of events) {
    times.add(e.t);
    switch (e.k) {
      case 'role':
        if (nodeSet.has(e.node)) startBand(e.node, e.t, e.role, e.term, false);
        break;
      case 'send': {
        const m: TimelineMessage = { id: e.id, from: e.from, to: e.to, type: e.type, term: e.term, n: e.n, ok: e.ok, sentMs: e.t, endMs: null, outcome: 'inflight' };
        messages.push(m);
        byId.set(e.id, m);
        break;
      }
      case 'recv': {
        const m = byId.get(e.id);
        // A duplicated message arrives twice: the first arrival is the one drawn.
        if (m !== undefined && m.outcome === 'inflight') {
          m.endMs = e.t;
          m.outcome = 'recv';
        }
        break;
      }
      case 'drop': {
        const m = byId.get(e.id);
        if (m !== undefined && m.outcome === 'inflight') {
          m.endMs = e.t;
          m.outcome = 'drop';
          m.why = e.why;
        }
        break;
      }
      case 'fault':
        if ((e.fault === 'crash' || e.fault === 'restart') && e.node !== undefined) {
          faults.push({ t: e.t, fault: e.fault, node: e.node });
          if (e.fault === 'crash' && nodeSet.has(e.node)) {
            const prev = open.get(e.node);
            startBand(e.node, e.t, 'down', prev?.term ?? 0, true);
          }
        } else if (e.fault === 'partition') {
          if (openPartition !== null) openPartition.toMs = e.t;
          openPartition = { fromMs: e.t, toMs: endMs, groups: e.groups ?? [] };
          partitions.push(openPartition);
        } else if (e.fault === 'heal') {
          if (openPartition !== null) openPartition.toMs = e.t;
          openPartition = null;
        }
        break;
      case 'commit':
        commits.push({ t: e.t, node: e.node, index: e.index });
        break;
      case 'propose':
        proposals.push({ t: e.t, node: e.node, index: e.index, term: e.term });
        break;
      case 'verdict':
        verdicts.push({ t: e.t, checker: e.checker, ok: e.ok, detail: e.detail });
        break;
      default:
        break;
    }
  }
  return { nodes, startMs, endMs, bands, messages, faults, partitions, commits, proposals, verdicts, eventTimes: [...times].sort((a, b) => a - b) };
}

/** The band of `node` at time t (the last one that started at or before t). */
export function bandAt(tl: Timeline, node: number, t: number): Band | undefined {
  let found: Band | undefined;
  for (const b of tl.bands) if (b.node === node && b.fromMs <= t) found = b;
  return found;
}

/** Heartbeats are empty AppendEntries and their successful replies: the bulk of the traffic, hidden on request. */
export function isHeartbeat(m: TimelineMessage): boolean {
  return (m.type === 'AppendEntries' && (m.n ?? 0) === 0) || (m.type === 'AppendEntriesResponse' && m.ok === true);
}

export function messageKind(type: string): 'vote' | 'append' | 'client' | 'other' {
  if (type.startsWith('RequestVote') || type.startsWith('PreVote')) return 'vote';
  if (type.startsWith('AppendEntries') || type.startsWith('InstallSnapshot')) return 'append';
  if (type.startsWith('Client')) return 'client';
  return 'other';
}

/** The first event time strictly after t, or null. */
export function nextEventTime(tl: Timeline, t: number): number | null {
  let lo = 0;
  let hi = tl.eventTimes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tl.eventTimes[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return tl.eventTimes[lo] ?? null;
}

/** The words of describeMessage, in the viewer's language (components pass them from the `viewer` messages). */
export interface MessageTexts {
  appendEntries(count: number): string;
  granted(type: string): string;
  rejected(type: string): string;
  dropped(why: string): string;
  /** A drop reason (engine/sim DropReason: loss, partition, down), or undefined when none was recorded. */
  why(why: string | undefined): string;
  arrived(t: number): string;
  inFlight(): string;
  summary(parts: { what: string; term: number; from: number; to: number; sent: number; fate: string }): string;
}

export const ENGLISH_MESSAGE_TEXTS: MessageTexts = {
  appendEntries: (n) => `AppendEntries (${n} ${n === 1 ? 'entry' : 'entries'})`,
  granted: (type) => `${type} (granted/ok)`,
  rejected: (type) => `${type} (rejected)`,
  dropped: (why) => `dropped (${why})`,
  why: (why) => why ?? 'lost',
  arrived: (t) => `arrived at ${t} ms`,
  inFlight: () => 'in flight',
  summary: ({ what, term, from, to, sent, fate }) => `${what}, term ${term}, node ${from} → node ${to}, sent at ${sent} ms, ${fate}`,
};

/** A short human description of a message, for titles and screen readers. */
export function describeMessage(m: TimelineMessage, text: MessageTexts = ENGLISH_MESSAGE_TEXTS): string {
  const what = m.type === 'AppendEntries' ? text.appendEntries(m.n ?? 0) : m.ok === undefined ? m.type : m.ok ? text.granted(m.type) : text.rejected(m.type);
  const fate = m.outcome === 'drop' ? text.dropped(text.why(m.why)) : m.outcome === 'recv' ? text.arrived(m.endMs ?? m.sentMs) : text.inFlight();
  return text.summary({ what, term: m.term, from: m.from, to: m.to, sent: m.sentMs, fate });
}
