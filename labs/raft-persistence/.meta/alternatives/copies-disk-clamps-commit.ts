import type { Entry, HardState, Persistence, RestoredState, Snapshot } from '../../api';

/**
 * Alternative: persist the commit index (as etcd does) and on restore hand back fresh copies of
 * everything read from disk; the commit index is the one written, clamped to the last index the
 * disk holds, and at least the snapshot's index (a snapshot only ever covers committed entries).
 */
function copyEntry(e: Entry): Entry {
  return { index: e.index, term: e.term, data: e.data };
}

function copySnapshot(s: Snapshot | null): Snapshot | null {
  if (s === null) return null;
  return { meta: { index: s.meta.index, term: s.meta.term, voters: [...s.meta.voters] }, data: s.data };
}

export const persistence: Persistence = {
  hardState({ currentTerm, votedFor, commitIndex }): HardState {
    return { term: currentTerm, vote: votedFor, commit: commitIndex };
  },
  restore({ hardState, snapshot, entries }): RestoredState {
    const base = snapshot === null ? 0 : snapshot.meta.index;
    const last = entries.length > 0 ? entries[entries.length - 1]!.index : base;
    let commitIndex = hardState === null ? 0 : hardState.commit;
    if (commitIndex > last) commitIndex = last;
    if (commitIndex < base) commitIndex = base;
    return {
      currentTerm: hardState === null ? 0 : hardState.term,
      votedFor: hardState === null ? null : hardState.vote,
      commitIndex,
      snapshot: copySnapshot(snapshot),
      entries: entries.map(copyEntry),
    };
  },
};
