/**
 * Types for the raft-replication lab. They match the reference engine's hook seam
 * (engine/raft/hooks.ts): your functions are plugged into otherwise reference Raft nodes.
 */

export type NodeId = number;

/** What an entry may carry: plain JSON. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A log entry. `data === null` is the no-op a new leader appends (Raft §8). */
export interface Entry {
  readonly index: number;
  readonly term: number;
  readonly data: Json;
}

/** The read-only view of a node's log. Index 0 with term 0 is the empty prefix (no snapshots in this lab). */
export interface ReadonlyLog {
  /** Index of the last compacted entry (always 0 in this lab). */
  snapshotIndex(): number;
  snapshotTerm(): number;
  /** First index held as an entry (snapshotIndex + 1). */
  firstIndex(): number;
  /** Index of the last entry (0 for an empty log). */
  lastIndex(): number;
  /** Term of the last entry (0 for an empty log). */
  lastTerm(): number;
  /** Term of the entry at `index` (0 at index 0), or undefined beyond the end. */
  termAt(index: number): number | undefined;
  entryAt(index: number): Entry | undefined;
  /** Entries in [from, toExclusive). */
  slice(from: number, toExclusive: number): Entry[];
}

/** Figure 2 AppendEntries RPC, as it arrives at a follower. */
export interface AppendEntries {
  readonly type: 'AppendEntries';
  /** The leader. */
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  /** Index and term of the entry just before `entries`. */
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  /** Entries prevLogIndex + 1, prevLogIndex + 2, …; empty for a heartbeat. */
  readonly entries: readonly Entry[];
  /** The leader's commitIndex. */
  readonly leaderCommit: number;
  readonly round: number;
}

/** What a follower knows when an AppendEntries from its current leader arrives (term handling has run). */
export interface FollowerView {
  readonly id: NodeId;
  readonly currentTerm: number;
  readonly commitIndex: number;
  readonly log: ReadonlyLog;
}

export type AppendEntriesDecision =
  /**
   * Consistency check failed (Figure 2, AppendEntries rule 2). The hint lets the leader skip back
   * quickly: `conflictTerm` is the term of the follower's entry at prevLogIndex and `conflictIndex`
   * the first index the follower holds with that term; when the follower's log is too short,
   * `conflictTerm` is null and `conflictIndex` is its last index + 1.
   */
  | { readonly success: false; readonly conflictIndex: number; readonly conflictTerm: number | null }
  /**
   * Consistency check passed (rules 3–5). The engine keeps the log through `keepThroughIndex`,
   * drops every entry after it, appends `entries` (which must start at keepThroughIndex + 1), sets
   * the follower's commitIndex to `commitIndex`, and tells the leader the logs match through `matchIndex`.
   */
  | {
      readonly success: true;
      readonly keepThroughIndex: number;
      readonly entries: readonly Entry[];
      readonly matchIndex: number;
      readonly commitIndex: number;
    };

export type AppendEntriesHandler = (follower: FollowerView, request: AppendEntries) => AppendEntriesDecision;

/** What the leader knows when it reconsiders its commit index (after every acknowledgement and proposal). */
export interface LeaderView {
  readonly id: NodeId;
  readonly currentTerm: number;
  readonly commitIndex: number;
  readonly log: ReadonlyLog;
  /** matchIndex of every voter, the leader's own (its last index) included; one per cluster member. */
  readonly matchIndexes: readonly number[];
}

/** Raft §5.3–5.4.2: the leader's new commitIndex (return the current one to commit nothing). */
export type CommitRule = (leader: LeaderView) => number;

/** Your exports (solution.ts). */
export declare const appendEntries: AppendEntriesHandler;
export declare const commitRule: CommitRule;
