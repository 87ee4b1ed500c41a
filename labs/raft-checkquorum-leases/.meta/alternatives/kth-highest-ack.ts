import type { LeaderLeaseRules, LeaseReadView, LeaseRoundsView, QuorumCheckView } from '../../api';

/**
 * Alternative: the round a majority acknowledged is found by sorting the peers' acknowledged
 * rounds (the k-th highest, with the leader counting as one of the k), then the newest round sent
 * at or below that number gives the start; the lease check divides the election timeout by the
 * drift bound; the quorum check counts distinct peers as 2·heard > voters.
 */
export const leaderLease: LeaderLeaseRules = {
  checkQuorum(view: QuorumCheckView): boolean {
    const heard = new Set(view.recentlyActive.filter((p) => p !== view.id)).size + 1;
    return !(2 * heard > view.voters);
  },

  leaseStart(view: LeaseRoundsView): number | null {
    const needPeers = Math.floor(view.voters / 2); // a majority is the leader plus this many peers
    if (needPeers === 0) return view.rounds.length > 0 ? view.rounds[view.rounds.length - 1]!.sentAtTick : null;
    const acked = view.acks.map((a) => a.ackedRound).sort((a, b) => b - a);
    if (acked.length < needPeers) return null;
    const quorumRound = acked[needPeers - 1]!;
    if (quorumRound <= 0) return null;
    let best: number | null = null;
    for (const r of view.rounds) if (r.round <= quorumRound) best = r.sentAtTick;
    return best;
  },

  canServeLeaseRead(view: LeaseReadView, localNowTicks: number): boolean {
    if (view.leaseStartTick === null) return false;
    const leaseTicks = view.electionTicks / view.clockDriftBound;
    return localNowTicks - view.leaseStartTick < leaseTicks;
  },
};
