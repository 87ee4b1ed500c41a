import type { AppendEntriesHandler, CommitRule, ReadonlyLog } from '../../api';

/**
 * Alternative (MIT 6.5840's usual shape): the leader walks up from commitIndex + 1 and remembers the
 * highest current-term index a majority stores; the follower finds the first index of the
 * conflicting term by binary search (terms never decrease along a log) and builds its decision
 * from the index of the first conflicting entry.
 */
function firstIndexOfTerm(log: ReadonlyLog, term: number, atOrBefore: number): number {
  let lo = log.firstIndex();
  let hi = atOrBefore;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if ((log.termAt(mid) ?? 0) < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const appendEntries: AppendEntriesHandler = (follower, request) => {
  const { log } = follower;
  const prev = log.termAt(request.prevLogIndex);
  if (prev === undefined) return { success: false, conflictIndex: log.lastIndex() + 1, conflictTerm: null };
  if (prev !== request.prevLogTerm) return { success: false, conflictIndex: firstIndexOfTerm(log, prev, request.prevLogIndex), conflictTerm: prev };
  const conflictAt = request.entries.findIndex((e) => log.termAt(e.index) !== e.term);
  const matchIndex = request.prevLogIndex + request.entries.length;
  const commitIndex = Math.max(follower.commitIndex, Math.min(request.leaderCommit, matchIndex));
  if (conflictAt < 0) return { success: true, keepThroughIndex: log.lastIndex(), entries: [], matchIndex, commitIndex };
  const from = request.entries[conflictAt]!.index;
  return { success: true, keepThroughIndex: from - 1, entries: request.entries.slice(conflictAt), matchIndex, commitIndex };
};

export const commitRule: CommitRule = (leader) => {
  let best = leader.commitIndex;
  for (let n = leader.commitIndex + 1; n <= leader.log.lastIndex(); n++) {
    if (leader.log.termAt(n) !== leader.currentTerm) continue;
    let count = 0;
    for (const m of leader.matchIndexes) if (m >= n) count++;
    if (count * 2 > leader.matchIndexes.length) best = n;
  }
  return best;
};
