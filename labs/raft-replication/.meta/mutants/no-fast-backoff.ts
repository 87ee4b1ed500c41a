import type { AppendEntriesHandler, CommitRule, Entry } from '../../api';

/** Bug: correct decisions, but every rejection just points at prevLogIndex, so the leader backs up one entry per round trip. */
export const appendEntries: AppendEntriesHandler = (follower, request) => {
  const log = follower.log;
  const prevTerm = log.termAt(request.prevLogIndex);
  if (prevTerm === undefined || prevTerm !== request.prevLogTerm) return { success: false, conflictIndex: request.prevLogIndex, conflictTerm: null };
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
