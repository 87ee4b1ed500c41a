import { describe, expect, it } from 'vitest';
import { RaftCluster } from '@/engine/raft/cluster/raft-cluster';
import type { LeaderLeaseRules } from '@/engine/raft/hooks';
import { referenceLeaderLease } from '@/engine/raft/hooks/leader-lease';
import type { ReadState } from '@/engine/raft/ready';

function leaseCluster(seed: number, leaderLease?: LeaderLeaseRules): { c: RaftCluster; reads: ReadState[] } {
  const c = new RaftCluster({ nodes: 3, seed, preVote: true, checkQuorum: true, readOnly: 'lease-based', clockDriftBound: 1.25, hooksFor: () => (leaderLease ? { leaderLease } : {}) });
  const reads: ReadState[] = [];
  c.attach({ onServerRequest() {}, onClientReply() {}, onApplied() {}, onReadState: (_n, rs) => reads.push(rs), onLeadershipChange() {}, onCrash() {} });
  return { c, reads };
}

describe('leader leases and CheckQuorum hooks (thesis §6.2, §6.4.1)', () => {
  it('a leader with a fresh lease answers a read at once, without sending anything', () => {
    const { c, reads } = leaseCluster(1);
    c.runUntil(() => c.agreedLeader() !== null, 5000);
    c.runForMs(300);
    const leader = c.leader()!;
    expect(c.node(leader)!.leaseState().leaseStartTick).not.toBeNull();
    const sent = c.traceEvents().filter((e) => e.k === 'send').length;
    c.readIndex(leader, 7);
    expect(reads).toEqual([{ requestId: 7, index: c.node(leader)!.commitIndex() }]);
    expect(c.traceEvents().filter((e) => e.k === 'send').length).toBe(sent);
  });

  it('an isolated leader falls back to ReadIndex once its lease ran out, and never answers', () => {
    const { c, reads } = leaseCluster(2);
    c.runUntil(() => c.agreedLeader() !== null, 5000);
    c.runForMs(300);
    const leader = c.leader()!;
    c.isolate(leader);
    c.runForMs(260); // more than 30 / 1.25 ticks of any clock at the nominal rate
    c.readIndex(leader, 8);
    expect(reads).toEqual([]);
    c.runForMs(1000); // CheckQuorum steps it down; the pending read is refused
    expect(c.node(leader)!.role()).not.toBe('leader');
    expect(reads).toEqual([{ requestId: 8, index: null }]);
  });

  it('the leaderLease hook decides CheckQuorum', () => {
    const never: LeaderLeaseRules = { ...referenceLeaderLease, checkQuorum: () => false };
    const { c } = leaseCluster(3, never);
    c.runUntil(() => c.agreedLeader() !== null, 5000);
    const leader = c.leader()!;
    c.isolate(leader);
    c.runForMs(2000);
    expect(c.node(leader)!.role()).toBe('leader');
  });

  it('lease-based reads need CheckQuorum', () => {
    expect(() => new RaftCluster({ nodes: 3, seed: 1, readOnly: 'lease-based' })).toThrow(/checkQuorum/);
  });
});
