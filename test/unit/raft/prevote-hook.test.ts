/**
 * The optional PreVote seam (RaftHooks.preVote): absent, the engine behaves as before; present, every
 * PreVote request, probe and tally goes through it. Raft thesis §9.6 with §4.2.3's leader stickiness.
 */
import { describe, expect, it } from 'vitest';
import type { PreVoteRules } from '../../../engine/raft/hooks';
import { referencePreVote } from '../../../engine/raft/hooks/pre-vote';
import { World } from '../../../engine/raft/scenarios/scenario';
import { UNRELIABLE } from '../../../engine/sim/network-profile';

/** A follower is isolated with no client traffic (so logs stay equal), then rejoins. */
function rejoinWithEqualLogs(seed: number, preVote: PreVoteRules | undefined) {
  const w = new World({ nodes: 5, seed, preVote: true, checkQuorum: false, hooksFor: () => (preVote === undefined ? {} : { preVote }) });
  const c = w.cluster;
  const leader = w.awaitLeader(5000)!;
  w.one('x', 5);
  const termBefore = c.node(leader)!.term();
  const victim = c.ids.find((id) => id !== leader)!;
  c.isolate(victim);
  c.runForMs(2000);
  c.heal();
  c.runForMs(2000);
  return { w, leader, termBefore, termAfter: c.node(leader)!.term(), roleAfter: c.node(leader)!.role() };
}

describe('RaftHooks.preVote', () => {
  // Raft thesis §9.6, §4.2.3
  it('with the leader-stickiness rule a rejoining node with an equal log does not disturb the leader', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = rejoinWithEqualLogs(seed, referencePreVote);
      expect(r.w.result().failures, `seed ${seed}`).toEqual([]);
      expect(r.roleAfter, `seed ${seed}`).toBe('leader');
      expect(r.termAfter, `seed ${seed}`).toBe(r.termBefore);
    }
  });

  it('without the hook the engine keeps its old rule: PreVote alone lets an equal log through', () => {
    const disturbed = [1, 2, 3, 4, 5, 6].filter((seed) => {
      const r = rejoinWithEqualLogs(seed, undefined);
      return r.termAfter > r.termBefore;
    });
    expect(disturbed.length).toBeGreaterThan(0);
  });

  it('elects a new leader when the leader really dies, over a lossy network', () => {
    for (const seed of [7, 8, 9]) {
      const w = new World({ nodes: 5, seed, network: UNRELIABLE, preVote: true, hooksFor: (id) => (id <= 3 ? { preVote: referencePreVote } : {}) });
      const c = w.cluster;
      const first = w.awaitLeader(5000)!;
      c.crash(first);
      const next = w.awaitLeader(5000);
      expect(next, `seed ${seed}`).not.toBeNull();
      expect(next).not.toBe(first);
      expect(w.one('after', 4)).not.toBeNull();
      expect(w.result().failures).toEqual([]);
    }
  });

  it('the probe and the tally are the hook’s: a tally that never campaigns elects nobody', () => {
    const neverCampaign: PreVoteRules = { ...referencePreVote, decide: () => 'wait' };
    const w = new World({ nodes: 3, seed: 11, preVote: true, hooksFor: () => ({ preVote: neverCampaign }) });
    w.cluster.runForMs(3000);
    expect(w.cluster.leaders()).toEqual([]);
    expect(w.cluster.ids.map((id) => w.cluster.node(id)!.term())).toEqual([0, 0, 0]);
    const probes: number[] = [];
    const recording: PreVoteRules = { ...referencePreVote, probe: (c) => (probes.push(c.currentTerm), referencePreVote.probe(c)) };
    const w2 = new World({ nodes: 3, seed: 11, preVote: true, hooksFor: () => ({ preVote: recording }) });
    expect(w2.awaitLeader(5000)).not.toBeNull();
    expect(probes.length).toBeGreaterThan(0);
  });
});
