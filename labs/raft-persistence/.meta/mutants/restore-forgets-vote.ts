import type { HardState, Persistence, RestoredState } from '../../api';

/** Bug: the vote is written, but a restarted node starts with votedFor = null, free to vote again in the same term. */
export const persistence: Persistence = {
  hardState(fields): HardState {
    return { term: fields.currentTerm, vote: fields.votedFor, commit: fields.commitIndex };
  },
  restore(disk): RestoredState {
    const snapshotIndex = disk.snapshot?.meta.index ?? 0;
    return {
      currentTerm: disk.hardState?.term ?? 0,
      votedFor: null,
      commitIndex: Math.min(Math.max(disk.hardState?.commit ?? 0, snapshotIndex), snapshotIndex + disk.entries.length),
      snapshot: disk.snapshot,
      entries: disk.entries,
    };
  },
};
