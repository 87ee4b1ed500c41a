/**
 * Server-only: directed cases for the follower's AppendEntries decision and the leader's commit
 * rule, with the effect of a decision computed the way the engine applies it.
 */
import type { AppendEntriesDecision, AppendEntriesHandler, CommitRule } from '../../engine/raft/hooks';
import type { AppendEntries } from '../../engine/raft/messages';
import { RaftLog } from '../../engine/raft/raft-log';
import type { Entry } from '../../engine/raft/types';

export const entry = (index: number, term: number): Entry => ({ index, term, data: `${index}@${term}` });
export const logOf = (terms: readonly number[]): RaftLog => new RaftLog(0, 0, terms.map((t, i) => entry(i + 1, t)));
export const show = (terms: readonly number[]): string => `[${terms.join(',')}]`;

export interface AppendCase {
  readonly name: string;
  readonly log: number[];
  readonly commit?: number;
  readonly prev: [index: number, term: number];
  readonly entries?: number[];
  readonly leaderCommit?: number;
  readonly expect: { reject: { conflictIndex: number; conflictTerm: number | null } } | { log: number[]; matchIndex: number; commitIndex?: number };
  readonly why: string;
}

export function request(c: AppendCase): AppendEntries {
  const [prevLogIndex, prevLogTerm] = c.prev;
  return Object.freeze({
    type: 'AppendEntries', from: 2, to: 1, term: 9, prevLogIndex, prevLogTerm,
    entries: Object.freeze((c.entries ?? []).map((t, i) => Object.freeze(entry(prevLogIndex + 1 + i, t)))),
    leaderCommit: c.leaderCommit ?? 0, round: 0,
  });
}

/** Applies a decision as the engine does; returns a problem description, or the resulting log terms. */
export function applyDecision(log: readonly Entry[], d: AppendEntriesDecision): { problem: string } | { terms: number[]; entries: Entry[] } {
  if (!d.success) return { problem: 'rejected' };
  const last = log.length;
  if (!Number.isInteger(d.keepThroughIndex) || d.keepThroughIndex < 0 || d.keepThroughIndex > last) return { problem: `keepThroughIndex ${d.keepThroughIndex} is outside the log [0, ${last}]` };
  const out = log.slice(0, d.keepThroughIndex);
  let expected = d.keepThroughIndex + 1;
  for (const e of d.entries) {
    if (e.index !== expected) return { problem: `entries must start at keepThroughIndex + 1 = ${d.keepThroughIndex + 1} and be contiguous; got index ${e.index} where ${expected} was expected` };
    out.push(e);
    expected++;
  }
  return { terms: out.map((e) => e.term), entries: out };
}

/** Runs one case; returns a teaching message if the decision is wrong, else null. */
export function judgeAppend(handler: AppendEntriesHandler, c: AppendCase): string | null {
  const log = logOf(c.log);
  const before = log.slice(1, log.lastIndex() + 1);
  const req = request(c);
  const d = handler(Object.freeze({ id: 1, currentTerm: 9, commitIndex: c.commit ?? 0, log }), req);
  const situation = `${c.name}: follower log ${show(c.log)} (terms by index), commitIndex ${c.commit ?? 0}; AppendEntries prevLogIndex ${req.prevLogIndex}, prevLogTerm ${req.prevLogTerm}, entries ${show(c.entries ?? [])}, leaderCommit ${req.leaderCommit}`;
  if (d === null || typeof d !== 'object') return `${situation}: returned ${String(d)}, not a decision.`;
  if ('reject' in c.expect) {
    const want = c.expect.reject;
    if (d.success) return `${situation}: accepted; it must reject: ${c.why}.`;
    if (d.conflictTerm !== want.conflictTerm || d.conflictIndex !== want.conflictIndex) {
      return `${situation}: rejected with conflictTerm ${d.conflictTerm}, conflictIndex ${d.conflictIndex}; the hint should be conflictTerm ${want.conflictTerm}, conflictIndex ${want.conflictIndex}: ${c.why}.`;
    }
    return null;
  }
  const want = c.expect;
  if (!d.success) return `${situation}: rejected (conflictTerm ${d.conflictTerm}, conflictIndex ${d.conflictIndex}); it must accept: ${c.why}.`;
  const applied = applyDecision(before, d);
  if ('problem' in applied) return `${situation}: ${applied.problem}.`;
  const dataOk = applied.entries.every((e) => e.data === `${e.index}@${e.term}`);
  if (show(applied.terms) !== show(want.log) || !dataOk) return `${situation}: your decision leaves the log ${show(applied.terms)}${dataOk ? '' : ' (with entries that are not the ones sent)'}; it should be ${show(want.log)}: ${c.why}.`;
  if (d.matchIndex !== want.matchIndex) return `${situation}: matchIndex ${d.matchIndex}; it should be ${want.matchIndex}: ${c.why}.`;
  const wantCommit = want.commitIndex ?? c.commit ?? 0;
  if (d.commitIndex !== wantCommit) return `${situation}: commitIndex ${d.commitIndex}; it should be ${wantCommit}: ${c.why}.`;
  return null;
}

export interface CommitCase {
  readonly name: string;
  readonly term: number;
  readonly log: number[];
  readonly commit: number;
  readonly matchIndexes: number[];
  readonly expect: number;
  readonly why: string;
}

export function judgeCommit(rule: CommitRule, c: CommitCase): string | null {
  const got = rule(Object.freeze({ id: 1, currentTerm: c.term, commitIndex: c.commit, log: logOf(c.log), matchIndexes: Object.freeze(c.matchIndexes.slice()) }));
  const ok = got === c.expect || (c.expect === c.commit && typeof got === 'number' && got <= c.commit);
  if (ok) return null;
  return `${c.name}: leader of term ${c.term} with log ${show(c.log)} (terms by index), commitIndex ${c.commit}, matchIndexes ${show(c.matchIndexes)} chose commitIndex ${got}; it should be ${c.expect}: ${c.why}.`;
}
