/**
 * The reference Raft engine: a pure, single-threaded state machine. `step(input)` mutates the
 * node and returns one Ready batch; there is no I/O, no clock and no randomness except the seeded
 * RandomSource in the config. The rules a lab may replace are delegated to RaftHooks.
 *
 * Structure (as in etcd raft): term handling is shared and runs first for every message; then the
 * message goes to the handler of the current role, chosen by becomeFollower/PreCandidate/
 * Candidate/Leader.
 */
import { assertNever } from '../sim/assert-never';
import { validateConfig, type RaftConfig } from './config';
import { applyChange, changeOf, configEntryData, configOf, latestConfig, promote, type ClusterConfig, type ConfigChange, type MembershipRules, type MembershipView } from './membership';
import type { AppendEntriesDecision, HeartbeatRound, LeaderLeaseRules, RaftHooks } from './hooks';
import { referenceAppendEntries } from './hooks/append-entries';
import { referenceCommitRule } from './hooks/commit-rule';
import { DEFAULT_CLOCK_DRIFT_BOUND, referenceLeaderLease } from './hooks/leader-lease';
import { referencePersistence } from './hooks/persistence';
import type {
  AppendEntries,
  AppendEntriesResponse,
  InstallSnapshot,
  InstallSnapshotResponse,
  Message,
  RequestVote,
  RequestVoteResponse,
} from './messages';
import { RaftLog, type ReadonlyLog } from './raft-log';
import type { Input, LogWrite, ReadState, Ready, SnapshotWrite } from './ready';
import type { DurableState, Entry, HardState, Json, LogPosition, NodeId, Role, Snapshot } from './types';

/** What the driver, the checkers and the UI may read about a node. */
export interface ConsensusNode {
  readonly id: NodeId;
  step(input: Input): Ready;
  role(): Role;
  term(): number;
  votedFor(): NodeId | null;
  leaderId(): NodeId | null;
  commitIndex(): number;
  log(): ReadonlyLog;
}

type ProgressState = 'probe' | 'replicate' | 'snapshot';

interface Progress {
  match: number;
  next: number;
  state: ProgressState;
  /** In probe or snapshot state: something was sent since the last heartbeat or response. */
  paused: boolean;
  /** Highest heartbeat round this peer acknowledged in the current term (ReadIndex). */
  ackedRound: number;
  /** Heard from since the last CheckQuorum round. */
  recentActive: boolean;
}

interface PendingRead {
  readonly requestId: number;
  readonly index: number;
  readonly round: number;
}

const NO_MESSAGES: readonly Message[] = [];
const NO_ENTRIES: readonly Entry[] = [];
const NO_READS: readonly ReadState[] = [];
const EMPTY_READY: Ready = Object.freeze({ hardState: null, entriesToPersist: null, snapshot: null, messages: NO_MESSAGES, committed: NO_ENTRIES, readStates: NO_READS, proposed: null });

export class RaftNode implements ConsensusNode {
  readonly id: NodeId;
  private readonly cfg: RaftConfig;
  private readonly hooks: RaftHooks;
  /** Everyone this node replicates to or asks for votes (with membership: voters and learners of its latest config). */
  private peers: readonly NodeId[];
  private quorum: number;

  // Persistent (Figure 2).
  private currentTerm: number;
  private vote: NodeId | null;
  private readonly raftLog: RaftLog;
  private snapshotValue: Snapshot | null;

  // Volatile.
  private roleValue: Role = 'follower';
  private leader: NodeId | null = null;
  private commit: number;
  private applied: number;
  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private timeoutTicks = 0;
  private votes = new Map<NodeId, boolean>();
  private progress = new Map<NodeId, Progress>();
  /** The same Progress records as `progress`, in its order, for loops that need no peer id. */
  private progressList: Progress[] = [];
  private round = 0;
  private reads: PendingRead[] = [];
  /** Local clock: ticks received since this node started (lease reads, thesis §6.4.1). */
  private ticks = 0;
  /** Lease mode: the rounds sent in this term with their send ticks (the most recent 64). */
  private leaseRounds: HeartbeatRound[] = [];
  private leaseStartTick: number | null = null;
  private readsAwaitingCommit: number[] = [];
  /** The reused decision record of referenceAppendDecision. */
  private readonly appendScratch = { success: false, conflictIndex: 0, conflictTerm: null as number | null, keepThroughIndex: 0, entries: NO_ENTRIES, matchIndex: 0, commitIndex: 0 };
  /** Scratch space for referenceCommitIndex. */
  private readonly matchScratch: number[] = [];
  // Membership (thesis §4.1): the latest configuration in the log and the index of its entry.
  private config: ClusterConfig;
  private configIndex = 0;

  // Per-step output.
  /** This step's messages: the first outCount slots of a buffer that is reused from step to step. */
  private readonly outbox: Message[] = [];
  private outCount = 0;
  private readStates: ReadState[] = [];
  /** First log index not yet handed out for persisting, when hasUnstable (a flag, not Infinity, so the index stays a small integer). */
  private unstableFrom = 0;
  private hasUnstable = false;
  private snapshotWrite: SnapshotWrite | null = null;
  private proposed: LogPosition | null = null;
  private persistedHardState: HardState | null;

