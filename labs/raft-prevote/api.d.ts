/**
 * Types for the raft-prevote lab. They match the reference engine's hook seam
 * (engine/raft/hooks.ts, `RaftHooks.preVote`): your rules are plugged into otherwise reference Raft nodes.
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
  termAt(index: number): number | undefined;
  entryAt(index: number): Entry | undefined;
  slice(from: number, toExclusive: number): Entry[];
}

/** Figure 2 RequestVote RPC; with `preVote: true` it is the PreVote probe (thesis §9.6). */
export interface RequestVote {
  readonly type: 'RequestVote';
  /** The pre-candidate. */
  readonly from: NodeId;
  readonly to: NodeId;
  /** For a PreVote: the term the sender WOULD campaign in (it has not taken it). */
  readonly term: number;
  readonly preVote: boolean;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

/**
 * What a node knows when it runs the PreVote rules, as a voter or as a pre-candidate.
 * One tick is 10 ms.
 */
export interface PreVoteView {
  readonly id: NodeId;
  readonly currentTerm: number;
  /**
   * The leader this node currently follows: set when an AppendEntries (or InstallSnapshot) of the
   * current leader arrives; the node's own id when it is the leader; null once its own election
   * timer fired (it became a pre-candidate) or after it moved to a newer term.
   */
  readonly leaderId: NodeId | null;
  /**
   * Ticks since this node last heard from that leader (or since its election timer restarted).
   * A leader's own counter restarts every electionTicks.
   */
  readonly electionElapsedTicks: number;
  /** The base election timeout; followers time out after a random [electionTicks, 2·electionTicks) ticks of silence. */
  readonly electionTicks: number;
  readonly log: ReadonlyLog;
}

/** The probe a pre-candidate sends to every peer. */
export interface PreVoteProbe {
  readonly term: number;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

/** A pre-candidate's answers so far, its own grant included, out of `voters` (the whole cluster). */
export interface PreVoteTally {
  readonly granted: number;
  readonly rejected: number;
  readonly voters: number;
}

/**
 * campaign: become a real candidate now (the engine increments the term, votes for itself and
 * sends RequestVote); wait: keep collecting answers; give-up: back to follower, same term (the
 * election timer will fire again later).
 */
export type PreVoteDecision = 'campaign' | 'wait' | 'give-up';

export interface PreVoteRules {
  /**
   * Voter side: grant this PreVote? Term handling has run (a request with an older term never gets
   * here); a PreVote never changes the voter's term or vote, whatever you answer.
   */
  grant(voter: PreVoteView, request: RequestVote): boolean;
  /** Pre-candidate side: called when the election timer fires; the engine sends the probe to every peer. */
  probe(candidate: PreVoteView): PreVoteProbe;
  /** Pre-candidate side: called after every PreVote response. */
  decide(tally: PreVoteTally): PreVoteDecision;
}

/** Your export (solution.ts). */
export declare const preVote: PreVoteRules;
