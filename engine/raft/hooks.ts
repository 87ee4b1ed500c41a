/**
 * The seam for labs. Each hook is one rule of Raft, small enough for a learner to write in one
 * file, with the reference implementation as the default (see reference-hooks.ts). The engine
 * keeps everything else: term handling (which always runs first), role changes, timers,
 * replication bookkeeping and the Ready batch. Hooks are pure functions of read-only views and
 * return decisions; the engine applies the decisions, so a wrong hook produces wrong but
 * well-formed behaviour that the checkers can catch.
 */
import type { AppendEntries, InstallSnapshot, RequestVote } from './messages';
import type { MembershipRules } from './membership';
import type { ReadonlyLog } from './raft-log';
import type { DurableState, Entry, HardState, NodeId, Snapshot } from './types';

/** The random integers a timer may draw (a forked, seeded PRNG: never Math.random). */
export interface RandomSource {
  /** Uniform integer in [lo, hi], both inclusive. */
  range(lo: number, hi: number): number;
}

/** What a voter knows when a RequestVote (or PreVote) arrives. Term handling has already run: request.term ≥ currentTerm. */
export interface VoterView {
  readonly id: NodeId;
  readonly currentTerm: number;
  readonly votedFor: NodeId | null;
  readonly log: ReadonlyLog;
}

/**
 * Figure 2, RequestVote receiver rules 1–2 (and the PreVote variant when request.preVote).
 * Return true to grant. On a granted real vote the engine records votedFor = request.from,
 * persists it before the reply leaves, and restarts the election timer.
 */
export type RequestVoteHandler = (voter: VoterView, request: RequestVote) => boolean;

/** When followers and candidates start elections (Raft §5.2). */
export interface ElectionTimer {
  /** Called whenever the timer restarts (on every role change): the timeout, in ticks, for this round. */
  randomizedTimeoutTicks(rng: RandomSource, electionTicks: number): number;
  /** Called on every tick of a non-leader with the ticks since the last restart or leader contact. True starts an election. */
  shouldCampaign(elapsedTicks: number, timeoutTicks: number): boolean;
}

/** What a follower knows when an AppendEntries from the current leader arrives (term handling has run: request.term === currentTerm). */
export interface FollowerView {
  readonly id: NodeId;
  readonly currentTerm: number;
  readonly commitIndex: number;
  readonly log: ReadonlyLog;
}

export type AppendEntriesDecision =
  /** Consistency check failed (Figure 2, AppendEntries rule 2). The hint drives the leader's fast back-up. */
  | { readonly success: false; readonly conflictIndex: number; readonly conflictTerm: number | null }
  /**
   * Consistency check passed (rules 3–5): the engine keeps the log through `keepThroughIndex`,
   * drops everything after it, appends `entries` (which must start at keepThroughIndex + 1), sets
   * commitIndex to `commitIndex`, and tells the leader the logs match through `matchIndex`.
   */
  | {
      readonly success: true;
      readonly keepThroughIndex: number;
      readonly entries: readonly Entry[];
      readonly matchIndex: number;
      readonly commitIndex: number;
    };

export type AppendEntriesHandler = (follower: FollowerView, request: AppendEntries) => AppendEntriesDecision;

export interface LeaderView {
  readonly id: NodeId;
  readonly currentTerm: number;
  readonly commitIndex: number;
  readonly log: ReadonlyLog;
  /** matchIndex of every voter, the leader's own (its last index) included. */
  readonly matchIndexes: readonly number[];
}

/** Raft §5.3–5.4.2: the leader's new commitIndex (return the current one to commit nothing). */
export type CommitRule = (leader: LeaderView) => number;

/** The fields Persistence.hardState chooses from. */
export interface PersistentFields {
  readonly currentTerm: number;
  readonly votedFor: NodeId | null;
  readonly commitIndex: number;
}

/** What a node resumes with after a restart. */
export interface RestoredState {
  readonly currentTerm: number;
  readonly votedFor: NodeId | null;
  readonly commitIndex: number;
  readonly snapshot: Snapshot | null;
  readonly entries: readonly Entry[];
}

/**
 * Figure 2 "Persistent state on all servers". The engine writes `hardState(...)` to disk whenever
 * it changes, before sending any message of that step (the simulator's driver enforces the order),
 * and calls `restore(disk)` when the node restarts after a crash.
 */
export interface Persistence {
  hardState(fields: PersistentFields): HardState;
  restore(disk: DurableState): RestoredState;
}

export type SnapshotInstallDecision =
  /** Stale or redundant snapshot: keep the current state. */
  | { readonly kind: 'ignore' }
  /** Install: the state machine is reset to the snapshot; `keepLogSuffix` keeps entries after it (they match), otherwise the whole log is discarded. */
  | { readonly kind: 'install'; readonly keepLogSuffix: boolean };

