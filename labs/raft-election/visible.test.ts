import { expect, forSeeds, metric, stage, test } from '../../grader/harness/api';
import type { RequestVote } from '../../engine/raft/messages';
import { RaftLog } from '../../engine/raft/raft-log';
import { World } from '../../engine/raft/scenarios/scenario';
import { Prng } from '../../engine/sim/prng';
import { electionTimer, requestVote, timing } from './solution';

function logOf(terms: readonly number[]): RaftLog {
  return new RaftLog(0, 0, terms.map((term, i) => ({ index: i + 1, term, data: i })));
}

function ask(voter: { term: number; votedFor: number | null; log: number[] }, candidate: number, lastLogIndex: number, lastLogTerm: number): boolean {
  const request: RequestVote = { type: 'RequestVote', from: candidate, to: 1, term: voter.term, preVote: false, lastLogIndex, lastLogTerm };
  return requestVote({ id: 1, currentTerm: voter.term, votedFor: voter.votedFor, log: logOf(voter.log) }, request);
}

stage('timing', () => {
  test('timing holds positive tick counts, election timeout above the heartbeat interval', () => {
    expect(Number.isInteger(timing.heartbeatTicks) && timing.heartbeatTicks >= 1, 'heartbeatTicks is a positive integer').toBe(true);
    expect(timing.electionTicks, 'electionTicks').toBeGreaterThan(timing.heartbeatTicks);
  });
});

stage('timer', () => {
  test('timeouts lie in [electionTicks, 3·electionTicks]', () => {
    const prng = new Prng(1);
    const rng = { range: (lo: number, hi: number) => prng.range(lo, hi) };
    for (let i = 0; i < 50; i++) {
      const t = electionTimer.randomizedTimeoutTicks(rng, 30);
      expect(t, 'timeout for electionTicks = 30').toBeGreaterThanOrEqual(30);
      expect(t, 'timeout for electionTicks = 30').toBeLessThanOrEqual(90);
    }
  });

  test('shouldCampaign is false before the timeout and true after it', () => {
    expect(electionTimer.shouldCampaign(0, 40), 'shouldCampaign(0, 40)').toBe(false);
    expect(electionTimer.shouldCampaign(39, 40), 'shouldCampaign(39, 40)').toBe(false);
    expect(electionTimer.shouldCampaign(41, 40), 'shouldCampaign(41, 40)').toBe(true);
  });
});

stage('vote', () => {
  test('grants the first candidate of a term, refuses a second one', () => {
    expect(ask({ term: 2, votedFor: null, log: [1] }, 2, 1, 1), 'first candidate in term 2').toBe(true);
    expect(ask({ term: 2, votedFor: 2, log: [1] }, 3, 1, 1), 'second candidate in term 2 (already voted for 2)').toBe(false);
  });

  test('refuses a candidate whose log is behind (older last term and shorter)', () => {
    expect(ask({ term: 4, votedFor: null, log: [1, 2, 3] }, 2, 2, 2), 'candidate with last entry (2, term 2) vs ours (3, term 3)').toBe(false);
  });
});

stage('cluster', () => {
  forSeeds('three nodes elect a leader within 5 s', [1, 2], (seed) => {
    const w = new World({ nodes: 3, seed, hooksFor: () => ({ requestVote, electionTimer }), electionTicks: timing.electionTicks, heartbeatTicks: timing.heartbeatTicks });
    const leader = w.awaitLeader(5000);
    metric('electionMs', w.cluster.nowMs());
    metric('electionRpcs', w.cluster.rpcCount());
    expect(leader !== null, `a leader agreed by all three nodes within 5 s (seed ${seed})`).toBe(true);
    expect(w.checker.violations.map((v) => `${v.rule}: ${v.detail}`), 'invariant violations').toEqual([]);
  });
});