  constructor(config: RaftConfig, hooks: RaftHooks, disk: DurableState | null = null) {
    // With membership a node may start outside the configuration (a spare server waiting to be added).
    this.cfg = hooks.membership !== undefined && !config.voters.includes(config.id) ? (validateConfig({ ...config, voters: [...config.voters, config.id] }), config) : validateConfig(config);
    this.config = { voters: config.voters, learners: [] };
    this.id = config.id;
    this.hooks = hooks;
    this.peers = config.voters.filter((v) => v !== config.id);
    this.quorum = Math.floor(config.voters.length / 2) + 1;
    const restored = hooks.persistence.restore(disk ?? { hardState: null, snapshot: null, entries: [] });
    this.currentTerm = restored.currentTerm;
    this.vote = restored.votedFor;
    this.snapshotValue = restored.snapshot;
    const snapIndex = restored.snapshot?.meta.index ?? 0;
    this.raftLog = new RaftLog(snapIndex, restored.snapshot?.meta.term ?? 0, restored.entries);
    this.commit = Math.min(Math.max(restored.commitIndex, snapIndex), this.raftLog.lastIndex());
    this.applied = snapIndex;
    this.persistedHardState = disk?.hardState ?? null;
    if (hooks.membership !== undefined) this.refreshConfig();
    this.restartTimer();
  }

  // ---- read access -------------------------------------------------------------------------

  role(): Role {
    return this.roleValue;
  }
  term(): number {
    return this.currentTerm;
  }
  votedFor(): NodeId | null {
    return this.vote;
  }
  leaderId(): NodeId | null {
    return this.leader;
  }
  commitIndex(): number {
    return this.commit;
  }
  log(): ReadonlyLog {
    return this.raftLog;
  }
  snapshot(): Snapshot | null {
    return this.snapshotValue;
  }
  /** The leader's view of a follower's replication progress (undefined on non-leaders). */
  progressOf(peer: NodeId): Readonly<Progress> | undefined {
    return this.roleValue === 'leader' ? this.progress.get(peer) : undefined;
  }

  // ---- the single entry point ---------------------------------------------------------------

  step(input: Input): Ready {
    const commitBefore = this.commit;
    switch (input.kind) {
      case 'tick':
        this.tick();
        break;
      case 'message':
        this.stepMessage(input.message);
        break;
      case 'propose':
        this.propose(input.data);
        break;
      case 'readIndex':
        this.readIndex(input.requestId);
        break;
      case 'compact':
        this.compact(input.index, input.data);
        break;
      default:
        assertNever(input, 'input');
    }
    if (this.hooks.membership !== undefined) this.membershipAfterStep(this.hooks.membership, commitBefore);
    return this.collectReady();
  }

  private collectReady(): Ready {
    const prev = this.persistedHardState;
    let hardState: HardState | null = null;
    if (this.hooks.persistence === referencePersistence) {
      // The reference hook maps the fields one to one: build the record only when one changed.
      if (prev === null || prev.term !== this.currentTerm || prev.vote !== this.vote || prev.commit !== this.commit) {
        hardState = { term: this.currentTerm, vote: this.vote, commit: this.commit };
        this.persistedHardState = hardState;
      }
    } else {
      const hs = this.hooks.persistence.hardState({ currentTerm: this.currentTerm, votedFor: this.vote, commitIndex: this.commit });
      if (prev === null || prev.term !== hs.term || prev.vote !== hs.vote || prev.commit !== hs.commit) {
        hardState = hs;
        this.persistedHardState = hs;
      }
    }
    let entriesToPersist: LogWrite | null = null;
    if (this.hasUnstable) {
      const from = Math.max(this.unstableFrom, this.raftLog.firstIndex());
      entriesToPersist = { fromIndex: from, entries: this.raftLog.slice(from, this.raftLog.lastIndex() + 1) };
      this.hasUnstable = false;
    }
    let committed: readonly Entry[] = NO_ENTRIES;
    if (this.commit > this.applied) {
      committed = this.raftLog.slice(this.applied + 1, this.commit + 1);
      this.applied = this.commit;
    }
    if (hardState === null && entriesToPersist === null && this.snapshotWrite === null && this.outCount === 0 && committed === NO_ENTRIES && this.readStates.length === 0 && this.proposed === null) {
      return EMPTY_READY; // a quiet step (most ticks): nothing to persist, send or apply
    }
    const n = this.outCount;
    const ob = this.outbox;
    const messages: readonly Message[] = n === 0 ? NO_MESSAGES : n === 1 ? [ob[0]!] : n === 2 ? [ob[0]!, ob[1]!] : ob.slice(0, n);
    this.outCount = 0;
    const ready: Ready = {
      hardState,
      entriesToPersist,
      snapshot: this.snapshotWrite,
      messages,
      committed,
      readStates: this.readStates.length === 0 ? NO_READS : this.readStates,
      proposed: this.proposed,
    };
    if (this.readStates.length !== 0) this.readStates = [];
    this.snapshotWrite = null;
    this.proposed = null;
    return ready;
  }

