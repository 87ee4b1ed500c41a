/**
 * The lab seam: learner hooks replace one rule on some nodes, in one cluster with reference
 * nodes over the same messages. Correct learner code passes; plausible bugs are caught by the
 * checkers or the scenarios.
 */
import { describe, expect, it } from 'vitest';
import type { AppendEntriesHandler, CommitRule, Persistence, RaftHooks, RequestVoteHandler } from '../../../engine/raft/hooks';
import { RaftNode } from '../../../engine/raft/raft-node';
import { REFERENCE_HOOKS } from '../../../engine/raft/reference-hooks';
import { World } from '../../../engine/raft/scenarios/scenario';
import { Prng } from '../../../engine/sim/prng';
import { UNRELIABLE, type NetworkProfile } from '../../../engine/sim/network-profile';

/** A learner's own RequestVote handler, written independently of the reference. */
const learnerRequestVote: RequestVoteHandler = (voter, req) => {
  const myLastTerm = voter.log.lastTerm();
  const upToDate = req.lastLogTerm !== myLastTerm ? req.lastLogTerm > myLastTerm : req.lastLogIndex >= voter.log.lastIndex();
  if (!upToDate) return false;
  return req.preVote ? req.term > voter.currentTerm : voter.votedFor === null || voter.votedFor === req.from;
};

/** A learner's own commit rule: scan down from the last index. */
const learnerCommitRule: CommitRule = (leader) => {
  for (let n = leader.log.lastIndex(); n > leader.commitIndex; n--) {
    if (leader.log.termAt(n) !== leader.currentTerm) break;
    if (leader.matchIndexes.filter((m) => m >= n).length * 2 > leader.matchIndexes.length) return n;
  }
  return leader.commitIndex;
};

/** Runs a churny workload (crashes, partitions, lossy links) and returns every failure. */
function storm(seed: number, hooksFor: (id: number) => Partial<RaftHooks>, network: NetworkProfile = UNRELIABLE): string[] {
  const w = new World({ nodes: 5, seed, network, hooksFor });
  const c = w.cluster;
  const rng = new Prng(seed).fork('storm');
  for (let i = 0; i < 40; i++) {
    c.propose(`v${i}`);
    c.runForMs(rng.range(20, 200));
    const victim = rng.pick(c.ids);
    const roll = rng.int(10);
    if (roll < 2 && c.isUp(victim) && c.ids.filter((id) => c.isUp(id)).length > 3) c.crash(victim);
    else if (roll < 5 && !c.isUp(victim)) c.restart(victim);
    else if (roll < 7) {
      const minority = rng.shuffled(c.ids).slice(0, 2);
      c.partition([minority, c.ids.filter((id) => !minority.includes(id))]);
    }
    else if (roll < 8) c.heal();
  }
  c.heal();
  for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
  w.awaitLeader(10_000);
  w.one('end', 5, 20_000);
  return [...w.result().failures];
}

