import type { AppendEntriesHandler, CommitRule } from './api';

/**
 * AppendEntries, receiver side (Figure 2, rules 2–5).
 *
 * Step 1 (consistency check): reject unless the log holds an entry at request.prevLogIndex with
 *   term request.prevLogTerm.
 * Step 2 (conflicts): append the new entries, deleting existing ones only from the first real
 *   conflict (same index, different term). A stale or duplicated request must change nothing.
 * Step 3 (fast back-off): on a rejection, fill in conflictTerm and conflictIndex.
 * Step 4 (commit): follower commitIndex = max(current, min(leaderCommit, index of the last new entry)).
 */
export const appendEntries: AppendEntriesHandler = (follower, request) => {
  // TODO: this accepts everything and overwrites the log after prevLogIndex.
  const matchIndex = request.prevLogIndex + request.entries.length;
  return {
    success: true,
    keepThroughIndex: Math.min(request.prevLogIndex, follower.log.lastIndex()),
    entries: request.prevLogIndex <= follower.log.lastIndex() ? request.entries : [],
    matchIndex: Math.min(matchIndex, follower.log.lastIndex()),
    commitIndex: follower.commitIndex,
  };
};

/**
 * Step 4 (commit), leader side: the highest index stored on a majority of matchIndexes — and only
 * if that entry is from the leader's current term (§5.4.2, Figure 8).
 */
export const commitRule: CommitRule = (leader) => {
  // TODO: commits nothing.
  return leader.commitIndex;
};
