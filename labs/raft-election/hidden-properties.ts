/**
 * Server-only: generated inputs for the hidden suite. RequestVote is compared with the reference
 * rule (engine/raft/hooks/request-vote.ts) on generated sequences of requests to the voters of a
 * cluster of 2–9 nodes, with multi-term logs, terms ahead of the last log term, every kind of
 * votedFor and candidate logs around the voter's last entry; the timer is checked on generated
 * base timeouts and random streams; and the spread of the timeouts is checked by their
 * frequencies, with a computed critical value.
 */
import { referenceRequestVote } from '../../engine/raft/hooks/request-vote';
import type { RequestVote } from '../../engine/raft/messages';
import { RaftLog } from '../../engine/raft/raft-log';
import { fc } from '../../grader/harness/property';

// ---- RequestVote: generated sequences of requests ------------------------------------------------

/** One RequestVote as a voter sees it, with the reference's answer. */
export interface VoteCall {
  readonly voter: { readonly id: number; readonly currentTerm: number; readonly votedFor: number | null; readonly log: readonly number[] };
  readonly request: { readonly from: number; readonly term: number; readonly lastLogIndex: number; readonly lastLogTerm: number };
  readonly grant: boolean;
}

export interface VoteScenario {
  readonly nodes: number;
  readonly calls: readonly VoteCall[];
}

/** What a step of the generator draws; `materialize` turns a list of steps into consistent calls. */
interface RawStep {
  readonly voter: number;
  readonly candidateOffset: number;
  /** 0: the request arrives in the voter's current term; 1–3: a newer term (term handling ran first, votedFor was cleared). */
  readonly termBump: number;
  /** When the term moves on: did the voter become a candidate itself (votedFor = itself)? */
  readonly votedForSelf: boolean;
  /** How far the voter's current term is ahead of its last log term (also its start term, first time it appears); whom it first voted for. */
  readonly termAhead: number;
  readonly initialVote: number;
  /** The voter's log as term increments from 1 (0 keeps the term: several entries of one term). */
  readonly logSteps: readonly number[];
  /** The candidate's last entry, relative to the voter's (term first, then index), or far from it. */
  readonly lastTermDelta: number;
  readonly lastIndexDelta: number;
}

const rawStep: fc.Arbitrary<RawStep> = fc.record({
  voter: fc.integer({ min: 1, max: 9 }),
  candidateOffset: fc.integer({ min: 1, max: 8 }),
  termBump: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  votedForSelf: fc.boolean(),
  termAhead: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 })),
  // 0: nobody; 1..9: that node (the voter itself, the candidate or another one, depending on ids).
  initialVote: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 9 }) }),
  logSteps: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 2 }) }), { maxLength: 8 }),
  lastTermDelta: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -6, max: 6 })),
  lastIndexDelta: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -9, max: 9 })),
});

export function logOf(terms: readonly number[]): RaftLog {
  return new RaftLog(0, 0, terms.map((term, i) => ({ index: i + 1, term, data: `e${i + 1}` })));
}

function termsFrom(steps: readonly number[], maxTerm: number): number[] {
  const terms: number[] = [];
  let term = 1;
  for (const step of steps) {
    term += step;
    terms.push(Math.min(term, maxTerm));
  }
  return maxTerm < 1 ? [] : terms;
}

/** The reference's answer for one call. */
export function referenceGrant(call: Omit<VoteCall, 'grant'>): boolean {
  return referenceRequestVote(
    { id: call.voter.id, currentTerm: call.voter.currentTerm, votedFor: call.voter.votedFor, log: logOf(call.voter.log) },
    asRequest(call),
  );
}

export function asRequest(call: Omit<VoteCall, 'grant'>): RequestVote {
  return { type: 'RequestVote', from: call.request.from, to: call.voter.id, term: call.request.term, preVote: false, lastLogIndex: call.request.lastLogIndex, lastLogTerm: call.request.lastLogTerm };
}

/**
 * Turns raw steps into calls a real cluster could make: per voter, terms only grow; a newer term
 * clears votedFor (or sets it to the voter itself when it became a candidate); a vote the reference
 * grants is recorded in votedFor, as the engine does; logs hold terms ≤ the voter's term; a
 * candidate's last log term is below its own (= the request's) term.
 */
