/**
 * The reference engine's single-server membership changes (engine/raft/membership.ts; thesis
 * §4.1–4.2.3): configuration in the log, learners, one change at a time, the 2015 no-op rule, a
 * removed leader stepping down, and the membership-aware invariant checker.
 */
import { describe, expect, it } from 'vitest';
import { RaftCluster } from '@/engine/raft/cluster/raft-cluster';
import { applyChange, changeOf, changeRequest, configEntryData, configOf, latestConfig, referenceMembership } from '@/engine/raft/membership';
import { MembershipInvariantChecker } from '@/engine/raft/membership-invariants';
import { RaftLog } from '@/engine/raft/raft-log';
import type { NodeId } from '@/engine/raft/types';
import { UNRELIABLE } from '@/engine/sim/network-profile';

function world(seed: number, nodes: number, voters: number, extra: { snapshotEveryEntries?: number; network?: typeof UNRELIABLE } = {}) {
  const initial = Array.from({ length: voters }, (_, i) => i + 1);
  const cluster = new RaftCluster({ nodes, seed, voters: initial, preVote: true, hooksFor: () => ({ membership: referenceMembership }), ...extra });
  const checker = new MembershipInvariantChecker({ voters: initial, learners: [] }, cluster.trace);
  cluster.addObserver(checker);
  const leader = (): NodeId | null => cluster.leader();
  const committed = () => {
    const l = leader();
    if (l === null) return null;
    const n = cluster.node(l)!;
    const m = n.membership();
    return m.index <= n.commitIndex() ? m.config : null;
  };
  const change = (op: 'add' | 'remove', node: NodeId): boolean => {
    const done = () => {
      const c = committed();
      return c !== null && (op === 'add' ? c.voters.includes(node) : !c.voters.includes(node) && !c.learners.includes(node));
    };
    const deadline = cluster.nowMs() + 8000;
    while (cluster.nowMs() < deadline && !done()) {
      const l = leader();
      if (l !== null) cluster.propose(changeRequest({ op, node }), l);
      cluster.runUntil(done, 30);
    }
    return done();
  };
  const commitValue = (v: string): boolean => {
    const deadline = cluster.nowMs() + 5000;
    while (cluster.nowMs() < deadline) {
      const l = leader();
      const pos = l === null ? null : cluster.propose(v, l);
      if (pos !== null && cluster.runUntil(() => (cluster.node(l!)?.commitIndex() ?? 0) >= pos.index, 500)) return true;
      cluster.runForMs(20);
    }
    return false;
  };
  return { cluster, checker, leader, change, commitValue };
}

describe('membership helpers', () => {
  it('encodes configurations and change requests as log payloads', () => {
    const c = { voters: [1, 2, 3], learners: [4] };
    expect(configOf(configEntryData(c))).toEqual(c);
    expect(configOf('x')).toBeNull();
    expect(changeOf(changeRequest({ op: 'add', node: 5 }))).toEqual({ op: 'add', node: 5 });
    expect(changeOf({ $change: { op: 'drop', node: 1 } })).toBeNull();
    expect(applyChange(c, { op: 'add', node: 5 })).toEqual({ voters: [1, 2, 3], learners: [4, 5] });
    expect(applyChange(c, { op: 'add', node: 4 })).toBeNull();
    expect(applyChange(c, { op: 'remove', node: 4 })).toEqual({ voters: [1, 2, 3], learners: [] });
    expect(applyChange({ voters: [1], learners: [] }, { op: 'remove', node: 1 })).toBeNull();
  });

  it('uses the latest configuration in the log, committed or not (thesis §4.1)', () => {
    const base = { voters: [1, 2, 3], learners: [] };
    const log = new RaftLog(0, 0, [
      { index: 1, term: 1, data: null },
      { index: 2, term: 1, data: configEntryData({ voters: [1, 2, 3], learners: [4] }) },
      { index: 3, term: 1, data: 'x' },
      { index: 4, term: 2, data: configEntryData({ voters: [1, 2, 3, 4], learners: [] }) },
    ]);
    expect(latestConfig(log, base)).toEqual({ config: { voters: [1, 2, 3, 4], learners: [] }, index: 4 });
    expect(latestConfig(log, base, 3).index).toBe(2);
    expect(latestConfig(log, base, 1)).toEqual({ config: base, index: 0 });
  });
});

