import type { AppendEntriesHandler, CommitRule, Entry } from '../../api';

/** Bug: the follower adopts leaderCommit as is (bounded only by its log), committing entries this request never verified. */
export const appendEntries: AppendEntriesHandler = (follower, request) => {
  const log = follower.log;
  const prevTerm = log.termAt(request.prevLogIndex);
  if (prevTerm === undefined) return { success: false, conflictIndex: log.lastIndex() + 1, conflictTerm: null };
  if (prevTerm !== request.prevLogTerm) {
    let first = request.prevLogIndex;
    while (first - 1 > log.snapshotIndex() && log.termAt(first - 1) === prevTerm) first--;
    return { success: false, conflictIndex: first, conflictTerm: prevTerm };
  }
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
  const lastAfter = entries.length > 0 ? entries[entries.length - 1]!.index : keepThroughIndex;
  return { success: true, keepThroughIndex, entries, matchIndex, commitIndex: Math.max(follower.commitIndex, Math.min(request.leaderCommit, lastAfter)) };
};

export const commitRule: CommitRule = (leader) => {
  for (let n = leader.log.lastIndex(); n > leader.commitIndex; n--) {
    if (leader.log.termAt(n) !== leader.currentTerm) return leader.commitIndex;
    if (2 * leader.matchIndexes.filter((m) => m >= n).length > leader.matchIndexes.length) return n;
  }
  return leader.commitIndex;
};