describe('RaftHooks seam', () => {
  it('learner nodes (own RequestVote and commit rule) and reference nodes run in one cluster and stay correct', () => {
    const learner: Partial<RaftHooks> = { requestVote: learnerRequestVote, commitRule: learnerCommitRule };
    for (let seed = 1; seed <= 12; seed++) {
      expect(storm(seed, (id) => (id <= 2 ? learner : {})), `seed ${seed}`).toEqual([]);
    }
  });

  it('a RequestVote handler without the §5.4.1 up-to-date check is caught', () => {
    const noLogCheck: RequestVoteHandler = (v, r) => (r.preVote ? r.term > v.currentTerm : v.votedFor === null || v.votedFor === r.from);
    const caught = Array.from({ length: 12 }, (_, i) => storm(i + 1, () => ({ requestVote: noLogCheck }))).filter((f) => f.length > 0);
    expect(caught.length).toBeGreaterThan(0);
    expect(caught.flat().join('\n')).toMatch(/leader-completeness|state-machine-safety|log-matching|applied/);
  });

  it('a RequestVote handler that votes twice in a term breaks election safety (§5.2)', () => {
    const votesForAnyone: RequestVoteHandler = (v, r) => REFERENCE_HOOKS.requestVote({ ...v, votedFor: null }, r);
    // With a non-random timer as well, candidates collide in one term and both collect majorities.
    const fixedTimer = { randomizedTimeoutTicks: (_: unknown, ticks: number) => ticks, shouldCampaign: (e: number, t: number) => e >= t };
    const failures = Array.from({ length: 10 }, (_, i) => storm(i + 1, () => ({ requestVote: votesForAnyone, electionTimer: fixedTimer }))).flat();
    expect(failures.join('\n')).toMatch(/election-safety/);
  });

  it('a persistence hook that forgets the vote is caught by the driver (persist before send)', () => {
    const forgetsVote: Persistence = { ...REFERENCE_HOOKS.persistence, hardState: (f) => ({ term: f.currentTerm, vote: null, commit: f.commitIndex }) };
    const failures = storm(1, (id) => (id === 3 ? { persistence: forgetsVote } : {}));
    expect(failures.join('\n')).toMatch(/persist-before-send @ node 3: vote for \d+ in term \d+ sent before it was durable/);
  });

  // With the §8 no-op, a leader's first entries are of its own term, which masks the Figure 8 bug
  // in most random runs; a lab on the commit rule grades it with this directed check instead.
  it('a commit rule that counts replicas of old-term entries (Figure 8 bug, §5.4.2) is caught by the directed check', () => {
    const countsAnyTerm: CommitRule = (l) => {
      const sorted = l.matchIndexes.slice().sort((a, b) => b - a);
      return Math.max(l.commitIndex, sorted[Math.floor(sorted.length / 2)]!);
    };
    expect(commitsOldTermEntryByCounting(REFERENCE_HOOKS)).toBe(false);
    expect(commitsOldTermEntryByCounting({ ...REFERENCE_HOOKS, commitRule: countsAnyTerm })).toBe(true);
  });

  it('an AppendEntries handler that truncates on every request (ignoring §5.3 rule 3) is caught by a stale request', () => {
    const alwaysTruncates: AppendEntriesHandler = (f, r) => {
      const d = REFERENCE_HOOKS.appendEntries(f, r);
      if (!d.success || r.entries.length === 0) return d;
      return { ...d, keepThroughIndex: r.prevLogIndex, entries: r.entries };
    };
    expect(staleAppendShrinksLog(REFERENCE_HOOKS)).toBe(false);
    expect(staleAppendShrinksLog({ ...REFERENCE_HOOKS, appendEntries: alwaysTruncates })).toBe(true);
  });
});

const cfg = (rng: Prng) => ({ id: 1, voters: [1, 2, 3], electionTicks: 10, heartbeatTicks: 2, preVote: false, checkQuorum: false, maxEntriesPerMessage: 100, rng });

/** Figure 8 (c): leader of term 3 sees a majority holding index 2 of term 2, but not its own entry at 3. */
function commitsOldTermEntryByCounting(hooks: RaftHooks): boolean {
  const n = new RaftNode(cfg(new Prng(1)), hooks, { hardState: { term: 2, vote: null, commit: 0 }, snapshot: null, entries: [{ index: 1, term: 1, data: 'a' }, { index: 2, term: 2, data: 'b' }] });
  for (let i = 0; i < 40 && n.role() !== 'candidate'; i++) n.step({ kind: 'tick' });
  n.step({ kind: 'message', message: { type: 'RequestVoteResponse', from: 2, to: 1, term: 3, preVote: false, voteGranted: true } });
  n.step({ kind: 'message', message: { type: 'AppendEntriesResponse', from: 2, to: 1, term: 3, success: true, matchIndex: 2, rejectedIndex: 0, conflictIndex: 0, conflictTerm: null, round: 0 } });
  return n.commitIndex() >= 2;
}

/** A duplicated, older AppendEntries arrives after a newer one: the log must not shrink. */
function staleAppendShrinksLog(hooks: RaftHooks): boolean {
  const n = new RaftNode(cfg(new Prng(1)), hooks, null);
  const ae = (count: number) => ({ type: 'AppendEntries' as const, from: 2, to: 1, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: Array.from({ length: count }, (_, i) => ({ index: i + 1, term: 1, data: i })), leaderCommit: 0, round: 0 });
  n.step({ kind: 'message', message: ae(3) });
  n.step({ kind: 'message', message: ae(1) });
  return n.log().lastIndex() < 3;
}
