/**
 * Where the replay of a failing test opens and what it shows first (issue 19), derived from the
 * trace and the failure's message. Pure: no React, no DOM.
 *
 * The failing event, in order of preference:
 *  1. the trace's first failing checker verdict;
 *  2. the time the message reports ("… (seed 3, at 1234 ms): …", as the Raft labs' invariant checks write);
 *  3. for an RPC budget ("took 45 RPCs (budget 30)"), the first message sent over the budget,
 *     counted from the start of the trace (from the crash for a re-election), when the trace is complete;
 *  4. else the end of the run.
 * The message kinds that matter: a failure about RPC counts, heartbeats or an idle cluster shows every
 * message (heartbeats included, which are hidden otherwise); one about votes or elections puts the vote
 * messages first; one about the log, commits or replication the AppendEntries.
 */
import type { messageKind, Timeline } from './trace-model';

export type MessageKindName = ReturnType<typeof messageKind>;

export interface FailureInfo {
  /** The failing test's message (the harness's own words). */
  message?: string | undefined;
  /** Events the trace left out at its start (engine traces compacted to fit: `truncated`). */
  truncated?: number | undefined;
}

export type FocusAnchor = 'violation' | 'reported-time' | 'over-budget' | 'end';

export interface ReplayFocus {
  /** The failing event's time (virtual ms). */
  eventMs: number;
  /** Where the cursor starts: just after the failing event, so it is drawn. */
  timeMs: number;
  anchor: FocusAnchor;
  /** Start with heartbeats (and retries to crashed nodes) drawn. */
  showHeartbeats: boolean;
  /** The kinds the failure is about, drawn at full strength (others dimmed); null = all alike. */
  kinds: MessageKindName[] | null;
  /** Visible window of virtual time to start with. */
  windowMs: number;
}

const RPC_WORDS = /\bRPCs?\b|heartbeat|\bidle\b|messages? (?:per|sent)/i;
const VOTE_WORDS = /\bvot(?:e|es|ed|ing)\b|RequestVote|PreVote|\belect(?:ion|ed|ing|s)?\b|candidate/i;
const LOG_WORDS = /\blog\b|commit|AppendEntries|replicat|match(?:ing|Index)|\bentr(?:y|ies)\b|snapshot/i;

/** The time a failure message reports, e.g. "(seed 3, at 1234 ms)". */
export function reportedTimeMs(message: string | undefined): number | null {
  if (!message) return null;
  const m = /\bat (\d+(?:\.\d+)?)\s?ms\b/.exec(message);
  return m ? Number(m[1]) : null;
}

/** "took 45 RPCs (budget 30)" → 30; null when the message states no RPC budget. */
export function rpcBudget(message: string | undefined): number | null {
  if (!message) return null;
  const m = /\bRPCs?\b[^()]*\(budget (\d+)/i.exec(message);
  return m ? Number(m[1]) : null;
}

/** The send time of the (budget+1)-th message after `fromMs` (null when there are not that many). */
function firstOverBudget(tl: Timeline, budget: number, fromMs: number): number | null {
  const sends = tl.messages.filter((m) => m.sentMs >= fromMs).sort((a, b) => a.sentMs - b.sentMs || a.id - b.id);
  return sends[budget]?.sentMs ?? null;
}

const clamp = (tl: Timeline, t: number) => Math.min(tl.endMs, Math.max(tl.startMs, t));

export function replayFocus(tl: Timeline, failure: FailureInfo = {}): ReplayFocus {
  const message = failure.message ?? '';
  const aboutRpcs = RPC_WORDS.test(message);
  const aboutVotes = VOTE_WORDS.test(message);
  const aboutLog = LOG_WORDS.test(message);
  const kinds: MessageKindName[] = [];
  if (aboutVotes) kinds.push('vote');
  if (aboutLog) kinds.push('append');
  const idle = /\bidle\b|per second/i.test(message);
  const base = { showHeartbeats: aboutRpcs, kinds: aboutRpcs || kinds.length === 0 ? null : kinds, windowMs: idle ? 2000 : 1000 };

  const bad = tl.verdicts.find((v) => !v.ok);
  const at = (eventMs: number, anchor: FocusAnchor, afterMs: number): ReplayFocus => ({ ...base, eventMs, timeMs: clamp(tl, eventMs + afterMs), anchor });
  if (bad) return at(bad.t, 'violation', 50);
  const reported = reportedTimeMs(message);
  if (reported !== null && reported >= tl.startMs && reported <= tl.endMs) return at(reported, 'reported-time', 50);
  const budget = rpcBudget(message);
  if (budget !== null && !idle && (failure.truncated ?? 0) === 0) {
    const crash = /crash|re-?elect/i.test(message) ? tl.faults.find((f) => f.fault === 'crash') : undefined;
    const over = firstOverBudget(tl, budget, crash?.t ?? tl.startMs);
    if (over !== null) return at(over, 'over-budget', 20);
  }
  return at(tl.endMs, 'end', 0);
}
