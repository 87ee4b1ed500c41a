/**
 * Types for the raft-from-scratch lab: the reference engine's own wire and storage types
 * (engine/raft/types.ts, messages.ts, ready.ts), so your nodes run in the same simulated cluster,
 * on the same disks, under the same checkers as the reference engine. You write the whole node.
 */

export type NodeId = number;

/** Anything JSON can carry. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A log entry. `data === null` marks the no-op a new leader appends (Raft §8). */
export interface Entry {
  readonly index: number;
  readonly term: number;
  readonly data: Json;
}

/**
 * Figure 2 "Persistent state", plus commit as etcd does. Reading commit back on restart is optional
 * (Figure 2 keeps commitIndex volatile); etcd does it so a restarted node can re-apply at once.
 */
export interface HardState {
  readonly term: number;
  readonly vote: NodeId | null;
  readonly commit: number;
}

export interface SnapshotMeta {
  /** Last log index the snapshot covers (Figure 13 lastIncludedIndex). */
  readonly index: number;
  /** Term of that entry (lastIncludedTerm). */
  readonly term: number;
  readonly voters: readonly NodeId[];
}

export interface Snapshot {
  readonly meta: SnapshotMeta;
  /** The state machine's state as of meta.index (opaque to you: the application made it). */
  readonly data: Json;
}

/** What your node's disk holds after a crash: all you get back on restart. */
export interface DurableState {
  readonly hardState: HardState | null;
  readonly snapshot: Snapshot | null;
  /** Entries after the snapshot, in index order. */
  readonly entries: readonly Entry[];
}

export type Role = 'follower' | 'candidate' | 'leader';

export interface LogPosition {
  readonly index: number;
  readonly term: number;
}

// ---- the wire (engine/raft/messages.ts) ------------------------------------------------------

interface Envelope {
  readonly from: NodeId;
  readonly to: NodeId;
  /** The sender's current term. */
  readonly term: number;
}