  // ---- role transitions ---------------------------------------------------------------------

  private restartTimer(): void {
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.timeoutTicks = this.hooks.electionTimer.randomizedTimeoutTicks(this.cfg.rng, this.cfg.electionTicks);
  }

  private becomeFollower(term: number, leader: NodeId | null): void {
    if (term > this.currentTerm) {
      this.currentTerm = term;
      this.vote = null;
    }
    this.leaveLeadership();
    // The students' guide rule: a follower's timer restarts only on leader contact or a granted
    // vote, not because some candidate with a higher term (and maybe a stale log) showed up, or
    // stale candidates could keep the most up-to-date node from ever timing out.
    if (this.roleValue !== 'follower') this.restartTimer();
    this.roleValue = 'follower';
    this.leader = leader;
  }

  private becomePreCandidate(): void {
    this.leaveLeadership();
    this.roleValue = 'pre-candidate';
    this.leader = null;
    this.restartTimer();
    this.votes = new Map([[this.id, true]]);
    if (this.quorum === 1) return this.becomeCandidate();
    for (const peer of this.peers) this.sendVoteRequest(peer, true);
  }

  private becomeCandidate(): void {
    this.leaveLeadership();
    this.roleValue = 'candidate';
    this.currentTerm += 1;
    this.vote = this.id;
    this.leader = null;
    this.restartTimer();
    this.votes = new Map([[this.id, true]]);
    if (this.quorum === 1) return this.becomeLeader();
    for (const peer of this.peers) this.sendVoteRequest(peer, false);
  }

  private becomeLeader(): void {
    this.roleValue = 'leader';
    this.leader = this.id;
    this.restartTimer();
    this.round = 0;
    this.leaseRounds = [];
    this.leaseStartTick = null;
    if (this.leaseMode()) this.openLeaseRound();
    this.progress = new Map();
    for (const peer of this.peers) {
      this.progress.set(peer, { match: 0, next: this.raftLog.lastIndex() + 1, state: 'probe', paused: false, ackedRound: 0, recentActive: true });
    }
    this.progressList = [...this.progress.values()];
    // Raft §8: commit a no-op from the new term so earlier entries commit and reads become safe
    // (off only when the config says so, to replay Figure 8 of §5.4.2).
    if (this.cfg.noOpOnElection !== false) this.appendLocal(null);
    for (const peer of this.peers) this.sendAppend(peer, true);
    this.maybeCommit();
  }

  /** Leaving the leader role: pending reads can no longer be answered here. */
  private leaveLeadership(): void {
    if (this.roleValue !== 'leader') return;
    for (const r of this.reads) this.readStates.push({ requestId: r.requestId, index: null });
    for (const id of this.readsAwaitingCommit) this.readStates.push({ requestId: id, index: null });
    this.reads = [];
    this.readsAwaitingCommit = [];
    this.progress = new Map();
    this.progressList = [];
  }

  private campaign(): void {
    // Thesis §4.2: learners, servers not yet added and removed servers never start elections.
    if (this.hooks.membership !== undefined && !this.config.voters.includes(this.id)) return this.restartTimer();
    if (this.cfg.preVote) this.becomePreCandidate();
    else this.becomeCandidate();
  }

  // ---- inputs -------------------------------------------------------------------------------

  private tick(): void {
    this.ticks++;
    if (this.roleValue === 'leader') return this.tickLeader();
    this.electionElapsed++;
    if (this.hooks.electionTimer.shouldCampaign(this.electionElapsed, this.timeoutTicks)) this.campaign();
  }

  private tickLeader(): void {
    this.electionElapsed++;
    if (this.electionElapsed >= this.cfg.electionTicks) {
      this.electionElapsed = 0;
      if (this.cfg.checkQuorum) {
        let active = 1;
        for (const [peer, pr] of this.progress) if (pr.recentActive && this.countsAsVoter(peer)) active++;
        const rules = this.hooks.leaderLease;
        const recentlyActive = rules === undefined ? [] : [...this.progress].filter(([, pr]) => pr.recentActive).map(([id]) => id);
        const stepDown = rules !== undefined ? rules.checkQuorum({ id: this.id, currentTerm: this.currentTerm, voters: this.peers.length + 1, recentlyActive }) : active < this.quorum;
        if (stepDown) return this.becomeFollower(this.currentTerm, null);
        for (const pr of this.progress.values()) pr.recentActive = false;
      }
    }
    this.heartbeatElapsed++;
    if (this.heartbeatElapsed >= this.cfg.heartbeatTicks) {
      this.heartbeatElapsed = 0;
      if (this.leaseMode()) this.openLeaseRound();
      this.broadcastHeartbeat();
    }
  }

  private broadcastHeartbeat(): void {
    for (const peer of this.peers) {
      const pr = this.progress.get(peer)!;
      pr.paused = false;
      this.sendAppend(peer, true);
    }
  }

