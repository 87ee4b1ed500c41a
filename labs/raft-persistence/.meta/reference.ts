import type { HardState, Persistence, RestoredState } from '../api';

/**
 * Figure 2: currentTerm and votedFor must be durable before the node answers or sends anything in
 * that term (the engine writes the log itself). commitIndex is optional; persisting it (as etcd
 * does) lets a restarted node re-apply what it knew was committed without waiting for a leader.
 */
export const persistence: Persistence = {
  hardState(fields): HardState {
    return { term: fields.currentTerm, vote: fields.votedFor, commit: fields.commitIndex };
  },

  restore(disk): RestoredState {
    const hs = disk.hardState;
    const snapshotIndex = disk.snapshot?.meta.index ?? 0;
    const lastIndex = snapshotIndex + disk.entries.length;
    return {
      currentTerm: hs?.term ?? 0,
      votedFor: hs?.vote ?? null,
      // Never claim more than was known committed, nor more than the disk holds.
      commitIndex: Math.min(Math.max(hs?.commit ?? 0, snapshotIndex), lastIndex),
      snapshot: disk.snapshot,
      entries: disk.entries,
    };
  },
};
