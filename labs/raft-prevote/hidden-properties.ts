/**
 * Server-only: generated inputs for the hidden suite. The learner's grant, probe and decide are
 * compared with the reference rules (engine/raft/hooks/pre-vote.ts) on generated views: clusters
 * of 2–9 voters (even sizes too), current terms ahead of the last log term, multi-term logs,
 * every base election timeout, leaders heard from just now, long ago or never, and several
 * nodes asked in turn (all of a cluster's nodes share the learner's module).
 */
import type { PreVoteView as EngineView } from '../../engine/raft/hooks';
import { referencePreVote } from '../../engine/raft/hooks/pre-vote';
import { RaftLog } from '../../engine/raft/raft-log';
import { fc } from '../../grader/harness/property';
import type { PreVoteDecision, PreVoteTally, RequestVote } from './api';

export function logOf(terms: readonly number[]): RaftLog {
  return new RaftLog(0, 0, terms.map((term, i) => ({ index: i + 1, term, data: `v${i + 1}` })));
}

/** A node's view as plain data (the log as the term of each entry). */
export interface ViewData {
  readonly id: number;
  readonly currentTerm: number;
  readonly leaderId: number | null;
  readonly electionElapsedTicks: number;
  readonly electionTicks: number;
  readonly log: readonly number[];
}

/** The view both sides take: the engine's (its log entries carry Json, which the lab's api reads as unknown). */
export function toView(v: ViewData): EngineView {
  return Object.freeze({ id: v.id, currentTerm: v.currentTerm, leaderId: v.leaderId, electionElapsedTicks: v.electionElapsedTicks, electionTicks: v.electionTicks, log: logOf(v.log) });
}

export function describeView(v: ViewData): string {
  const leader =
    v.leaderId === null ? 'knows no leader' : v.leaderId === v.id ? `is the leader (its counter at ${v.electionElapsedTicks} of ${v.electionTicks} ticks)` : `follows leader ${v.leaderId}, last heard ${v.electionElapsedTicks} ticks ago (electionTicks ${v.electionTicks})`;
  const log = v.log.length === 0 ? 'an empty log' : `a log of terms [${v.log.join(', ')}] (last entry index ${v.log.length}, term ${v.log.at(-1)})`;
  return `node ${v.id} in term ${v.currentTerm} with ${log}, which ${leader}`;
}

// ---- shared pieces ---------------------------------------------------------------------------------

const electionTicksArb = fc.oneof(fc.constant(30), fc.integer({ min: 3, max: 120 }));

/** A log as term increments from 1 (mostly 0: several entries per term), capped later. */
const logStepsArb = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 2 }) }), { maxLength: 8 });

function termsFrom(steps: readonly number[], maxTerm: number): number[] {
  if (maxTerm < 1) return [];
  let term = 1;
  return steps.map((step) => {
    term += step;
    return Math.min(term, maxTerm);
  });
}

/** Who the node follows and for how long it has not heard from it. */
const leaderArb = fc.record({
  kind: fc.constantFrom('none', 'other', 'other', 'self'),
  other: fc.integer({ min: 1, max: 8 }),
  // Relative to electionTicks: well inside the lease, just around its end, or long after.
  elapsed: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -120, max: 240 })),
});

function leaderOf(raw: { kind: string; other: number; elapsed: number }, id: number, nodes: number, electionTicks: number): { leaderId: number | null; electionElapsedTicks: number } {
  const around = (x: number) => Math.max(0, electionTicks + x);
  if (raw.kind === 'none') return { leaderId: null, electionElapsedTicks: around(raw.elapsed) };
  // A leader's own counter restarts every electionTicks.
  if (raw.kind === 'self') return { leaderId: id, electionElapsedTicks: around(raw.elapsed) % electionTicks };
  return { leaderId: ((id - 1 + (((raw.other - 1) % (nodes - 1)) + 1)) % nodes) + 1, electionElapsedTicks: around(raw.elapsed) };
}

// ---- grant: sequences of PreVote requests to the voters of one cluster --------------------------------

export interface GrantCall {
  readonly voter: ViewData;
  readonly request: { readonly from: number; readonly term: number; readonly lastLogIndex: number; readonly lastLogTerm: number };
  readonly grant: boolean;
}

export interface GrantScenario {
  readonly nodes: number;
  readonly calls: readonly GrantCall[];
}

export function asRequest(c: Omit<GrantCall, 'grant'>): RequestVote {
  return { type: 'RequestVote', from: c.request.from, to: c.voter.id, term: c.request.term, preVote: true, lastLogIndex: c.request.lastLogIndex, lastLogTerm: c.request.lastLogTerm };
}

const grantStep = fc.record({
  voter: fc.integer({ min: 1, max: 9 }),
  candidateOffset: fc.integer({ min: 1, max: 8 }),
  termBump: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
  /** How far the voter's current term runs ahead of its last log term (failed elections raise terms without entries). */
  termAhead: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 })),
  leader: leaderArb,
  logSteps: logStepsArb,
  /** The probe's term relative to the voter's: 0 (not newer), 1 (the usual next term) or further ahead. */
  probeAhead: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 2, max: 4 })),
  lastTermDelta: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -6, max: 6 })),
  lastIndexDelta: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -9, max: 9 })),
});

