import type { HardState, Persistence, RestoredState } from '../../api';

/**
 * Bug: the snapshot is rebuilt on restore with the current term as its term ("the snapshot was
 * taken in this term"). Its last included entry may be several terms older, so the restarted node
 * compares logs wrongly at the snapshot boundary: it refuses up-to-date candidates and rejects a
 * leader's AppendEntries whose prevLogIndex is the snapshot index.
 */
export const persistence: Persistence = {
  hardState(fields): HardState {
    return { term: fields.currentTerm, vote: fields.votedFor, commit: fields.commitIndex };
  },
  restore(disk): RestoredState {
    const hs = disk.hardState;
    const snap = disk.snapshot;
    const snapshotIndex = snap?.meta.index ?? 0;
    return {
      currentTerm: hs?.term ?? 0,
      votedFor: hs?.vote ?? null,
      commitIndex: Math.min(Math.max(hs?.commit ?? 0, snapshotIndex), snapshotIndex + disk.entries.length),
      snapshot: snap === null ? null : { meta: { index: snap.meta.index, term: hs?.term ?? snap.meta.term, voters: snap.meta.voters }, data: snap.data },
      entries: disk.entries,
    };
  },
};
