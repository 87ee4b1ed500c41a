/** Hand-built views for checking the PreVote rules one case at a time. */
import { expect } from '../../grader/harness/api';
import { RaftLog } from '../../engine/raft/raft-log';
import type { Entry } from '../../engine/raft/types';
import type { PreVoteView, RequestVote } from './api';

/** A log with entries of the given terms from index 1. */
export function logOf(terms: readonly number[]): RaftLog {
  const entries: Entry[] = terms.map((term, i) => ({ index: i + 1, term, data: `v${i + 1}` }));
  return new RaftLog(0, 0, entries);
}

export function view(o: { id?: number; term: number; log: RaftLog; leaderId: number | null; elapsed: number; electionTicks?: number }): PreVoteView {
  return { id: o.id ?? 2, currentTerm: o.term, leaderId: o.leaderId, electionElapsedTicks: o.elapsed, electionTicks: o.electionTicks ?? 30, log: o.log };
}

export function probeFrom(from: number, term: number, lastLogIndex: number, lastLogTerm: number): RequestVote {
  return { type: 'RequestVote', from, to: 2, term, preVote: true, lastLogIndex, lastLogTerm };
}

function describe(v: PreVoteView, r: RequestVote): string {
  const leader = v.leaderId === null ? 'no known leader' : v.leaderId === v.id ? 'is the leader itself' : `follows leader ${v.leaderId}, last heard ${v.electionElapsedTicks} ticks ago (electionTicks ${v.electionTicks})`;
  return `a voter in term ${v.currentTerm} with last log entry (index ${v.log.lastIndex()}, term ${v.log.lastTerm()}) that ${leader}, asked by node ${r.from} for term ${r.term} with last log entry (index ${r.lastLogIndex}, term ${r.lastLogTerm})`;
}

export function expectGrant(granted: boolean, want: boolean, v: PreVoteView, r: RequestVote, why: string): void {
  expect(granted === want, `${describe(v, r)}: expected ${want ? 'a grant' : 'a refusal'}, got ${JSON.stringify(granted)}. ${why}`).toBe(true);
}
