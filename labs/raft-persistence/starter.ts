import type { HardState, Persistence, RestoredState } from './api';

export const persistence: Persistence = {
  /**
   * Step 1: what must be on disk before this node says anything (Figure 2, "Persistent state").
   * TODO: this writes nothing useful, so the driver refuses the first vote and the first message of a new term.
   */
  hardState(fields): HardState {
    void fields;
    return { term: 0, vote: null, commit: 0 };
  },

  /**
   * Step 2: what a node resumes with after a crash, from its disk only.
   * TODO: this forgets everything: a restarted node goes back to term 0 with an empty log.
   */
  restore(disk): RestoredState {
    void disk;
    return { currentTerm: 0, votedFor: null, commitIndex: 0, snapshot: null, entries: [] };
  },
};
