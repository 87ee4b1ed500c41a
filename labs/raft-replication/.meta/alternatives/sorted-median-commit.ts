import type { AppendEntriesHandler, CommitRule } from '../../api';

/**
 * Alternative (etcd's shape): the leader sorts the match indexes (numerically, high to low) and
 * takes the one a majority has reached; it commits it only if that entry is from the current term.
 * The follower finds the conflict hint by scanning forward from the start of its log, and copies
 * the entries it appends.
 */
export const appendEntries: AppendEntriesHandler = (follower, request) => {
  const log = follower.log;
  if (request.prevLogIndex > log.lastIndex()) return { success: false, conflictTerm: null, conflictIndex: log.lastIndex() + 1 };
  const termThere = log.termAt(request.prevLogIndex)!;
  if (termThere !== request.prevLogTerm) {
    let first = log.firstIndex();
    while (log.termAt(first) !== termThere) first++;
    return { success: false, conflictTerm: termThere, conflictIndex: first };
  }
  // Skip the entries we already hold with the same term; the first mismatch (or the end of our log) is where new ones go.
  let skip = 0;
  while (skip < request.entries.length) {
    const e = request.entries[skip]!;
    if (e.index > log.lastIndex() || log.termAt(e.index) !== e.term) break;
    skip++;
  }
  const last = request.prevLogIndex + request.entries.length;
  const rest = request.entries.slice(skip).map((e) => ({ index: e.index, term: e.term, data: e.data }));
  const keepThroughIndex = rest.length === 0 ? log.lastIndex() : rest[0]!.index - 1;
  const commitIndex = request.leaderCommit > follower.commitIndex ? Math.max(follower.commitIndex, Math.min(request.leaderCommit, last)) : follower.commitIndex;
  return { success: true, keepThroughIndex, entries: rest, matchIndex: last, commitIndex };
};

export const commitRule: CommitRule = (leader) => {
  const sorted = [...leader.matchIndexes].sort((a, b) => b - a);
  const quorum = Math.floor(sorted.length / 2) + 1;
  const n = sorted[quorum - 1]!;
  if (n > leader.commitIndex && leader.log.termAt(n) === leader.currentTerm) return n;
  return leader.commitIndex;
};
