/**
 * Types for the raft-checkquorum-leases lab. They match the reference engine's hook seam
 * (engine/raft/hooks.ts, `RaftHooks.leaderLease`): your rules run on the leaders of otherwise
 * reference Raft nodes (PreVote and CheckQuorum on, reads served under a leader lease).
 *
 * Time is local: each node counts the ticks of its OWN clock, and clocks run at different rates.
 * Nominally one tick is 10 ms.
 */

export type NodeId = number;

/** What a leader knows at a CheckQuorum check (thesis §6.2), run every electionTicks of its own clock. */
export interface QuorumCheckView {
  readonly id: NodeId;
  readonly currentTerm: number;
  /** Cluster size, the leader included. */
  readonly voters: number;
  /** Peers heard from (any response of this term) since the previous check; never the leader itself. */
  readonly recentlyActive: readonly NodeId[];
}

/** A heartbeat round the leader sent: every AppendEntries of the round carries `round`, and replies echo it. */
export interface HeartbeatRound {
  readonly round: number;
  /** The leader's local tick count when it SENT the round. */
  readonly sentAtTick: number;
}

/** The highest round a peer acknowledged in this term (0: none yet). A peer that acknowledged round r heard from the leader after round r was sent. */
export interface PeerAck {
  readonly peer: NodeId;
  readonly ackedRound: number;
}

/** What a leader knows when a reply raised some peer's acknowledged round (thesis §6.4.1). */
export interface LeaseRoundsView {
  readonly id: NodeId;
  readonly currentTerm: number;
  /** Cluster size, the leader included. */
  readonly voters: number;
  /** Rounds sent in this term, oldest first (the most recent 64), increasing in round and (not strictly) in sentAtTick. */
  readonly rounds: readonly HeartbeatRound[];
  /** One entry per peer; the leader itself is not listed. */
  readonly acks: readonly PeerAck[];
  /** The leader's local tick count now, as the reply arrives. */
  readonly nowTick: number;
  /** Where the current lease runs from (null: no lease yet in this term). */
  readonly leaseStartTick: number | null;
}

/** What a leader knows when a read could be served under its lease. */
export interface LeaseReadView {
  readonly id: NodeId;
  readonly currentTerm: number;
  /** Where the lease runs from, in the leader's local ticks (null: no lease yet in this term). */
  readonly leaseStartTick: number | null;
  /** The base election timeout in ticks: no follower times out sooner than this, counted on its own clock. */
  readonly electionTicks: number;
  /** The promised bound on clock drift: the fastest clock's rate over the slowest one's (e.g. 1.25). */
  readonly clockDriftBound: number;
}

export interface LeaderLeaseRules {
  /**
   * CheckQuorum: return true to step down (to follower, same term). Called on the leader every
   * electionTicks of its own clock.
   */
  checkQuorum(view: QuorumCheckView): boolean;
  /**
   * The local tick the lease now runs from, or null to leave it as it is. Called on the leader
   * each time a reply raises some peer's acknowledged round. The engine keeps the latest start it
   * was given (it never moves the lease back).
   */
  leaseStart(view: LeaseRoundsView): number | null;
  /**
   * May the leader answer a read from its own state right now, without a round trip? Called only
   * on a leader that has committed an entry of its term. False: the engine falls back to ReadIndex
   * (a heartbeat round a majority must acknowledge).
   */
  canServeLeaseRead(view: LeaseReadView, localNowTicks: number): boolean;
}

/** Your export (solution.ts). */
export declare const leaderLease: LeaderLeaseRules;