function materialize(nodes: number, baseTerm: number, steps: readonly RawStep[]): VoteScenario {
  const state = new Map<number, { term: number; votedFor: number | null }>();
  const calls: VoteCall[] = [];
  for (const s of steps) {
    const id = ((s.voter - 1) % nodes) + 1;
    const offset = ((s.candidateOffset - 1) % (nodes - 1)) + 1; // 1..nodes-1: never the voter itself
    const from = ((id - 1 + offset) % nodes) + 1;
    let st = state.get(id);
    if (st === undefined) {
      const vote = s.initialVote === 0 ? null : ((s.initialVote - 1) % nodes) + 1;
      st = { term: baseTerm + s.termAhead, votedFor: vote };
      state.set(id, st);
    }
    if (s.termBump > 0) {
      st.term += s.termBump;
      st.votedFor = s.votedForSelf ? id : null;
    }
    // A candidate's log ends below its term; the voter's log ends at or below its current term.
    const log = termsFrom(s.logSteps, Math.max(0, st.term - Math.max(s.termAhead, st.votedFor === id ? 1 : 0)));
    const myLastTerm = log.at(-1) ?? 0;
    const lastLogTerm = Math.max(0, Math.min(st.term - 1, myLastTerm + s.lastTermDelta));
    const lastLogIndex = lastLogTerm === 0 ? 0 : Math.max(1, log.length + s.lastIndexDelta);
    const call = { voter: { id, currentTerm: st.term, votedFor: st.votedFor, log }, request: { from, term: st.term, lastLogIndex, lastLogTerm } };
    const grant = referenceGrant(call);
    calls.push({ ...call, grant });
    if (grant) st.votedFor = from;
  }
  return { nodes, calls };
}

/** Sequences of 1–6 RequestVotes to the voters of a cluster of 2–9 nodes. */
export const voteScenario: fc.Arbitrary<VoteScenario> = fc
  .record({ nodes: fc.integer({ min: 2, max: 9 }), baseTerm: fc.integer({ min: 1, max: 6 }), steps: fc.array(rawStep, { minLength: 1, maxLength: 6 }) })
  .map(({ nodes, baseTerm, steps }) => materialize(nodes, baseTerm, steps));

export function describeCall(c: Omit<VoteCall, 'grant'>): string {
  const log = c.voter.log.length === 0 ? 'an empty log' : `a log of terms [${c.voter.log.join(', ')}] (last entry index ${c.voter.log.length}, term ${c.voter.log.at(-1)})`;
  const voted = c.voter.votedFor === null ? 'has not voted' : c.voter.votedFor === c.voter.id ? 'voted for itself (it is a candidate)' : `voted for node ${c.voter.votedFor}`;
  return `voter ${c.voter.id} in term ${c.voter.currentTerm}, which ${voted} and holds ${log}, asked by candidate ${c.request.from} (term ${c.request.term}, last entry index ${c.request.lastLogIndex} term ${c.request.lastLogTerm})`;
}

export function describeScenario(s: VoteScenario): string {
  return `a ${s.nodes}-node cluster, ${s.calls.length} request${s.calls.length > 1 ? 's' : ''} in order: ${s.calls.map((c, i) => `(${i + 1}) ${describeCall(c)} → ${c.grant ? 'grant' : 'refuse'}`).join('; ')}`;
}

// ---- the timer -------------------------------------------------------------------------------------

/**
 * The smallest k with P(X ≥ k) ≤ alpha for X ~ Binomial(n, p), from the exact pmf in log space.
 */
export function binomialCriticalValue(n: number, p: number, alpha: number): number {
  const logPmf: number[] = [n * Math.log1p(-p)];
  const ratio = Math.log(p) - Math.log1p(-p);
  for (let k = 0; k < n; k++) logPmf.push(logPmf[k]! + Math.log((n - k) / (k + 1)) + ratio);
  let tail = 0;
  for (let k = n; k >= 0; k--) {
    const next = tail + Math.exp(logPmf[k]!);
    if (next > alpha) return k + 1;
    tail = next;
  }
  return 0;
}
