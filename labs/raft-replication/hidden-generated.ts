/**
 * Server-only: generated cases for the differential property tests. A case is a follower and a
 * leader whose logs share a prefix and then diverge the way Raft logs can (Figure 7): the two
 * tails never hold the same (index, term), so the Log Matching Property holds between them, and
 * every AppendEntries is a window of the leader's log (a heartbeat when the window is empty), so
 * prevLogTerm is whatever the leader holds there: matching, higher or lower than the follower's.
 */
import { fc } from '../../grader/harness/property';
import { divergingTails, raftTerms, tailsPick } from '../../grader/harness/kits/raft-arbitraries';
import type { AppendEntriesDecision, AppendEntriesHandler, CommitRule } from '../../engine/raft/hooks';
import type { AppendEntries } from '../../engine/raft/messages';
import { referenceAppendEntries } from '../../engine/raft/hooks/append-entries';
import { referenceCommitRule } from '../../engine/raft/hooks/commit-rule';
import { applyDecision, entry, logOf, show } from './hidden-cases';

export interface AppendGen {
  /** Follower's log, terms by index. */
  readonly follower: readonly number[];
  /** Leader's log, terms by index (shares a prefix with the follower's, then diverges). */
  readonly leader: readonly number[];
  /** Length of the common prefix. */
  readonly common: number;
  readonly commit: number;
  readonly prevLogIndex: number;
  readonly count: number;
  readonly leaderCommit: number;
}


/** A follower log, a leader log and one AppendEntries window of the leader's log (often empty: a heartbeat or probe). */
export const appendCase: fc.Arbitrary<AppendGen> = fc
  .record({
    prefix: raftTerms(10),
    tails: tailsPick,
    commitPick: fc.nat(),
    fromPick: fc.nat(),
    heartbeat: fc.boolean(),
    countPick: fc.nat(),
    leaderCommitPick: fc.nat(),
  })
  .map((g) => {
    const t0 = g.prefix.length === 0 ? 0 : g.prefix[g.prefix.length - 1]!;
    const { follower, leader } = divergingTails(t0, g.tails);
    const f = [...g.prefix, ...follower];
    const l = [...g.prefix, ...leader];
    const common = g.prefix.length;
    const prevLogIndex = g.fromPick % (l.length + 1);
    const count = g.heartbeat ? 0 : g.countPick % (l.length - prevLogIndex + 1);
    // Committed entries are on every later leader, so the follower's commitIndex is within the common prefix.
    return { follower: f, leader: l, common, commit: g.commitPick % (common + 1), prevLogIndex, count, leaderCommit: g.leaderCommitPick % (l.length + 1) };
  });

export function requestOf(c: AppendGen): AppendEntries {
  const entries = c.leader.slice(c.prevLogIndex, c.prevLogIndex + c.count).map((t, i) => Object.freeze(entry(c.prevLogIndex + 1 + i, t)));
  return Object.freeze({
    type: 'AppendEntries', from: 2, to: 1, term: Math.max(0, ...c.leader, ...c.follower) + 1,
    prevLogIndex: c.prevLogIndex, prevLogTerm: c.prevLogIndex === 0 ? 0 : c.leader[c.prevLogIndex - 1]!,
    entries: Object.freeze(entries), leaderCommit: c.leaderCommit, round: 0,
  });
}

export function describeAppend(c: AppendGen): string {
  const r = requestOf(c);
  return `follower log ${show(c.follower)} (terms by index), commitIndex ${c.commit}; AppendEntries prevLogIndex ${r.prevLogIndex}, prevLogTerm ${r.prevLogTerm}, entries ${show(r.entries.map((e) => e.term))}${r.entries.length === 0 ? ' (a heartbeat)' : ` (indexes ${r.prevLogIndex + 1}–${r.prevLogIndex + r.entries.length})`}, leaderCommit ${r.leaderCommit}`;
}