/** Figure 13 InstallSnapshot receiver rules 6–8 (term handling has run: request.term === currentTerm). */
export type SnapshotInstallHandler = (follower: FollowerView, request: InstallSnapshot) => SnapshotInstallDecision;

/**
 * What a node knows when it runs the PreVote rules (thesis §9.6), as a voter or as a pre-candidate.
 * `leaderId` is the leader it currently follows (itself when it leads; null after its own election
 * timer fired); `electionElapsedTicks` counts ticks since it last heard from that leader or its
 * election timer restarted (a leader's counter restarts every `electionTicks`).
 */
export interface PreVoteView {
  readonly id: NodeId;
  readonly currentTerm: number;
  readonly leaderId: NodeId | null;
  readonly electionElapsedTicks: number;
  /** The base election timeout in ticks (timeouts are drawn from [electionTicks, 2·electionTicks)). */
  readonly electionTicks: number;
  readonly log: ReadonlyLog;
}

/** The probe a pre-candidate sends: the term it would campaign in and its last log position. */
export interface PreVoteProbe {
  readonly term: number;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

/** A pre-candidate's answers so far (its own grant included) out of `voters`. */
export interface PreVoteTally {
  readonly granted: number;
  readonly rejected: number;
  readonly voters: number;
}

/** campaign: become a candidate (term + 1, real votes); wait: keep collecting; give-up: back to follower in the same term. */
export type PreVoteDecision = 'campaign' | 'wait' | 'give-up';

/**
 * Optional PreVote rules (thesis §9.6). When absent the engine uses `requestVote` for PreVote
 * requests and its built-in probe and tally, as before; when present (and `preVote` is on) every
 * PreVote request, probe and tally goes through them. They never change the node's term or vote:
 * the engine applies the decision.
 */
export interface PreVoteRules {
  /** Voter side: grant a PreVote? (Term handling has run; a PreVote never raises the voter's term.) */
  grant(voter: PreVoteView, request: RequestVote): boolean;
  /** Pre-candidate side: the probe sent to every peer when the election timer fires. */
  probe(candidate: PreVoteView): PreVoteProbe;
  /** Pre-candidate side: called after every PreVote response. */
  decide(tally: PreVoteTally): PreVoteDecision;
}

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
  /** The leader's local tick count when it sent the round. */
  readonly sentAtTick: number;
}

/** The highest round a peer acknowledged in this term (0: none yet). */
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
  /** Rounds sent in this term, oldest first (the most recent 64), increasing in round and in sentAtTick. */
  readonly rounds: readonly HeartbeatRound[];
  /** One entry per peer (the leader is not listed). */
  readonly acks: readonly PeerAck[];
  /** The leader's local tick count now. */
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
  /** The base election timeout in ticks: no follower times out sooner, on its own clock. */
  readonly electionTicks: number;
  /** Fastest clock rate over slowest that the cluster promises (e.g. 1.25). */
  readonly clockDriftBound: number;
}

/**
 * Optional CheckQuorum and leader-lease rules (thesis §6.2, §6.4.1; etcd's CheckQuorum and
 * ReadOnlyLeaseBased). Without them the engine uses its built-in CheckQuorum and the reference
 * lease (hooks/leader-lease.ts). They decide; the engine steps down, records the lease start
 * (never moving it back) and serves or defers the read.
 */
export interface LeaderLeaseRules {
  /** True: step down to follower (same term). */
  checkQuorum(view: QuorumCheckView): boolean;
  /** The local tick the lease now runs from, or null to leave it as it is. */
  leaseStart(view: LeaseRoundsView): number | null;
  /** May the leader answer a read from its state now, without a round trip? False falls back to ReadIndex. */
  canServeLeaseRead(view: LeaseReadView, localNowTicks: number): boolean;
}

export interface RaftHooks {
  readonly requestVote: RequestVoteHandler;
  readonly electionTimer: ElectionTimer;
  readonly appendEntries: AppendEntriesHandler;
  readonly commitRule: CommitRule;
  readonly persistence: Persistence;
  readonly installSnapshot: SnapshotInstallHandler;
  /** Optional; see PreVoteRules. */
  readonly preVote?: PreVoteRules;
  /** Optional; see LeaderLeaseRules. */
  readonly leaderLease?: LeaderLeaseRules;
  /**
   * Optional single-server membership changes (thesis §4; engine/raft/membership.ts). When set, the
   * configuration lives in the log, a proposal built by `changeRequest(...)` asks for a change, and
   * quorums, the change gate, learner promotion and the removed leader's step-down go through it.
   */
  readonly membership?: MembershipRules;
}
