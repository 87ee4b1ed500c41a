import type { AppendEntriesHandler } from '../hooks';

/**
 * Figure 2, AppendEntries receiver rules 2–5, with the fast conflict back-off hint (Raft §5.3,
 * "the follower can include the term of the conflicting entry and the first index it stores for
 * that term").
 */
export const referenceAppendEntries: AppendEntriesHandler = (follower, request) => {
  const log = follower.log;
  // Everything up to our snapshot is committed and therefore matches the leader.
  if (request.prevLogIndex < log.snapshotIndex()) {
    return { success: true, keepThroughIndex: log.lastIndex(), entries: [], matchIndex: follower.commitIndex, commitIndex: follower.commitIndex };
  }
  const prevTerm = log.termAt(request.prevLogIndex);
  if (prevTerm === undefined) {
    // Rule 2: our log is too short.
    return { success: false, conflictIndex: log.lastIndex() + 1, conflictTerm: null };
  }
  if (prevTerm !== request.prevLogTerm) {
    // Rule 2: the entry at prevLogIndex has another term; point the leader at the start of that term.
    let first = request.prevLogIndex;
    while (first - 1 > log.snapshotIndex() && log.termAt(first - 1) === prevTerm) first--;
    return { success: false, conflictIndex: first, conflictTerm: prevTerm };
  }
  // Rule 3: find the first new or conflicting entry; entries before it already match (a stale or
  // duplicated request must not truncate anything).
  let keepThroughIndex = log.lastIndex();
  let newEntries = request.entries.slice(0, 0);
  for (let i = 0; i < request.entries.length; i++) {
    const e = request.entries[i]!;
    const existing = log.termAt(e.index);
    if (existing !== e.term) {
      keepThroughIndex = e.index - 1;
      newEntries = request.entries.slice(i);
      break;
    }
  }
  const matchIndex = request.prevLogIndex + request.entries.length;
  // Rule 5: commit up to what the leader committed, but only as far as this request verified our log.
  const commitIndex = Math.max(follower.commitIndex, Math.min(request.leaderCommit, matchIndex));
  return { success: true, keepThroughIndex, entries: newEntries, matchIndex, commitIndex };
};
