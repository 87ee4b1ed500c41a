import type { HardState, Persistence, RestoredState } from '../../api';

/**
 * Bug: hardState keeps the last record it returned in a module variable, and restore takes the
 * newer of that record and the disk's ("memory may be ahead of the disk"). Every node of a cluster
 * shares this module, so a restarted node can resume with the term and vote another node wrote.
 */
let lastWritten: HardState | null = null;

export const persistence: Persistence = {
  hardState(fields): HardState {
    lastWritten = { term: fields.currentTerm, vote: fields.votedFor, commit: fields.commitIndex };
    return lastWritten;
  },
  restore(disk): RestoredState {
    const onDisk = disk.hardState;
    const hs = onDisk !== null && lastWritten !== null && lastWritten.term > onDisk.term ? lastWritten : onDisk;
    const snapshotIndex = disk.snapshot?.meta.index ?? 0;
    return {
      currentTerm: hs?.term ?? 0,
      votedFor: hs?.vote ?? null,
      commitIndex: Math.min(Math.max(disk.hardState?.commit ?? 0, snapshotIndex), snapshotIndex + disk.entries.length),
      snapshot: disk.snapshot,
      entries: disk.entries,
    };
  },
};