/** Figure 2 RequestVote. Always send `preVote: false` (PreVote is another lab). */
export interface RequestVote extends Envelope {
  readonly type: 'RequestVote';
  readonly preVote: boolean;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

export interface RequestVoteResponse extends Envelope {
  readonly type: 'RequestVoteResponse';
  readonly preVote: boolean;
  readonly voteGranted: boolean;
}

/** Figure 2 AppendEntries. `round` is free for you to use (echo it back, or send 0). */
export interface AppendEntries extends Envelope {
  readonly type: 'AppendEntries';
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly Entry[];
  readonly leaderCommit: number;
  readonly round: number;
}

export interface AppendEntriesResponse extends Envelope {
  readonly type: 'AppendEntriesResponse';
  readonly success: boolean;
  /** On success: the follower's log matches the leader's through this index. */
  readonly matchIndex: number;
  /** The prevLogIndex of the request this answers (lets the leader tell which request a rejection answers). */
  readonly rejectedIndex: number;
  /**
   * On failure, the optional fast back-up hint (Raft §5.3): conflictTerm is your term at prevLogIndex
   * and conflictIndex the first index you hold of it, or conflictTerm null and conflictIndex
   * lastIndex + 1 when your log is too short. Without a hint send conflictTerm null (and any
   * conflictIndex up to prevLogIndex, e.g. 0); a hint must never point past the rejected entry.
   */
  readonly conflictIndex: number;
  readonly conflictTerm: number | null;
  readonly round: number;
}

/** Figure 13 InstallSnapshot, sent whole (no chunking). */
export interface InstallSnapshot extends Envelope {
  readonly type: 'InstallSnapshot';
  readonly snapshot: Snapshot;
  readonly round: number;
}

export interface InstallSnapshotResponse extends Envelope {
  readonly type: 'InstallSnapshotResponse';
  /** The follower's log matches the leader's through this index after handling the snapshot. */
  readonly matchIndex: number;
  readonly round: number;
}

export type Message = RequestVote | RequestVoteResponse | AppendEntries | AppendEntriesResponse | InstallSnapshot | InstallSnapshotResponse;

// ---- input and output (engine/raft/ready.ts) ---------------------------------------------------

export type Input =
  /** One logical clock tick (10 ms of virtual time in every test). */
  | { readonly kind: 'tick' }
  | { readonly kind: 'message'; readonly message: Message }
  /** Append `data` to the log if this node is the leader; Ready.proposed says where (null if not the leader). */
  | { readonly kind: 'propose'; readonly data: Json }
  /** The application took a snapshot of its state at `index` (≤ what you handed it in `committed`, > your snapshot's index): compact the log (Raft §7). */
  | { readonly kind: 'compact'; readonly index: number; readonly data: Json };

/** Drop every stored entry with index ≥ fromIndex, then append `entries` (starting at fromIndex). */
export interface LogWrite {
  readonly fromIndex: number;
  readonly entries: readonly Entry[];
}

export interface SnapshotWrite {
  readonly snapshot: Snapshot;
  /** True when it came from the leader (the application resets its state to it), false for local compaction. */
  readonly installed: boolean;
  /** Keep stored entries after snapshot.meta.index; otherwise the disk drops them all. */
  readonly keepLogSuffix: boolean;
}

/**
 * One step's output. The driver does, in this order: write `snapshot`, then `entriesToPersist`,
 * then `hardState` to disk; check every message against the disk (persist before send); send
 * `messages`; apply an installed snapshot, then `committed`, to the state machine.
 */
export interface Ready {
  /** Non-null when term, vote or commit changed since the last Ready. */
  readonly hardState: HardState | null;
  /** Non-null when the log changed. */
  readonly entriesToPersist: LogWrite | null;
  /** Non-null when a snapshot was installed or taken. */
  readonly snapshot: SnapshotWrite | null;
  readonly messages: readonly Message[];
  /** Newly committed entries, in index order, each handed out exactly once per incarnation. */
  readonly committed: readonly Entry[];
  /** For a propose input: where the entry went, or null if this node is not the leader. */
  readonly proposed: LogPosition | null;
}

// ---- what you write ------------------------------------------------------------------------------

/** Seeded randomness: the only source of randomness you may use. range(lo, hi) is uniform in [lo, hi]. */
export interface RandomSource {
  range(lo: number, hi: number): number;
}

export interface NodeConfig {
  readonly id: NodeId;
  /** Every voter, this node included (3 to 7 of them in the tests). */
  readonly voters: readonly NodeId[];
  /** Base election timeout in ticks (30): draw each timeout from [electionTicks, 2·electionTicks). */
  readonly electionTicks: number;
  /** A leader sends AppendEntries to every follower at least this often (10 ticks). */
  readonly heartbeatTicks: number;
  /** At most this many entries in one AppendEntries. */
  readonly maxEntriesPerMessage: number;
  readonly rng: RandomSource;
}

/**
 * The read-only view of your log the checkers inspect after every step: a snapshot boundary (the
 * last compacted index and its term) followed by the entries after it. The starter's RaftLog
 * implements it.
 */
export interface ReadonlyLog {
  snapshotIndex(): number;
  snapshotTerm(): number;
  /** snapshotIndex + 1. */
  firstIndex(): number;
  lastIndex(): number;
  lastTerm(): number;
  /** Term at `index`: the snapshot's term at snapshotIndex; undefined if compacted away or beyond the end. */
  termAt(index: number): number | undefined;
  entryAt(index: number): Entry | undefined;
  /** Entries in [from, toExclusive); `from` must be > snapshotIndex. */
  slice(from: number, toExclusive: number): Entry[];
}

export interface RaftNodeApi {
  /** The single entry point: one input in, one Ready out. No clocks, no I/O. */
  step(input: Input): Ready;
  role(): Role;
  term(): number;
  votedFor(): NodeId | null;
  /** The leader this node follows (its own id when it leads), or null. */
  leaderId(): NodeId | null;
  commitIndex(): number;
  log(): ReadonlyLog;
  /** The latest snapshot this node holds (taken or installed), or null. */
  snapshot(): Snapshot | null;
}

/** Your export (solution.ts): build a node from its config and what its disk holds (empty on first boot). */
export declare function createNode(config: NodeConfig, disk: DurableState): RaftNodeApi;
