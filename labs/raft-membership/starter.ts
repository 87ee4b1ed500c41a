import type { CatchUpProgress, ClusterConfig, MembershipRules, MembershipView, NodeId } from './api';

/**
 * Single-server membership changes (Ongaro's thesis §4): the configuration lives in the log and
 * every server uses the latest one in its log. The engine asks you four questions.
 */
export const membership: MembershipRules = {
  /** TODO: a majority of the configuration's VOTERS among `acks` (learners and strangers never count; count each server once). */
  quorum(config: ClusterConfig, acks: readonly NodeId[]): boolean {
    void config;
    void acks;
    throw new Error('TODO: membership.quorum: a majority of the voters, counting each voter once');
  },

  /**
   * TODO: may the leader append a configuration change now? Not while an earlier configuration
   * entry is uncommitted, and not before an entry of its own term is committed.
   */
  canPropose(view: MembershipView): boolean {
    void view;
    throw new Error('TODO: membership.canPropose: one change at a time, and an entry of this term committed first');
  },

  /** TODO: has the learner caught up (it holds every entry the leader has committed)? */
  promoteWhenCaughtUp(progress: CatchUpProgress): boolean {
    void progress;
    throw new Error('TODO: membership.promoteWhenCaughtUp');
  },

  /** TODO: step down once the configuration that removed this leader is committed. */
  afterCommit(view: MembershipView): 'lead' | 'step-down' {
    void view;
    throw new Error('TODO: membership.afterCommit');
  },
};
