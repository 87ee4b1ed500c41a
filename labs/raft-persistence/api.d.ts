/**
 * Types for the raft-persistence lab. They match the reference engine's hook seam
 * (engine/raft/hooks.ts): your Persistence is plugged into otherwise reference Raft nodes.
 */

export type NodeId = number;

/** What an entry or a snapshot may carry: plain JSON. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A log entry. `data === null` is the no-op a new leader appends (Raft §8). */
export interface Entry {
  readonly index: number;
  readonly term: number;
  readonly data: Json;
}

/** The record your hardState() returns; the driver writes it to disk, and hands it back to restore(). */
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
}

export interface Snapshot {
  readonly meta: SnapshotMeta;
  /** The state machine's state as of meta.index. */
  readonly data: Json;
}

/** What a node's disk holds after a crash: the only state that survives. */
export interface DurableState {
  /** The last HardState written, or null if none was ever written (a brand-new node). */
  readonly hardState: HardState | null;
  /** The last snapshot stored (taken locally or installed from the leader), or null. */
  readonly snapshot: Snapshot | null;
  /** Log entries after the snapshot, in index order (the engine writes them, you do not). */
  readonly entries: readonly Entry[];
}

/** The node's current values that hardState() chooses from. */
export interface PersistentFields {
  readonly currentTerm: number;
  readonly votedFor: NodeId | null;
  readonly commitIndex: number;
}

/** What a restarted node resumes with. */
export interface RestoredState {
  readonly currentTerm: number;
  readonly votedFor: NodeId | null;
  /** How far the node may re-apply its log without hearing from a leader (0 is always safe). */
  readonly commitIndex: number;
  /** The snapshot to resume from (the log continues after it), or null. */
  readonly snapshot: Snapshot | null;
  /** The log entries after the snapshot. */
  readonly entries: readonly Entry[];
}

/**
 * Figure 2 "Persistent state on all servers". After every step the engine calls hardState(...)
 * with the node's current values and, if the result differs from what it wrote last, writes it to
 * disk before any message of that step leaves. On every restart it calls restore(disk).
 */
export interface Persistence {
  hardState(fields: PersistentFields): HardState;
  restore(disk: DurableState): RestoredState;
}

/** Your export (solution.ts). */
export declare const persistence: Persistence;
