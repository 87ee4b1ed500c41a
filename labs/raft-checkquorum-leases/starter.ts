import type { LeaderLeaseRules, LeaseReadView, LeaseRoundsView, QuorumCheckView } from './api';

/**
 * CheckQuorum (Raft thesis §6.2) and lease-based reads (thesis §6.4.1). Your rules run on every
 * leader; the engine steps down, records the lease and serves (or defers) reads as you decide.
 */
export const leaderLease: LeaderLeaseRules = {
  /**
   * TODO: step down unless a majority of the cluster was heard from since the last check.
   * The leader counts itself, once; view.recentlyActive lists only peers.
   */
  checkQuorum(view: QuorumCheckView): boolean {
    void view;
    throw new Error('TODO: leaderLease.checkQuorum: step down without a majority heard from recently');
  },

  /**
   * TODO: the lease runs from the SEND time of the newest round that a majority (the leader
   * included) acknowledged. Return its sentAtTick, or null when no round in view.rounds has a majority.
   */
  leaseStart(view: LeaseRoundsView): number | null {
    void view;
    throw new Error('TODO: leaderLease.leaseStart: the send tick of the newest round a majority acknowledged');
  },

  /**
   * TODO: serve while the lease is younger than the election timeout divided by the clock drift
   * bound, measured on this leader's clock (localNowTicks). No lease, no lease read.
   */
  canServeLeaseRead(view: LeaseReadView, localNowTicks: number): boolean {
    void view;
    void localNowTicks;
    throw new Error('TODO: leaderLease.canServeLeaseRead: lease age below electionTicks / clockDriftBound');
  },
};
