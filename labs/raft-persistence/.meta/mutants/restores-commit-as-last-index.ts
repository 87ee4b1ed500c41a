import type { HardState, Persistence, RestoredState } from '../../api';

/** Bug: "everything on disk was committed": a restarted node applies entries that were never committed. */
export const persistence: Persistence = {
  hardState(fields): HardState {
    return { term: fields.currentTerm, vote: fields.votedFor, commit: fields.commitIndex };
  },
  restore(disk): RestoredState {
    const snapshotIndex = disk.snapshot?.meta.index ?? 0;
    return {
      currentTerm: disk.hardState?.term ?? 0,
      votedFor: disk.hardState?.vote ?? null,
      commitIndex: snapshotIndex + disk.entries.length,
      snapshot: disk.snapshot,
      entries: disk.entries,
    };
  },
};
