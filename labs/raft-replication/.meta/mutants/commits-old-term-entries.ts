import type { AppendEntriesHandler, CommitRule, Entry } from '../../api';

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
  return { success: true, keepThroughIndex, entries, matchIndex, commitIndex: Math.max(follower.commitIndex, Math.min(request.leaderCommit, matchIndex)) };
};

/** Bug: commits the highest index stored on a majority whatever its term (the Figure 8 mistake, §5.4.2). */
export const commitRule: CommitRule = (leader) => {
  const sorted = leader.matchIndexes.slice().sort((a, b) => b - a);
  const onMajority = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return Math.max(leader.commitIndex, onMajority);
};
