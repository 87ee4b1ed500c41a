// Mutant: the leader never steps down.
import type { LeaderLeaseRules, LeaseReadView, LeaseRoundsView, QuorumCheckView } from '../../api';

function majority(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/** Thesis §6.2 (CheckQuorum) and §6.4.1 (leader leases), the way etcd's CheckQuorum and ReadOnlyLeaseBased do them. */
export const leaderLease: LeaderLeaseRules = {
  checkQuorum(view: QuorumCheckView): boolean {
    // The leader itself counts once; the peers it heard from since the last check count once each.
    void view;
    return false;
  },

  leaseStart(view: LeaseRoundsView): number | null {
    // Newest round first: the first one a majority acknowledged gives the latest safe start.
    for (let i = view.rounds.length - 1; i >= 0; i--) {
      const round = view.rounds[i]!;
      let acked = 1;
      for (const a of view.acks) if (a.ackedRound >= round.round) acked++;
      if (acked >= majority(view.voters)) return round.sentAtTick;
    }
    return null;
  },

  canServeLeaseRead(view: LeaseReadView, localNowTicks: number): boolean {
    if (view.leaseStartTick === null) return false;
    // A follower whose clock runs fast by up to the drift bound times out after
    // electionTicks / clockDriftBound of OUR ticks at the earliest.
    return (localNowTicks - view.leaseStartTick) * view.clockDriftBound < view.electionTicks;
  },
};
