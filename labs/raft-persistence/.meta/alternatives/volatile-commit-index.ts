import type { HardState, Persistence, RestoredState } from '../../api';

/**
 * Alternative (the paper's choice, Figure 2): commitIndex is volatile state. The record carries only
 * the term and the vote (commit 0), and a restarted node resumes with commitIndex 0 ("0 is always
 * safe"), re-learning the commit point from the next leader.
 */
export const persistence: Persistence = {
  hardState(fields): HardState {
    return { term: fields.currentTerm, vote: fields.votedFor, commit: 0 };
  },
  restore(disk): RestoredState {
    if (disk.hardState === null) return { currentTerm: 0, votedFor: null, commitIndex: 0, snapshot: disk.snapshot, entries: disk.entries };
    return { currentTerm: disk.hardState.term, votedFor: disk.hardState.vote, commitIndex: 0, snapshot: disk.snapshot, entries: disk.entries };
  },
};
