/**
 * Types for the raft-snapshot lab. They match the reference engine's hook seam
 * (engine/raft/hooks.ts): your handler is plugged into otherwise reference Raft nodes.
 */

export type NodeId = number;

/** A log entry. `data === null` is the no-op a new leader appends (Raft §8). */
export interface Entry {
  readonly index: number;
  readonly term: number;
  readonly data: unknown;
}

/**
 * The read-only view of a node's log: a snapshot boundary (the last compacted index and its term)
 * followed by the entries after it. Index 0 with term 0 is the empty prefix.
 */
export interface ReadonlyLog {
  /** Index of the last compacted entry (0 when nothing is compacted). */
  snapshotIndex(): number;
  /** Term of that entry. */
  snapshotTerm(): number;
  /** First index still held as an entry (snapshotIndex + 1). */
  firstIndex(): number;
  /** Index of the last entry (the snapshot index when no entry follows it). */
  lastIndex(): number;
  lastTerm(): number;
  /** Term of the entry at `index`; the snapshot's term at snapshotIndex; undefined if compacted away or beyond the end. */
  termAt(index: number): number | undefined;
  /** The entry at `index`, or undefined if compacted away or beyond the end. */
  entryAt(index: number): Entry | undefined;
  /** Entries in [from, toExclusive); `from` must be > snapshotIndex. */
  slice(from: number, toExclusive: number): Entry[];
}

export interface SnapshotMeta {
  /** The last log index the snapshot covers (Figure 13 lastIncludedIndex). */
  readonly index: number;
  /** The term of that entry (lastIncludedTerm). */
  readonly term: number;
  readonly voters: readonly NodeId[];
}

export interface Snapshot {
  readonly meta: SnapshotMeta;
  /** The state machine's state as of meta.index. */
  readonly data: unknown;
}

/** Figure 13 InstallSnapshot RPC (sent whole, no chunking). */
export interface InstallSnapshot {
  readonly type: 'InstallSnapshot';
  /** The leader. */
  readonly from: NodeId;
  readonly to: NodeId;
  /** The leader's term. Term handling has already run: it equals the follower's currentTerm. */
  readonly term: number;
  readonly snapshot: Snapshot;
  readonly round: number;
}

/** What the follower knows when the snapshot arrives. */
export interface FollowerView {
  readonly id: NodeId;
  readonly currentTerm: number;
  /** Everything up to here is committed and already applied to the state machine. */
  readonly commitIndex: number;
  readonly log: ReadonlyLog;
}

export type SnapshotInstallDecision =
  /** Stale or redundant snapshot: keep the current state (the engine tells the leader how far this node is). */
  | { readonly kind: 'ignore' }
  /**
   * Install: the engine resets the state machine to snapshot.data and the log to the snapshot
   * boundary. With keepLogSuffix it keeps the entries after meta.index (they must match the
   * leader's); without, it discards the whole log.
   */
  | { readonly kind: 'install'; readonly keepLogSuffix: boolean };

/** Figure 13, InstallSnapshot receiver rules 6–8. */
export type SnapshotInstallHandler = (follower: FollowerView, request: InstallSnapshot) => SnapshotInstallDecision;

/** Your export (solution.ts). */
export declare const installSnapshot: SnapshotInstallHandler;
