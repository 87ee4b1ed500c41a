import type { Persistence } from '../hooks';

/** Figure 2 "Persistent state": currentTerm, votedFor and the log (plus commitIndex, as etcd does, to re-apply on restart). */
export const referencePersistence: Persistence = {
  hardState: (fields) => ({ term: fields.currentTerm, vote: fields.votedFor, commit: fields.commitIndex }),
  restore: (disk) => ({
    currentTerm: disk.hardState?.term ?? 0,
    votedFor: disk.hardState?.vote ?? null,
    commitIndex: disk.hardState?.commit ?? 0,
    snapshot: disk.snapshot,
    entries: disk.entries,
  }),
};
