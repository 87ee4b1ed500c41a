import type { AppendEntriesHandler, CommitRule, Entry } from '../../api';

/** Bug: the consistency check only looks at the length of the log, not at the term of the entry at prevLogIndex. */
export const appendEntries: AppendEntriesHandler = (follower, request) => {
  const log = follower.log;
  if (log.lastIndex() < request.prevLogIndex) return { success: false, conflictIndex: log.lastIndex() + 1, conflictTerm: null };
  let keepThroughIndex = log.lastIndex();
  let entries: readonly Entry[] = [];
  for (let i = 0; i < request.entries.length; i++) {
    const e = request.entries[i]!;
    if (log.termAt(e.index) !== e.term) {
      keepThroughIndex = e.index - 1;
      entries = request.entries.slice(i);
      break;
    }
  }
  const matchIndex = request.prevLogIndex + request.entries.length;
  return { success: true, keepThroughIndex, entries, matchIndex, commitIndex: Math.max(follower.commitIndex, Math.min(request.leaderCommit, matchIndex)) };
};

export const commitRule: CommitRule = (leader) => {
  for (let n = leader.log.lastIndex(); n > leader.commitIndex; n--) {
    if (leader.log.termAt(n) !== leader.currentTerm) return leader.commitIndex;
    if (2 * leader.matchIndexes.filter((m) => m >= n).length > leader.matchIndexes.length) return n;
  }
  return leader.commitIndex;
};
