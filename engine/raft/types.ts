/** Core Raft data types shared by the engine, the hooks, the simulator and the checkers. */
export type NodeId = number;

/** Anything JSON can carry: log entry payloads and snapshot data stay serializable for traces and the UI. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A log entry. `data === null` marks the no-op a new leader appends (Raft §8). */
export interface Entry {
  readonly index: number;
  readonly term: number;
  readonly data: Json;
}

/** The fields that must be durable before any message of the same step leaves the node (Figure 2, "Persistent state"). */
export interface HardState {
  readonly term: number;
  readonly vote: NodeId | null;
  readonly commit: number;
}

export interface SnapshotMeta {
  /** Last log index the snapshot covers. */
  readonly index: number;
  /** Term of that entry. */
  readonly term: number;
  readonly voters: readonly NodeId[];
  /** Membership changes (thesis §4): the non-voting members of the configuration as of `index`. */
  readonly learners?: readonly NodeId[];
}

export interface Snapshot {
  readonly meta: SnapshotMeta;
  /** The state machine's state as of `meta.index`. */
  readonly data: Json;
}

export type Role = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

export interface LogPosition {
  readonly index: number;
  readonly term: number;
}

/** What a node's disk holds: the only state that survives a crash. */
export interface DurableState {
  readonly hardState: HardState | null;
  readonly snapshot: Snapshot | null;
  /** Entries after the snapshot, in index order. */
  readonly entries: readonly Entry[];
}