describe('reference engine with membership changes', () => {
  it('grows 3 → 5 through learners, then removes the leader, which steps down (thesis §4.2.1, §4.2.2)', () => {
    for (const seed of [1, 2, 3]) {
      const w = world(seed, 5, 3);
      expect(w.cluster.runUntil(() => w.cluster.agreedLeader([1, 2, 3]) !== null, 5000)).toBe(true);
      expect(w.commitValue('a')).toBe(true);
      expect(w.change('add', 4)).toBe(true);
      expect(w.change('add', 5)).toBe(true);
      const old = w.leader()!;
      expect(w.change('remove', old)).toBe(true);
      w.cluster.runForMs(50);
      expect(w.cluster.node(old)!.role()).not.toBe('leader');
      expect(w.commitValue('b')).toBe(true);
      expect(w.leader()).not.toBe(old);
      expect(w.checker.describe()).toBe('');
      expect(w.cluster.violations).toEqual([]);
    }
  });

  it('spare servers and learners never campaign', () => {
    const w = world(4, 5, 3);
    w.cluster.runForMs(3000);
    for (const id of [4, 5]) expect(w.cluster.node(id)!.term()).toBe(0);
  });

  it('refuses a second change while one is pending, and a change before the no-op commits', () => {
    const w = world(5, 5, 3);
    w.cluster.runUntil(() => w.cluster.agreedLeader([1, 2, 3]) !== null, 5000);
    expect(w.commitValue('a')).toBe(true);
    const l = w.leader()!;
    expect(w.cluster.propose(changeRequest({ op: 'add', node: 4 }), l)).not.toBeNull();
    expect(w.cluster.propose(changeRequest({ op: 'add', node: 5 }), l)).toBeNull();
    const term = w.cluster.node(l)!.term();
    w.cluster.crash(l);
    let fresh: NodeId | undefined;
    w.cluster.runUntil(() => (fresh = w.cluster.ids.find((id) => w.cluster.node(id)?.role() === 'leader' && w.cluster.node(id)!.term() > term)) !== undefined, 5000);
    expect(fresh).toBeDefined();
    expect(w.cluster.propose(changeRequest({ op: 'add', node: 5 }), fresh!)).toBeNull();
  });

  it('CheckQuorum counts voters only: a leader cut off with a learner steps down', () => {
    const cluster = new RaftCluster({ nodes: 4, seed: 8, voters: [1, 2, 3], preVote: true, checkQuorum: true, hooksFor: () => ({ membership: { ...referenceMembership, promoteWhenCaughtUp: () => false } }) });
    cluster.runUntil(() => cluster.agreedLeader([1, 2, 3]) !== null, 5000);
    const l = cluster.leader()!;
    // Node 4 joins as a learner and stays one (these rules never promote).
    cluster.partition([[1, 2, 3], [4]]);
    cluster.runForMs(200);
    const learnerAdded = () => cluster.node(l)!.membership().config.learners.includes(4) && cluster.node(l)!.membership().index <= cluster.node(l)!.commitIndex();
    for (let i = 0; i < 20 && !learnerAdded(); i++) {
      cluster.propose(changeRequest({ op: 'add', node: 4 }), l);
      cluster.runUntil(learnerAdded, 50);
    }
    expect(learnerAdded()).toBe(true);
    cluster.partition([[l, 4], [1, 2, 3].filter((v) => v !== l)]);
    // l hears from learner 4 only: no quorum of {1,2,3}, so CheckQuorum must depose it.
    cluster.runForMs(1500);
    expect(cluster.node(l)!.role()).not.toBe('leader');
  });

  it('stays safe with snapshots, crashes and a lossy network while the configuration changes', () => {
    for (const seed of [6, 7]) {
      const w = world(seed, 6, 3, { snapshotEveryEntries: 5, network: UNRELIABLE });
      w.cluster.runUntil(() => w.cluster.agreedLeader([1, 2, 3]) !== null, 5000);
      for (let i = 0; i < 12; i++) expect(w.commitValue(`v${i}`)).toBe(true);
      expect(w.change('add', 4)).toBe(true);
      w.cluster.crash(2);
      expect(w.change('add', 5)).toBe(true);
      w.cluster.restart(2);
      for (let i = 0; i < 8; i++) expect(w.commitValue(`w${i}`)).toBe(true);
      expect(w.change('remove', 1)).toBe(true);
      expect(w.change('add', 6)).toBe(true);
      expect(w.commitValue('end')).toBe(true);
      expect(w.checker.describe()).toBe('');
      expect(w.cluster.violations).toEqual([]);
      const l = w.leader()!;
      expect(w.cluster.node(l)!.snapshot()?.meta.voters).toBeDefined();
    }
  });
});
