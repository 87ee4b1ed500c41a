import type { MembershipRules } from '../../api';

/**
 * Alternative: the quorum is the size of the intersection of two sets compared with ⌈(n + 1) / 2⌉;
 * "my term has an entry committed" is checked by walking back from the commit index to the first
 * entry of the current term (terms never decrease along a log, so it is the same as reading the
 * term at the commit index); removal is detected from the learners list as well as the voters.
 */
export const membership: MembershipRules = {
  quorum: (config, acks) => {
    const ackSet = new Set(acks);
    const voterSet = new Set(config.voters);
    let both = 0;
    voterSet.forEach((v) => {
      if (ackSet.has(v)) both += 1;
    });
    return voterSet.size > 0 && both >= Math.ceil((voterSet.size + 1) / 2);
  },

  canPropose: (view) => {
    if (view.configIndex > view.commitIndex) return false;
    for (let i = view.commitIndex; i >= view.log.snapshotIndex(); i--) {
      const t = view.log.termAt(i);
      if (t === undefined || t < view.currentTerm) return false;
      if (t === view.currentTerm) return true;
    }
    return false;
  },

  promoteWhenCaughtUp: (progress) => progress.matchIndex >= progress.leaderCommitIndex,

  afterCommit: (view) => {
    const committed = view.configIndex <= view.commitIndex;
    const voter = view.config.voters.includes(view.id) && !view.config.learners.includes(view.id);
    return committed && !voter ? 'step-down' : 'lead';
  },
};
