import type { HardState, Persistence, RestoredState } from '../../api';

/** Bug: the vote is not written ("it only matters for this term"), so a granted vote leaves before it is durable. */
export const persistence: Persistence = {
  hardState(fields): HardState {
    return { term: fields.currentTerm, vote: null, commit: fields.commitIndex };
  },
  restore(disk): RestoredState {
    const snapshotIndex = disk.snapshot?.meta.index ?? 0;
    return {
      currentTerm: disk.hardState?.term ?? 0,
      votedFor: disk.hardState?.vote ?? null,
      commitIndex: Math.min(Math.max(disk.hardState?.commit ?? 0, snapshotIndex), snapshotIndex + disk.entries.length),
      snapshot: disk.snapshot,
      entries: disk.entries,
    };
  },
};
