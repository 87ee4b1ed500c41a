import type { CatchUpProgress, ClusterConfig, MembershipRules, MembershipView, NodeId } from '../../api';

/**
 * Alternative: the quorum walks the voters and asks whether each one acknowledged (so learners,
 * strangers and repeats in `acks` cannot count), compared as 2·count > voters; the "entry of my
 * term is committed" check is written as "the committed prefix ends in my term" read from the
 * entry itself; the step-down test asks whether the configuration entry is committed first.
 */
export const membership: MembershipRules = {
  quorum(config: ClusterConfig, acks: readonly NodeId[]): boolean {
    const acked = config.voters.filter((v, i) => config.voters.indexOf(v) === i && acks.includes(v)).length;
    return 2 * acked > config.voters.length;
  },

  canPropose(view: MembershipView): boolean {
    const previousCommitted = view.commitIndex >= view.configIndex;
    const committedTerm = view.log.entryAt(view.commitIndex)?.term ?? view.log.termAt(view.commitIndex);
    return previousCommitted && committedTerm === view.currentTerm;
  },

  promoteWhenCaughtUp({ matchIndex, leaderCommitIndex }: CatchUpProgress): boolean {
    return !(matchIndex < leaderCommitIndex);
  },

  afterCommit(view: MembershipView): 'lead' | 'step-down' {
    if (view.configIndex > view.commitIndex) return 'lead';
    return view.config.voters.some((v) => v === view.id) ? 'lead' : 'step-down';
  },
};
