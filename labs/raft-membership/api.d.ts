/**
 * Types for the raft-membership lab. They match the reference engine's hook seam
 * (engine/raft/membership.ts, `RaftHooks.membership`): your rules are plugged into otherwise
 * reference Raft nodes, which keep the configuration in the log and apply your decisions.
 */

export type NodeId = number;

/** A log entry. `data === null` is the no-op a new leader appends (Raft §8). */
export interface Entry {
  readonly index: number;
  readonly term: number;
  readonly data: unknown;
}

/** The read-only view of a node's log. Index 0 with term 0 is the empty prefix. */
export interface ReadonlyLog {
  snapshotIndex(): number;
  snapshotTerm(): number;
  firstIndex(): number;
  /** Index of the last entry (0 for an empty log). */
  lastIndex(): number;
  /** Term of the last entry (0 for an empty log). */
  lastTerm(): number;
  /** Term of the entry at `index` (0 at index 0); undefined beyond the end. */
  termAt(index: number): number | undefined;
  entryAt(index: number): Entry | undefined;
  slice(from: number, toExclusive: number): Entry[];
}

/** A configuration: voters elect leaders and commit entries; learners only receive entries. */
export interface ClusterConfig {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

/** What a node knows about its configuration. */
export interface MembershipView {
  readonly id: NodeId;
  readonly currentTerm: number;
  readonly commitIndex: number;
  readonly log: ReadonlyLog;
  /** The latest configuration in the log, committed or not (thesis §4.1): the one this node uses. */
  readonly config: ClusterConfig;
  /**
   * Index of the log entry holding `config`. 0 (or the snapshot index) when the log holds no
   * configuration entry and `config` is the cluster's initial one.
   */
  readonly configIndex: number;
}

/** The leader's view of one learner's replication (thesis §4.2.1). */
export interface CatchUpProgress {
  readonly node: NodeId;
  /** The learner's log matches the leader's through this index (0: nothing confirmed yet). */
  readonly matchIndex: number;
  readonly leaderLastIndex: number;
  readonly leaderCommitIndex: number;
}

export interface MembershipRules {
  /**
   * Do these servers form a quorum of `config`? `acks` lists the servers that acknowledged an
   * entry or granted a vote: it may include learners, servers outside the configuration, and
   * repeats.
   */
  quorum(config: ClusterConfig, acks: readonly NodeId[]): boolean;
  /** Leader: may it append a configuration change now? */
  canPropose(view: MembershipView): boolean;
  /** Leader: is this learner caught up, so it may be promoted to voter? */
  promoteWhenCaughtUp(progress: CatchUpProgress): boolean;
  /** Leader, after its commit index advanced: keep leading, or step down. */
  afterCommit(view: MembershipView): 'lead' | 'step-down';
}

/** Your export (solution.ts). */
export declare const membership: MembershipRules;
