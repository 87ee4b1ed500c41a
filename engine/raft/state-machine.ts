import type { Entry, Json } from './types';

/** The application Raft replicates. Deterministic: the same entries in the same order give the same state. */
export interface StateMachine {
  /** Apply one committed entry (no-ops included) and return the result for the client, if any. */
  apply(entry: Entry): Json;
  /** The whole state, for a snapshot. */
  snapshot(): Json;
  /** Replace the state by a snapshot's data. */
  restore(data: Json): void;
}
