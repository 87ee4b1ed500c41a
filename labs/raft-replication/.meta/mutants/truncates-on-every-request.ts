import type { AppendEntriesHandler, CommitRule } from '../../api';

/** Bug: after a successful check it always cuts the log at prevLogIndex and appends the request's entries (Figure 2 rule 3 says: only from a conflict). */
export const appendEntries: AppendEntriesHandler = (follower, request) => {
  const log = follower.log;
  const prevTerm = log.termAt(request.prevLogIndex);
  if (prevTerm === undefined) return { success: false, conflictIndex: log.lastIndex() + 1, conflictTerm: null };
  if (prevTerm !== request.prevLogTerm) {
    let first = request.prevLogIndex;
    while (first - 1 > log.snapshotIndex() && log.termAt(first - 1) === prevTerm) first--;
    return { success: false, conflictIndex: first, conflictTerm: prevTerm };
  }
  const matchIndex = request.prevLogIndex + request.entries.length;
  const commitIndex = Math.max(follower.commitIndex, Math.min(request.leaderCommit, matchIndex));
  if (request.entries.length === 0) return { success: true, keepThroughIndex: log.lastIndex(), entries: [], matchIndex, commitIndex };
  return { success: true, keepThroughIndex: request.prevLogIndex, entries: request.entries, matchIndex, commitIndex };
};

export const commitRule: CommitRule = (leader) => {
  for (let n = leader.log.lastIndex(); n > leader.commitIndex; n--) {
    if (leader.log.termAt(n) !== leader.currentTerm) return leader.commitIndex;
    if (2 * leader.matchIndexes.filter((m) => m >= n).length > leader.matchIndexes.length) return n;
  }
  return leader.commitIndex;
};