  private propose(data: Json): void {
    if (this.roleValue !== 'leader') return;
    const change = this.hooks.membership !== undefined ? changeOf(data) : null;
    if (change !== null) return this.proposeChange(this.hooks.membership!, change);
    const entry = this.appendLocal(data);
    this.proposed = { index: entry.index, term: entry.term };
    for (const peer of this.peers) this.sendAppend(peer, false);
    this.maybeCommit();
  }

  private readIndex(requestId: number): void {
    if (this.roleValue !== 'leader') {
      this.readStates.push({ requestId, index: null });
      return;
    }
    // Raft §6.4 step 1: the leader must have committed an entry in its term to know the commit index.
    if (this.raftLog.termAt(this.commit) !== this.currentTerm) {
      this.readsAwaitingCommit.push(requestId);
      return;
    }
    this.registerRead(requestId);
  }

  private registerRead(requestId: number): void {
    if (this.quorum === 1) {
      this.readStates.push({ requestId, index: this.commit });
      return;
    }
    // Thesis §6.4.1: inside the leader lease no other leader can exist yet; answer at once.
    if (this.leaseMode() && this.leaseRules().canServeLeaseRead(this.leaseReadView(), this.ticks)) {
      this.readStates.push({ requestId, index: this.commit });
      return;
    }
    // §6.4 steps 2–3: record the commit index, then confirm leadership with a fresh heartbeat round.
    if (this.leaseMode()) this.openLeaseRound();
    else this.round++;
    this.reads.push({ requestId, index: this.commit, round: this.round });
    this.broadcastHeartbeat();
  }

  private compact(index: number, data: Json): void {
    if (index <= this.raftLog.snapshotIndex()) return;
    if (index > this.applied) throw new RangeError(`cannot snapshot at ${index}: only ${this.applied} applied`);
    const term = this.raftLog.termAt(index) as number;
    const members = this.hooks.membership !== undefined ? latestConfig(this.raftLog, this.baseConfig(), index).config : null;
    const snapshot: Snapshot = { meta: { index, term, voters: members?.voters ?? this.cfg.voters, ...(members !== null ? { learners: members.learners } : {}) }, data };
    this.raftLog.compact(index, term);
    this.snapshotValue = snapshot;
    this.snapshotWrite = { snapshot, installed: false, keepLogSuffix: true };
  }

  private appendLocal(data: Json): Entry {
    const entry: Entry = { index: this.raftLog.lastIndex() + 1, term: this.currentTerm, data };
    this.raftLog.append(entry);
    this.markUnstable(entry.index);
    if (this.hooks.membership !== undefined && configOf(data) !== null) this.refreshConfig();
    return entry;
  }

  /** Entries from `index` on must be persisted by this step (the lowest such index wins). */
  private markUnstable(index: number): void {
    if (index < (this.hasUnstable ? this.unstableFrom : Infinity)) {
      this.unstableFrom = index;
      this.hasUnstable = true;
    }
  }

  // ---- messages: shared term handling ---------------------------------------------------------

  private stepMessage(m: Message): void {
    if (m.to !== this.id) throw new RangeError(`node ${this.id} was handed a message for ${m.to}`);
    if (m.term > this.currentTerm) {
      if (m.type === 'RequestVote') {
        // Thesis §6.2 / §9.6 with CheckQuorum: while we hear from a leader, ignore candidates.
        const inLease = this.cfg.checkQuorum && this.leader !== null && this.electionElapsed < this.cfg.electionTicks;
        if (inLease) return;
        if (!m.preVote) this.becomeFollower(m.term, null);
      } else if (m.type === 'RequestVoteResponse' && m.preVote && m.voteGranted) {
        // A granted PreVote echoes the term we would campaign in: not a newer term.
      } else {
        const leader = m.type === 'AppendEntries' || m.type === 'InstallSnapshot' ? m.from : null;
        this.becomeFollower(m.term, leader);
      }
    } else if (m.term < this.currentTerm) {
      // Raft §5.1: reject stale requests, telling the sender our term; ignore stale responses.
      if (m.type === 'AppendEntries' || m.type === 'InstallSnapshot') {
        this.send({ type: 'AppendEntriesResponse', from: this.id, to: m.from, term: this.currentTerm, success: false, matchIndex: 0, rejectedIndex: m.type === 'AppendEntries' ? m.prevLogIndex : 0, conflictIndex: 0, conflictTerm: null, round: m.round });
      } else if (m.type === 'RequestVote') {
        this.send({ type: 'RequestVoteResponse', from: this.id, to: m.from, term: this.currentTerm, preVote: m.preVote, voteGranted: false });
      }
      return;
    }

    switch (m.type) {
      case 'RequestVote':
        return this.handleRequestVote(m);
      case 'RequestVoteResponse':
        return this.handleVoteResponse(m);
      case 'AppendEntries':
        return this.handleAppendEntries(m);
      case 'AppendEntriesResponse':
        return this.handleAppendResponse(m);
      case 'InstallSnapshot':
        return this.handleInstallSnapshot(m);
      case 'InstallSnapshotResponse':
        return this.handleSnapshotResponse(m);
      default:
        return assertNever(m, 'message');
    }
  }

  // ---- voting ---------------------------------------------------------------------------------

