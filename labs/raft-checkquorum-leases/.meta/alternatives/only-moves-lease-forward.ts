import type { LeaderLeaseRules } from '../../api';

/**
 * Alternative: leaseStart answers null unless the quorum round it finds would move the lease
 * forward (the engine keeps the latest start anyway); rounds are scanned oldest first, keeping
 * the last one a majority acknowledged; the step-down test counts the majority as ⌈(n + 1) / 2⌉.
 */
export const leaderLease: LeaderLeaseRules = {
  checkQuorum: ({ voters, recentlyActive }) => recentlyActive.length + 1 < Math.ceil((voters + 1) / 2),

  leaseStart: ({ voters, rounds, acks, leaseStartTick }) => {
    const quorum = Math.ceil((voters + 1) / 2);
    let start: number | null = null;
    for (const { round, sentAtTick } of rounds) {
      const votes = 1 + acks.filter((a) => a.ackedRound >= round).length;
      if (votes >= quorum) start = sentAtTick;
    }
    if (start === null) return null;
    if (leaseStartTick !== null && start <= leaseStartTick) return null;
    return start;
  },

  canServeLeaseRead: ({ leaseStartTick, electionTicks, clockDriftBound }, localNowTicks) =>
    leaseStartTick !== null && (localNowTicks - leaseStartTick) * clockDriftBound < electionTicks,
};