/** What a decision does, as the engine applies it: the outcome compared between learner and reference. */
export type AppendOutcome =
  | { readonly rejected: { readonly conflictTerm: number | null; readonly conflictIndex: number } }
  | { readonly log: string; readonly matchIndex: number; readonly commitIndex: number }
  | { readonly invalid: string };

export function outcome(handler: AppendEntriesHandler, c: AppendGen): AppendOutcome {
  const log = logOf(c.follower);
  const before = log.slice(1, log.lastIndex() + 1);
  const d: AppendEntriesDecision = handler(Object.freeze({ id: 1, currentTerm: requestOf(c).term, commitIndex: c.commit, log }), requestOf(c));
  if (d === null || typeof d !== 'object') return { invalid: `returned ${String(d)}, not a decision` };
  if (!d.success) return { rejected: { conflictTerm: d.conflictTerm, conflictIndex: d.conflictIndex } };
  const applied = applyDecision(before, d);
  if ('problem' in applied) return { invalid: applied.problem };
  const dataOk = applied.entries.every((e) => e.data === `${e.index}@${e.term}`);
  return { log: show(applied.terms) + (dataOk ? '' : ' (with entries that are not the ones sent)'), matchIndex: d.matchIndex, commitIndex: d.commitIndex };
}

export const referenceOutcome = (c: AppendGen): AppendOutcome => outcome(referenceAppendEntries, c);

export function describeOutcome(o: AppendOutcome): string {
  if ('invalid' in o) return `an invalid decision (${o.invalid})`;
  if ('rejected' in o) return `reject with conflictTerm ${o.rejected.conflictTerm}, conflictIndex ${o.rejected.conflictIndex}`;
  return `accept, leaving the log ${o.log} with matchIndex ${o.matchIndex} and commitIndex ${o.commitIndex}`;
}

// ---- the leader's commit rule -------------------------------------------------------------------

export interface CommitGen {
  readonly log: readonly number[];
  readonly term: number;
  readonly commit: number;
  readonly matchIndexes: readonly number[];
}

/** Clusters of 1–9 voters (even and odd), multi-term leader logs up to 24 entries (indexes past 9, so numbers sort differently from strings). */
export const commitCase: fc.Arbitrary<CommitGen> = fc
  .record({
    log: raftTerms(24),
    termGap: fc.constantFrom(0, 0, 0, 1, 2),
    size: fc.integer({ min: 1, max: 9 }),
    commitPick: fc.nat(),
    followers: fc.array(fc.record({ pick: fc.nat(), high: fc.boolean() }), { minLength: 8, maxLength: 8 }),
    self: fc.nat(),
  })
  .map((g) => {
    const last = g.log.length;
    const lastTerm = last === 0 ? 0 : g.log[last - 1]!;
    // Followers are often close to the leader's end, so majorities of current-term entries are common.
    const others = g.followers.slice(0, g.size - 1).map((f) => (f.high ? last - (f.pick % Math.min(4, last + 1)) : f.pick % (last + 1)));
    const at = g.self % g.size;
    const matchIndexes = [...others.slice(0, at), last, ...others.slice(at)];
    return { log: g.log, term: Math.max(1, lastTerm + g.termGap), commit: g.commitPick % (last + 1), matchIndexes };
  });

export const commitView = (c: CommitGen) =>
  Object.freeze({ id: 1, currentTerm: c.term, commitIndex: c.commit, log: logOf(c.log), matchIndexes: Object.freeze(c.matchIndexes.slice()) });

export const referenceCommit = (c: CommitGen): number => referenceCommitRule(commitView(c));

/** Returning anything at or below the current commitIndex means "commit nothing" to the engine. */
export const sameCommit = (c: CommitGen) => (got: number, want: number): boolean => got === want || (want === c.commit && typeof got === 'number' && got <= c.commit);

export function describeCommit(c: CommitGen): string {
  return `leader of term ${c.term} in a cluster of ${c.matchIndexes.length}, log ${show(c.log)} (terms by index), commitIndex ${c.commit}, matchIndexes ${show(c.matchIndexes)}`;
}

export function commitOf(rule: CommitRule, c: CommitGen): number {
  return rule(commitView(c));
}
