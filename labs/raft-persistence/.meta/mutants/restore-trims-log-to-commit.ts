import type { HardState, Persistence, RestoredState } from '../../api';

/**
 * Bug: restore drops the entries past the persisted commit index ("they were never agreed on").
 * But this node may have acknowledged them, and a leader may have counted that acknowledgement in
 * the majority that committed them before every follower heard: crash the whole cluster at that
 * moment and the committed entry can be missing from a majority of the restarted logs, so a node
 * without it can win the next election and overwrite it (§5.4).
 */
export const persistence: Persistence = {
  hardState(fields): HardState {
    return { term: fields.currentTerm, vote: fields.votedFor, commit: fields.commitIndex };
  },

  restore(disk): RestoredState {
    const hs = disk.hardState;
    const committedEntries = disk.entries.filter((e) => e.index <= (hs?.commit ?? 0));
    const snapshotIndex = disk.snapshot?.meta.index ?? 0;
    const lastIndex = snapshotIndex + committedEntries.length;
    return {
      currentTerm: hs?.term ?? 0,
      votedFor: hs?.vote ?? null,
      // Never claim more than was known committed, nor more than the disk holds.
      commitIndex: Math.min(Math.max(hs?.commit ?? 0, snapshotIndex), lastIndex),
      snapshot: disk.snapshot,
      entries: committedEntries,
    };
  },
};