  private sendVoteRequest(peer: NodeId, preVote: boolean): void {
    const rules = preVote ? this.hooks.preVote : undefined;
    if (rules !== undefined) {
      const probe = rules.probe(this.preVoteView());
      this.send({ type: 'RequestVote', from: this.id, to: peer, term: probe.term, preVote, lastLogIndex: probe.lastLogIndex, lastLogTerm: probe.lastLogTerm });
      return;
    }
    this.send({
      type: 'RequestVote',
      from: this.id,
      to: peer,
      term: preVote ? this.currentTerm + 1 : this.currentTerm,
      preVote,
      lastLogIndex: this.raftLog.lastIndex(),
      lastLogTerm: this.raftLog.lastTerm(),
    });
  }

  private preVoteView() {
    return { id: this.id, currentTerm: this.currentTerm, leaderId: this.leader, electionElapsedTicks: this.electionElapsed, electionTicks: this.cfg.electionTicks, log: this.raftLog };
  }

  private handleRequestVote(m: RequestVote): void {
    const rules = m.preVote ? this.hooks.preVote : undefined;
    const granted =
      rules !== undefined ? rules.grant(this.preVoteView(), m) : this.hooks.requestVote({ id: this.id, currentTerm: this.currentTerm, votedFor: this.vote, log: this.raftLog }, m);
    if (granted && !m.preVote) {
      this.vote = m.from;
      this.electionElapsed = 0;
    }
    this.send({ type: 'RequestVoteResponse', from: this.id, to: m.from, term: granted ? m.term : this.currentTerm, preVote: m.preVote, voteGranted: granted });
  }

  private handleVoteResponse(m: RequestVoteResponse): void {
    const collecting = (this.roleValue === 'candidate' && !m.preVote) || (this.roleValue === 'pre-candidate' && m.preVote);
    if (!collecting) return;
    this.votes.set(m.from, m.voteGranted);
    let granted = 0;
    let rejected = 0;
    for (const v of this.votes.values()) {
      if (v) granted++;
      else rejected++;
    }
    const rules = this.roleValue === 'pre-candidate' ? this.hooks.preVote : undefined;
    if (rules !== undefined) {
      const decision = rules.decide({ granted, rejected, voters: this.peers.length + 1 });
      if (decision === 'campaign') this.becomeCandidate();
      else if (decision === 'give-up') this.becomeFollower(this.currentTerm, null);
      return;
    }
    const membership = this.hooks.membership;
    if (membership !== undefined ? membership.quorum(this.config, [...this.votes].filter(([, v]) => v).map(([id]) => id)) : granted >= this.quorum) {
      if (this.roleValue === 'pre-candidate') this.becomeCandidate();
      else this.becomeLeader();
    } else if (membership !== undefined ? membership.quorum(this.config, [...this.votes].filter(([, v]) => !v).map(([id]) => id)) : rejected >= this.quorum) {
      this.becomeFollower(this.currentTerm, null);
    }
  }

  // ---- replication: follower side ---------------------------------------------------------------

  private followLeader(from: NodeId): boolean {
    if (this.roleValue === 'leader') return false; // two leaders in one term: an election-safety bug elsewhere; never obey
    if (this.roleValue !== 'follower') this.becomeFollower(this.currentTerm, from);
    this.leader = from;
    this.electionElapsed = 0;
    return true;
  }

  private handleAppendEntries(m: AppendEntries): void {
    if (!this.followLeader(m.from)) return;
    const hook = this.hooks.appendEntries;
    const d = hook === referenceAppendEntries ? this.referenceAppendDecision(m) : hook({ id: this.id, currentTerm: this.currentTerm, commitIndex: this.commit, log: this.raftLog }, m);
    if (!d.success) {
      this.send({ type: 'AppendEntriesResponse', from: this.id, to: m.from, term: this.currentTerm, success: false, matchIndex: 0, rejectedIndex: m.prevLogIndex, conflictIndex: d.conflictIndex, conflictTerm: d.conflictTerm, round: m.round });
      return;
    }
    const changes = d.keepThroughIndex < this.raftLog.lastIndex() || d.entries.length > 0;
    if (changes) {
      this.raftLog.truncateAndAppend(d.keepThroughIndex, d.entries);
      this.markUnstable(d.keepThroughIndex + 1);
      if (this.hooks.membership !== undefined && (d.keepThroughIndex < this.configIndex || d.entries.some((e) => configOf(e.data) !== null))) this.refreshConfig();
    }
    // A (learner) hook may truncate below the commit index: unsafe, and the checkers will say so;
    // the engine only keeps its own bookkeeping consistent.
    const last = this.raftLog.lastIndex();
    if (this.commit > last) this.commit = last;
    if (this.applied > last) this.applied = last;
    const commit = Math.min(d.commitIndex, last);
    if (commit > this.commit) this.commit = commit;
    this.send({ type: 'AppendEntriesResponse', from: this.id, to: m.from, term: this.currentTerm, success: true, matchIndex: d.matchIndex, rejectedIndex: m.prevLogIndex, conflictIndex: 0, conflictTerm: null, round: m.round });
  }

