import type { CatchUpProgress, ClusterConfig, MembershipRules, MembershipView, NodeId } from '../../api';

/** Bug: a server named twice in acks counts twice. */
export const membership: MembershipRules = {
  /** Thesis §4.1: a majority of the voters of the configuration in effect; learners never count. */
  quorum(config: ClusterConfig, acks: readonly NodeId[]): boolean {
    const voters = new Set(config.voters);
    let votes = 0;
    for (const id of acks) if (voters.has(id)) votes++;
    return votes >= Math.floor(config.voters.length / 2) + 1;
  },

  canPropose(view: MembershipView): boolean {
    // Thesis §4.1: one change at a time: the previous configuration entry must be committed.
    if (view.configIndex > view.commitIndex) return false;
    // The 2015 fix: an entry of the leader's own term (its no-op) must be committed first.
    return view.log.termAt(view.commitIndex) === view.currentTerm;
  },

  /** Thesis §4.2.1: promote once the learner holds everything the leader has committed. */
  promoteWhenCaughtUp(progress: CatchUpProgress): boolean {
    return progress.matchIndex >= progress.leaderCommitIndex;
  },

  /** Thesis §4.2.2: a leader that is not a voter of its committed configuration steps down. */
  afterCommit(view: MembershipView): 'lead' | 'step-down' {
    const removed = !view.config.voters.includes(view.id);
    return removed && view.configIndex <= view.commitIndex ? 'step-down' : 'lead';
  },
};
