/**
 * Types for the raft-election lab. They match the reference engine's hook seam
 * (engine/raft/hooks.ts): your functions are plugged into otherwise reference Raft nodes.
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
  /** Term of the entry at `index`, or undefined beyond the end. */
  termAt(index: number): number | undefined;
  entryAt(index: number): Entry | undefined;
  slice(from: number, toExclusive: number): Entry[];
}

/** Figure 2 RequestVote RPC, as it arrives at the voter. */
export interface RequestVote {
  readonly type: 'RequestVote';
  /** The candidate. */
  readonly from: NodeId;
  readonly to: NodeId;
  /** The candidate's term (the election it runs). */
  readonly term: number;
  /** Always false in this lab (PreVote is the raft-prevote lab). */
  readonly preVote: boolean;
  /** Index and term of the candidate's last log entry. */
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

/**
 * What the voter knows when the request arrives. Term handling has already run: if the request's
 * term was newer, the voter adopted it and cleared votedFor, so request.term === currentTerm.
 */
export interface VoterView {
  readonly id: NodeId;
  readonly currentTerm: number;
  /** Whom this node voted for in currentTerm (itself if it is a candidate), or null. */
  readonly votedFor: NodeId | null;
  readonly log: ReadonlyLog;
}

/**
 * Figure 2, RequestVote receiver rule 2. Return true to grant. On a granted vote the engine sets
 * votedFor = request.from, writes it to disk before the reply leaves, and restarts the election timer.
 */
export type RequestVoteHandler = (voter: VoterView, request: RequestVote) => boolean;

/** The seeded random numbers a timer may use (never Math.random: a replay must be exact). */
export interface RandomSource {
  /** Uniform integer in [lo, hi], both inclusive. */
  range(lo: number, hi: number): number;
}

/** When followers and candidates start elections (Raft §5.2). One tick is 10 ms. */
export interface ElectionTimer {
  /** Called whenever the timer restarts (every role change): this round's timeout, in ticks. */
  randomizedTimeoutTicks(rng: RandomSource, electionTicks: number): number;
  /**
   * Called on every tick of a follower or candidate, with the ticks since the timer last restarted
   * (role change, a leader's AppendEntries, a granted vote). True starts an election now.
   */
  shouldCampaign(elapsedTicks: number, timeoutTicks: number): boolean;
}

/** The cluster's clock settings, in ticks of 10 ms. Every node of the cluster uses them. */
export interface ElectionTiming {
  /** A leader sends AppendEntries (heartbeats) to every follower each `heartbeatTicks` ticks. */
  readonly heartbeatTicks: number;
  /** The base election timeout handed to randomizedTimeoutTicks; must exceed heartbeatTicks. */
  readonly electionTicks: number;
}

/** Your exports (solution.ts). */
export declare const timing: ElectionTiming;
export declare const electionTimer: ElectionTimer;
export declare const requestVote: RequestVoteHandler;
