import type { LeaderLeaseRules } from '../hooks';

/** The default drift bound when the config names none (clock rates within about ±5%). */
export const DEFAULT_CLOCK_DRIFT_BOUND = 1.1;

/**
 * Thesis §6.2 (CheckQuorum) and §6.4.1 (leases), as etcd does them:
 * - step down unless a majority, the leader included once, was heard from since the last check;
 * - the lease runs from the SEND time of the newest round a majority (the leader included)
 *   acknowledged: every acker reset its election timer after that instant;
 * - serve while the lease is younger than electionTicks / clockDriftBound local ticks: a follower
 *   whose clock runs fast by up to the bound still refuses votes for that long.
 */
export const referenceLeaderLease: LeaderLeaseRules = {
  checkQuorum({ voters, recentlyActive }) {
    return recentlyActive.length + 1 < Math.floor(voters / 2) + 1;
  },
  leaseStart({ voters, rounds, acks }) {
    const quorum = Math.floor(voters / 2) + 1;
    for (let i = rounds.length - 1; i >= 0; i--) {
      const r = rounds[i]!;
      let n = 1;
      for (const a of acks) if (a.ackedRound >= r.round) n++;
      if (n >= quorum) return r.sentAtTick;
    }
    return null;
  },
  canServeLeaseRead({ leaseStartTick, electionTicks, clockDriftBound }, now) {
    return leaseStartTick !== null && (now - leaseStartTick) * clockDriftBound < electionTicks;
  },
};