/** Per voter, terms only grow through the sequence; the rest of each view is drawn per request. */
export const grantScenario: fc.Arbitrary<GrantScenario> = fc
  .record({ nodes: fc.integer({ min: 2, max: 9 }), baseTerm: fc.integer({ min: 1, max: 6 }), electionTicks: electionTicksArb, steps: fc.array(grantStep, { minLength: 1, maxLength: 6 }) })
  .map(({ nodes, baseTerm, electionTicks, steps }) => {
    const terms = new Map<number, number>();
    const calls = steps.map((s): GrantCall => {
      const id = ((s.voter - 1) % nodes) + 1;
      const from = ((id - 1 + (((s.candidateOffset - 1) % (nodes - 1)) + 1)) % nodes) + 1;
      const term = (terms.get(id) ?? baseTerm + s.termAhead) + s.termBump;
      terms.set(id, term);
      const log = termsFrom(s.logSteps, term - s.termAhead);
      const voter: ViewData = { id, currentTerm: term, electionTicks, log, ...leaderOf(s.leader, id, nodes, electionTicks) };
      const probeTerm = term + s.probeAhead;
      const lastLogTerm = Math.max(0, Math.min(probeTerm - 1, (log.at(-1) ?? 0) + s.lastTermDelta));
      const lastLogIndex = lastLogTerm === 0 ? 0 : Math.max(1, log.length + s.lastIndexDelta);
      const call = { voter, request: { from, term: probeTerm, lastLogIndex, lastLogTerm } };
      return { ...call, grant: referencePreVote.grant(toView(voter), asRequest(call)) };
    });
    return { nodes, calls };
  });

export function describeGrantCall(c: Omit<GrantCall, 'grant'>): string {
  return `${describeView(c.voter)}, asked by node ${c.request.from} for term ${c.request.term} with last log entry (index ${c.request.lastLogIndex}, term ${c.request.lastLogTerm})`;
}

export function describeGrantScenario(s: GrantScenario): string {
  return `a ${s.nodes}-node cluster, in order: ${s.calls.map((c, i) => `(${i + 1}) ${describeGrantCall(c)} → ${c.grant ? 'grant' : 'refuse'}`).join('; ')}`;
}

/** Why the reference answers as it does, from the case itself. */
export function grantReason(c: GrantCall): string {
  const v = c.voter;
  if (c.request.term <= v.currentTerm) return `the probe's term ${c.request.term} is not newer than the voter's term ${v.currentTerm}`;
  if (v.leaderId === v.id) return 'a leader refuses pre-votes (thesis §9.6)';
  if (v.leaderId !== null && v.electionElapsedTicks < v.electionTicks) return `it heard from leader ${v.leaderId} ${v.electionElapsedTicks} ticks ago, less than electionTicks (${v.electionTicks}): leader stickiness (thesis §4.2.3, §9.6)`;
  if (!c.grant) return 'the candidate\'s log is less up-to-date (Raft §5.4.1: last term first, then last index)';
  return `a newer term, a log at least as up-to-date (Raft §5.4.1), and ${v.leaderId === null ? 'no leader known' : `leader ${v.leaderId} silent for ${v.electionElapsedTicks} ≥ electionTicks (${v.electionTicks}) ticks`}: all three hold`;
}

/**
 * The lease boundary: at electionElapsedTicks === electionTicks exactly, the README ("not heard from
 * a leader within the base election timeout") allows either answer.
 */
export function atLeaseBoundary(c: GrantCall): boolean {
  const v = c.voter;
  return v.leaderId !== null && v.leaderId !== v.id && v.electionElapsedTicks === v.electionTicks;
}

// ---- probe ------------------------------------------------------------------------------------------

/** A pre-candidate's view: its current term often ahead of its last log term (it lost elections). */
export const probeView: fc.Arbitrary<ViewData> = fc
  .record({ nodes: fc.integer({ min: 2, max: 9 }), id: fc.integer({ min: 1, max: 9 }), term: fc.integer({ min: 0, max: 12 }), termAhead: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 })), logSteps: logStepsArb, electionTicks: electionTicksArb, leader: leaderArb })
  .map(({ nodes, id, term, termAhead, logSteps, electionTicks, leader }) => {
    const me = ((id - 1) % nodes) + 1;
    const currentTerm = term + termAhead;
    return { id: me, currentTerm, electionTicks, log: termsFrom(logSteps, term), ...leaderOf(leader, me, nodes, electionTicks) };
  });

// ---- decide: sequences of tallies -------------------------------------------------------------------

/** Tallies the engine can produce: the pre-candidate's own grant included, never more answers than voters. */
export const tallyArb: fc.Arbitrary<PreVoteTally> = fc
  .integer({ min: 2, max: 9 })
  .chain((voters) => fc.integer({ min: 1, max: voters }).chain((granted) => fc.record({ granted: fc.constant(granted), rejected: fc.integer({ min: 0, max: voters - granted }), voters: fc.constant(voters) })));

export const tallySequence = fc.array(tallyArb, { minLength: 1, maxLength: 5 });

export function expectedDecision(t: PreVoteTally): PreVoteDecision {
  return referencePreVote.decide(t);
}

/**
 * What a correct tally may answer: the reference's decision, except once a campaign can no longer
 * win (even clusters: n/2 refusals already leave too few voters), where giving up and waiting are
 * both fine. The README asks for 'campaign' exactly at a majority of the cluster but does not say
 * when to give up, and the two are equivalent in the engine: a pre-candidate that keeps waiting
 * takes no term and no vote, follows the first leader it hears from, and starts a fresh pre-vote
 * when its election timer fires again, just as a follower that gave up would.
 */
export function acceptableDecisions(t: PreVoteTally): readonly PreVoteDecision[] {
  const want = expectedDecision(t);
  const quorum = Math.floor(t.voters / 2) + 1;
  const cannotWin = t.granted + (t.voters - t.granted - t.rejected) < quorum;
  return want !== 'campaign' && cannotWin ? ['give-up', 'wait'] : [want];
}

export function describeTally(t: PreVoteTally): string {
  return `${t.granted} granted (its own included) / ${t.rejected} rejected of ${t.voters} voters`;
}