  /**
   * referenceAppendEntries' decision (hooks/append-entries.ts, rule for rule), written into one
   * reused record instead of a view and a decision per request; handleAppendEntries reads it at once.
   */
  private referenceAppendDecision(request: AppendEntries): AppendEntriesDecision {
    const d = this.appendScratch;
    const log = this.raftLog;
    if (request.prevLogIndex < log.snapshotIndex()) {
      d.success = true;
      d.keepThroughIndex = log.lastIndex();
      d.entries = NO_ENTRIES;
      d.matchIndex = this.commit;
      d.commitIndex = this.commit;
      return d as AppendEntriesDecision;
    }
    const prevTerm = log.termAt(request.prevLogIndex);
    if (prevTerm === undefined) {
      d.success = false;
      d.conflictIndex = log.lastIndex() + 1;
      d.conflictTerm = null;
      return d as AppendEntriesDecision;
    }
    if (prevTerm !== request.prevLogTerm) {
      let first = request.prevLogIndex;
      while (first - 1 > log.snapshotIndex() && log.termAt(first - 1) === prevTerm) first--;
      d.success = false;
      d.conflictIndex = first;
      d.conflictTerm = prevTerm;
      return d as AppendEntriesDecision;
    }
    const entries = request.entries;
    let keepThroughIndex = log.lastIndex();
    let newEntries: readonly Entry[] = NO_ENTRIES;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (log.termAt(e.index) !== e.term) {
        keepThroughIndex = e.index - 1;
        newEntries = entries.slice(i);
        break;
      }
    }
    const matchIndex = request.prevLogIndex + entries.length;
    d.success = true;
    d.keepThroughIndex = keepThroughIndex;
    d.entries = newEntries;
    d.matchIndex = matchIndex;
    d.commitIndex = Math.max(this.commit, Math.min(request.leaderCommit, matchIndex));
    return d as AppendEntriesDecision;
  }

  private handleInstallSnapshot(m: InstallSnapshot): void {
    if (!this.followLeader(m.from)) return;
    const d = this.hooks.installSnapshot({ id: this.id, currentTerm: this.currentTerm, commitIndex: this.commit, log: this.raftLog }, m);
    switch (d.kind) {
      case 'ignore':
        break;
      case 'install': {
        const meta = m.snapshot.meta;
        const keep = d.keepLogSuffix && meta.index > this.raftLog.snapshotIndex() && meta.index <= this.raftLog.lastIndex();
        if (keep) this.raftLog.compact(meta.index, meta.term);
        else this.raftLog.reset(meta.index, meta.term);
        this.snapshotValue = m.snapshot;
        this.snapshotWrite = { snapshot: m.snapshot, installed: true, keepLogSuffix: keep };
        this.hasUnstable = false; // the write replaces whatever this step had pending below it
        this.commit = Math.max(this.commit, meta.index);
        this.applied = meta.index;
        if (this.hooks.membership !== undefined) this.refreshConfig();
        break;
      }
      default:
        assertNever(d, 'snapshot decision');
    }
    this.send({ type: 'InstallSnapshotResponse', from: this.id, to: m.from, term: this.currentTerm, matchIndex: d.kind === 'install' ? m.snapshot.meta.index : this.commit, round: m.round });
  }

  // ---- replication: leader side -----------------------------------------------------------------

  /** Send the entries the peer needs (or a snapshot, or an empty heartbeat when `allowEmpty`). */
  private sendAppend(peer: NodeId, allowEmpty: boolean): void {
    const pr = this.progress.get(peer)!;
    if (pr.paused) return;
    if (pr.next <= this.raftLog.snapshotIndex()) {
      const snapshot = this.snapshotValue;
      if (snapshot === null) throw new Error(`leader ${this.id} needs a snapshot for ${peer} but has none`);
      pr.state = 'snapshot';
      pr.paused = true;
      this.send({ type: 'InstallSnapshot', from: this.id, to: peer, term: this.currentTerm, snapshot, round: this.round });
      return;
    }
    const last = this.raftLog.lastIndex();
    const upTo = Math.min(last + 1, pr.next + this.cfg.maxEntriesPerMessage);
    const entries = pr.next <= last ? this.raftLog.slice(pr.next, upTo) : NO_ENTRIES;
    if (entries.length === 0 && !allowEmpty) return;
    const prevLogIndex = pr.next - 1;
    this.send({
      type: 'AppendEntries',
      from: this.id,
      to: peer,
      term: this.currentTerm,
      prevLogIndex,
      prevLogTerm: this.raftLog.termAt(prevLogIndex) as number,
      entries,
      leaderCommit: this.commit,
      round: this.round,
    });
    if (pr.state === 'replicate') pr.next = upTo; // optimistic pipelining
    else pr.paused = true; // probe: one message in flight until an answer or the next heartbeat
  }

  private noteContact(from: NodeId, round: number): Progress | undefined {
    const pr = this.progress.get(from);
    if (pr === undefined) return undefined;
    pr.recentActive = true;
    if (round > pr.ackedRound) {
      pr.ackedRound = round;
      this.releaseReads();
      if (this.leaseMode()) this.renewLease();
    }
    return pr;
  }

  private handleAppendResponse(m: AppendEntriesResponse): void {
    if (this.roleValue !== 'leader') return;
    const pr = this.noteContact(m.from, m.round);
    if (pr === undefined) return;
    if (m.success) {
      if (m.matchIndex > pr.match) pr.match = m.matchIndex;
      if (pr.next < pr.match + 1) pr.next = pr.match + 1;
      if (pr.state !== 'replicate') {
        pr.state = 'replicate';
        pr.paused = false;
      }
      this.maybeCommit();
      if (pr.next <= this.raftLog.lastIndex()) this.sendAppend(m.from, false);
      return;
    }
    // A rejection: ignore it if it answers an older request than the one it could refer to.
    if (m.rejectedIndex <= pr.match) return;
    if (pr.state === 'probe' && m.rejectedIndex !== pr.next - 1) return;
    let next: number;
    if (m.conflictTerm === null) next = m.conflictIndex;
    else {
      const last = this.raftLog.lastIndexOfTerm(m.conflictTerm, m.rejectedIndex);
      next = last !== null ? last + 1 : m.conflictIndex;
    }
    pr.next = Math.max(pr.match + 1, Math.min(next, m.rejectedIndex));
    pr.state = 'probe';
    pr.paused = false;
    this.sendAppend(m.from, true);
  }

  private handleSnapshotResponse(m: InstallSnapshotResponse): void {
    if (this.roleValue !== 'leader') return;
    const pr = this.noteContact(m.from, m.round);
    if (pr === undefined) return;
    if (m.matchIndex > pr.match) pr.match = m.matchIndex;
    pr.next = pr.match + 1;
    pr.state = 'probe';
    pr.paused = false;
    this.maybeCommit();
    this.sendAppend(m.from, false);
  }

  private maybeCommit(): void {
    const membership = this.hooks.membership;
    let next: number;
    if (membership !== undefined) next = this.membershipCommitIndex(membership);
    else if (this.hooks.commitRule === referenceCommitRule) next = this.referenceCommitIndex();
    else {
      const matchIndexes = [this.raftLog.lastIndex()];
      for (const pr of this.progress.values()) matchIndexes.push(pr.match);
      next = this.hooks.commitRule({ id: this.id, currentTerm: this.currentTerm, commitIndex: this.commit, log: this.raftLog, matchIndexes });
    }
    if (next <= this.commit) return;
    if (next > this.raftLog.lastIndex()) throw new RangeError(`commitRule chose ${next}, beyond the leader's last index ${this.raftLog.lastIndex()}`);
    this.commit = next;
    if (this.readsAwaitingCommit.length > 0 && this.raftLog.termAt(this.commit) === this.currentTerm) {
      const waiting = this.readsAwaitingCommit;
      this.readsAwaitingCommit = [];
      for (const id of waiting) this.registerRead(id);
    }
  }

  /** referenceCommitRule's answer for this leader, without building its view: the majority-th highest match index (own log included). */
  private referenceCommitIndex(): number {
    const buf = this.matchScratch;
    let n = 0;
    buf[n++] = this.raftLog.lastIndex();
    const list = this.progressList;
    for (let i = 0; i < list.length; i++) {
      // Insertion into the descending prefix.
      const v = list[i]!.match;
      let j = n - 1;
      while (j >= 0 && buf[j]! < v) {
        buf[j + 1] = buf[j]!;
        j--;
      }
      buf[j + 1] = v;
      n++;
    }
    const candidate = buf[Math.floor(n / 2)]!;
    if (candidate <= this.commit) return this.commit;
    return this.raftLog.termAt(candidate) === this.currentTerm ? candidate : this.commit;
  }

  private releaseReads(): void {
    const everyPeerVotes = this.hooks.membership === undefined; // countsAsVoter is always true then
    while (this.reads.length > 0) {
      const head = this.reads[0]!;
      let acks = 1;
      if (everyPeerVotes) {
        const list = this.progressList;
        for (let i = 0; i < list.length; i++) if (list[i]!.ackedRound >= head.round) acks++;
      } else for (const [peer, pr] of this.progress) if (pr.ackedRound >= head.round && this.countsAsVoter(peer)) acks++;
      if (acks < this.quorum) return;
      this.reads.shift();
      this.readStates.push({ requestId: head.requestId, index: head.index });
    }
  }

  // ---- leader lease (thesis §6.4.1; etcd ReadOnlyLeaseBased) ------------------------------------

  private leaseMode(): boolean {
    return this.cfg.readOnly === 'lease-based';
  }

  private leaseRules(): LeaderLeaseRules {
    return this.hooks.leaderLease ?? referenceLeaderLease;
  }

  /** A new round: every message sent from now on carries it, and its send tick is remembered. */
  private openLeaseRound(): void {
    this.round++;
    this.leaseRounds.push({ round: this.round, sentAtTick: this.ticks });
    if (this.leaseRounds.length > 64) this.leaseRounds.shift();
  }

  private renewLease(): void {
    const acks = [...this.progress].map(([peer, pr]) => ({ peer, ackedRound: pr.ackedRound }));
    const start = this.leaseRules().leaseStart({ id: this.id, currentTerm: this.currentTerm, voters: this.peers.length + 1, rounds: this.leaseRounds.slice(), acks, nowTick: this.ticks, leaseStartTick: this.leaseStartTick });
    if (start !== null && (this.leaseStartTick === null || start > this.leaseStartTick)) this.leaseStartTick = start;
  }

  private leaseReadView() {
    return { id: this.id, currentTerm: this.currentTerm, leaseStartTick: this.leaseStartTick, electionTicks: this.cfg.electionTicks, clockDriftBound: this.cfg.clockDriftBound ?? DEFAULT_CLOCK_DRIFT_BOUND };
  }

  /** The leader's local tick count and lease start (for tests and the UI). */
  leaseState(): { readonly ticks: number; readonly leaseStartTick: number | null } {
    return { ticks: this.ticks, leaseStartTick: this.roleValue === 'leader' ? this.leaseStartTick : null };
  }

  private send(m: Message): void {
    this.outbox[this.outCount++] = m;
  }

  // ---- membership changes (thesis §4; only with hooks.membership) ---------------------------------

  /** The latest configuration in this node's log (thesis §4.1). */
  membership(): { readonly config: ClusterConfig; readonly index: number } {
    return { config: this.config, index: this.configIndex };
  }

  /** CheckQuorum and ReadIndex count voters only (learners receive entries but are no quorum, thesis §4.1). */
  private countsAsVoter(peer: NodeId): boolean {
    return this.hooks.membership === undefined || this.config.voters.includes(peer);
  }

  /** The configuration before any in the log: the snapshot's, else the bootstrap voters. */
  private baseConfig(): ClusterConfig {
    const meta = this.snapshotValue?.meta;
    return meta !== undefined ? { voters: meta.voters, learners: meta.learners ?? [] } : { voters: this.cfg.voters, learners: [] };
  }

  /** Re-read the configuration after the log changed; a leader starts or stops replicating to members. */
  private refreshConfig(): void {
    const { config, index } = latestConfig(this.raftLog, this.baseConfig());
    this.config = config;
    this.configIndex = index;
    this.peers = [...config.voters, ...config.learners].filter((id) => id !== this.id);
    this.quorum = Math.floor(config.voters.length / 2) + 1;
    if (this.roleValue !== 'leader') return;
    for (const peer of this.peers) {
      if (!this.progress.has(peer)) this.progress.set(peer, { match: 0, next: this.raftLog.lastIndex() + 1, state: 'probe', paused: false, ackedRound: 0, recentActive: true });
    }
    for (const peer of [...this.progress.keys()]) if (!this.peers.includes(peer)) this.progress.delete(peer);
    this.progressList = [...this.progress.values()];
  }

  private membershipView(): MembershipView {
    return { id: this.id, currentTerm: this.currentTerm, commitIndex: this.commit, log: this.raftLog, config: this.config, configIndex: this.configIndex };
  }

  private appendConfig(next: ClusterConfig): Entry {
    const entry = this.appendLocal(configEntryData(next));
    for (const peer of this.peers) this.sendAppend(peer, true);
    this.maybeCommit();
    return entry;
  }

  private proposeChange(rules: MembershipRules, change: ConfigChange): void {
    if (!rules.canPropose(this.membershipView())) return;
    const next = applyChange(this.config, change);
    if (next === null) return;
    const entry = this.appendConfig(next);
    this.proposed = { index: entry.index, term: entry.term };
  }

  /** The highest index of this term that the learner's quorum rule accepts as replicated (Figure 8: current term only). */
  private membershipCommitIndex(rules: MembershipRules): number {
    for (let n = this.raftLog.lastIndex(); n > this.commit; n--) {
      if (this.raftLog.termAt(n) !== this.currentTerm) break;
      const acks = [this.id];
      for (const [peer, pr] of this.progress) if (pr.match >= n) acks.push(peer);
      if (rules.quorum(this.config, acks)) return n;
    }
    return this.commit;
  }

  /**
   * After every step of a leader: step down once the configuration that removed it is committed
   * (thesis §4.2.2), else promote a learner that caught up (thesis §4.2.1). A step whose commit
   * advanced proposes nothing, so a commit is always judged by the configuration it was made in.
   */
  private membershipAfterStep(rules: MembershipRules, commitBefore: number): void {
    if (this.roleValue !== 'leader') return;
    if (this.commit > commitBefore) {
      if (rules.afterCommit(this.membershipView()) === 'step-down') this.becomeFollower(this.currentTerm, null);
      return;
    }
    for (const learner of this.config.learners) {
      const pr = this.progress.get(learner);
      if (pr === undefined) continue;
      if (!rules.promoteWhenCaughtUp({ node: learner, matchIndex: pr.match, leaderLastIndex: this.raftLog.lastIndex(), leaderCommitIndex: this.commit })) continue;
      if (rules.canPropose(this.membershipView())) this.appendConfig(promote(this.config, learner));
      return;
    }
  }
}
