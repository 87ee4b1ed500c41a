import type { HardState, Persistence, RestoredState } from '../../api';

/** Bug: term and vote survive, but the node resumes with only its snapshot ("the leader will send the log again"). */
export const persistence: Persistence = {
  hardState(fields): HardState {
    return { term: fields.currentTerm, vote: fields.votedFor, commit: 0 };
  },
  restore(disk): RestoredState {
    return {
      currentTerm: disk.hardState?.term ?? 0,
      votedFor: disk.hardState?.vote ?? null,
      commitIndex: disk.snapshot?.meta.index ?? 0,
      snapshot: disk.snapshot,
      entries: [],
    };
  },
};
