import type { HardState, Persistence, RestoredState } from '../../api';

/** Bug: the term is recomputed from the last log entry on restart, but elections advance the term without writing entries. */
export const persistence: Persistence = {
  hardState(fields): HardState {
    return { term: fields.currentTerm, vote: fields.votedFor, commit: fields.commitIndex };
  },
  restore(disk): RestoredState {
    const snapshotIndex = disk.snapshot?.meta.index ?? 0;
    const lastTerm = disk.entries.length > 0 ? disk.entries[disk.entries.length - 1]!.term : (disk.snapshot?.meta.term ?? 0);
    const sameTerm = disk.hardState !== null && disk.hardState.term === lastTerm;
    return {
      currentTerm: lastTerm,
      votedFor: sameTerm ? disk.hardState!.vote : null,
      commitIndex: Math.min(Math.max(disk.hardState?.commit ?? 0, snapshotIndex), snapshotIndex + disk.entries.length),
      snapshot: disk.snapshot,
      entries: disk.entries,
    };
  },
};
