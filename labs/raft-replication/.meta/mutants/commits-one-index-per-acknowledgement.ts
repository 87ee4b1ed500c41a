import type { AppendEntriesHandler, CommitRule, Entry } from '../../api';

/** Figure 2, AppendEntries receiver rules 2–5, with the conflict-term hint for fast back-off (§5.3). */
export const appendEntries: AppendEntriesHandler = (follower, request) => {
  const log = follower.log;
  const prevTerm = log.termAt(request.prevLogIndex);
  if (prevTerm === undefined) return { success: false, conflictIndex: log.lastIndex() + 1, conflictTerm: null };
  if (prevTerm !== request.prevLogTerm) {
    let first = request.prevLogIndex;
    while (first - 1 > log.snapshotIndex() && log.termAt(first - 1) === prevTerm) first--;
    return { success: false, conflictIndex: first, conflictTerm: prevTerm };
  }
  // Rule 3: only a real conflict (same index, different term) truncates; entries we already hold
  // are skipped, so a stale or duplicated request changes nothing.
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
  // The logs match through the last entry this request carried, not necessarily through our last index.
  const matchIndex = request.prevLogIndex + request.entries.length;
  const commitIndex = Math.max(follower.commitIndex, Math.min(request.leaderCommit, matchIndex));
  return { success: true, keepThroughIndex, entries, matchIndex, commitIndex };
};

/** §5.3 and §5.4.2: the highest index on a majority, committed only if it is from the current term. */
/** Bug: scans upward and stops at the first current-term index a majority stores, so commitIndex creeps up one index per call. */
export const commitRule: CommitRule = (leader) => {
  for (let n = leader.commitIndex + 1; n <= leader.log.lastIndex(); n++) {
    if (leader.log.termAt(n) !== leader.currentTerm) continue; // older terms are committed indirectly
    const stored = leader.matchIndexes.filter((m) => m >= n).length;
    if (2 * stored > leader.matchIndexes.length) return n;
  }
  return leader.commitIndex;
};
