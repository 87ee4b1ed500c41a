import type {
  AppendEntries,
  AppendEntriesResponse,
  DurableState,
  Entry,
  HardState,
  Input,
  InstallSnapshot,
  InstallSnapshotResponse,
  Json,
  LogPosition,
  LogWrite,
  Message,
  NodeConfig,
  NodeId,
  RaftNodeApi,
  Ready,
  ReadonlyLog,
  RequestVote,
  RequestVoteResponse,
  Role,
  Snapshot,
  SnapshotWrite,
} from '../api';

/**
 * The reference: a minimal Raft after the paper (Figure 2, §5, §7 and Figure 13, the no-op of §8),
 * in this lab's step(input) → Ready shape. No PreVote, no CheckQuorum, no ReadIndex, no flow
 * control beyond nextIndex/matchIndex. A solution may import nothing at run time.
 */

/** The in-memory log: a snapshot boundary followed by the entries after it. */
export class RaftLog implements ReadonlyLog {
  private entries: Entry[];
  constructor(
    private snapIndex: number,
    private snapTerm: number,
    entries: readonly Entry[],
  ) {
    this.entries = entries.slice();
  }
  snapshotIndex(): number {
    return this.snapIndex;
  }
  snapshotTerm(): number {
    return this.snapTerm;
  }
  firstIndex(): number {
    return this.snapIndex + 1;
  }
  lastIndex(): number {
    return this.snapIndex + this.entries.length;
  }
  lastTerm(): number {
    return this.entries.length === 0 ? this.snapTerm : this.entries[this.entries.length - 1]!.term;
  }
  termAt(index: number): number | undefined {
    if (index === this.snapIndex) return this.snapTerm;
    return this.entries[index - this.snapIndex - 1]?.term;
  }
  entryAt(index: number): Entry | undefined {
    // At or below the snapshot the array index is negative: undefined, as ReadonlyLog wants.
    return this.entries[index - this.snapIndex - 1];
  }
  slice(from: number, toExclusive: number): Entry[] {
    return this.entries.slice(from - this.snapIndex - 1, toExclusive - this.snapIndex - 1);
  }
  append(entry: Entry): void {
    this.entries.push(entry);
  }
  /** Keep entries ≤ keepThrough, then append `more`. */
  truncateAndAppend(keepThrough: number, more: readonly Entry[]): void {
    this.entries.length = keepThrough - this.snapIndex;
    for (const e of more) this.entries.push(e);
  }
  /** Drop entries ≤ index (now covered by a snapshot whose last entry has `term`). */
  compact(index: number, term: number): void {
    this.entries = this.entries.slice(index - this.snapIndex);
    this.snapIndex = index;
    this.snapTerm = term;
  }
  reset(index: number, term: number): void {
    this.entries = [];
    this.snapIndex = index;
    this.snapTerm = term;
  }
}

interface Progress {
  /** Highest index known to be replicated on the follower (Figure 2 matchIndex). */
  match: number;
  /** Index of the next entry to send it (Figure 2 nextIndex). */
  next: number;
}

class Node implements RaftNodeApi {
  private readonly peers: readonly NodeId[];
  private readonly quorum: number;
  private currentTerm: number;
  private vote: NodeId | null;
  private readonly raftLog: RaftLog;
  private snap: Snapshot | null;
  private roleValue: Role = 'follower';
  private leader: NodeId | null = null;
  private commit: number;
  private applied: number;
  private elapsed = 0;
  private timeout = 0;
  private votes = new Set<NodeId>();
  private progress = new Map<NodeId, Progress>();
  private outbox: Message[] = [];
  private unstableFrom = Infinity;
  private snapshotWrite: SnapshotWrite | null = null;
  private proposed: LogPosition | null = null;
  private persisted: HardState | null;

  constructor(
    private readonly cfg: NodeConfig,
    disk: DurableState,
  ) {
    this.peers = cfg.voters.filter((v) => v !== cfg.id);
    this.quorum = Math.floor(cfg.voters.length / 2) + 1;
    this.currentTerm = disk.hardState?.term ?? 0;
    this.vote = disk.hardState?.vote ?? null;
    this.snap = disk.snapshot;
    const snapIndex = disk.snapshot?.meta.index ?? 0;
    this.raftLog = new RaftLog(snapIndex, disk.snapshot?.meta.term ?? 0, disk.entries);
    // Figure 2: commitIndex and lastApplied are volatile. The state machine restarts from the
    // snapshot; the entries after it are applied again once a leader commits an entry of its term.
    this.commit = snapIndex;
    this.applied = snapIndex;
    this.persisted = disk.hardState;
    this.resetTimer();
  }

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
    return this.snap;
  }

  step(input: Input): Ready {
    if (input.kind === 'tick') this.tick();
    else if (input.kind === 'message') this.receive(input.message);
    else if (input.kind === 'propose') this.propose(input.data);
    else this.compact(input.index, input.data);
    return this.ready();
  }

  private ready(): Ready {
    let hardState: HardState | null = null;
    const p = this.persisted;
    if (p === null || p.term !== this.currentTerm || p.vote !== this.vote || p.commit !== this.commit) {
      hardState = { term: this.currentTerm, vote: this.vote, commit: this.commit };
      this.persisted = hardState;
    }
    let entriesToPersist: LogWrite | null = null;
    if (this.unstableFrom !== Infinity) {
      entriesToPersist = { fromIndex: this.unstableFrom, entries: this.raftLog.slice(this.unstableFrom, this.raftLog.lastIndex() + 1) };
      this.unstableFrom = Infinity;
    }
    const committed = this.raftLog.slice(this.applied + 1, this.commit + 1);
    this.applied = this.commit;
    const ready: Ready = { hardState, entriesToPersist, snapshot: this.snapshotWrite, messages: this.outbox, committed, proposed: this.proposed };
    this.outbox = [];
    this.snapshotWrite = null;
    this.proposed = null;
    return ready;
  }

  // ---- roles ----------------------------------------------------------------------------------

  private resetTimer(): void {
    this.elapsed = 0;
    // Raft §5.2: randomized timeouts in [electionTicks, 2·electionTicks) so split votes resolve.
    this.timeout = this.cfg.rng.range(this.cfg.electionTicks, 2 * this.cfg.electionTicks - 1);
  }

  private campaign(): void {
    // Raft §5.2: a new term, a vote for itself, RequestVote to every other server.
    this.roleValue = 'candidate';
    this.currentTerm += 1;
    this.vote = this.cfg.id;
    this.leader = null;
    this.resetTimer();
    this.votes = new Set([this.cfg.id]);
    for (const peer of this.peers) {
      this.send({ type: 'RequestVote', from: this.cfg.id, to: peer, term: this.currentTerm, preVote: false, lastLogIndex: this.raftLog.lastIndex(), lastLogTerm: this.raftLog.lastTerm() });
    }
  }

  private becomeLeader(): void {
    this.roleValue = 'leader';
    this.leader = this.cfg.id;
    this.elapsed = 0;
    this.progress = new Map();
    for (const peer of this.peers) this.progress.set(peer, { match: 0, next: this.raftLog.lastIndex() + 1 });
    // Raft §8: a no-op of the new term, so earlier entries can commit (§5.4.2).
    this.appendLocal(null);
    // Figure 2, Rules for Leaders: upon election, AppendEntries to each server.
    for (const peer of this.peers) this.sendAppend(peer);
  }

  // ---- inputs ---------------------------------------------------------------------------------

  private tick(): void {
    this.elapsed++;
    if (this.roleValue === 'leader') {
      if (this.elapsed >= this.cfg.heartbeatTicks) {
        this.elapsed = 0;
        for (const peer of this.peers) this.sendAppend(peer);
      }
    } else if (this.elapsed >= this.timeout) this.campaign();
  }

  private propose(data: Json): void {
    if (this.roleValue !== 'leader') return;
    const e = this.appendLocal(data);
    this.proposed = { index: e.index, term: e.term };
    for (const peer of this.peers) this.sendAppend(peer);
  }

  private compact(index: number, data: Json): void {
    // Raft §7: the application's snapshot (of entries already applied, past the last snapshot:
    // the driver asks for nothing else) replaces the log prefix it covers.
    const term = this.raftLog.termAt(index)!;
    this.snap = { meta: { index, term, voters: this.cfg.voters }, data };
    this.raftLog.compact(index, term);
    this.snapshotWrite = { snapshot: this.snap, installed: false, keepLogSuffix: true };
  }

  private appendLocal(data: Json): Entry {
    const e: Entry = { index: this.raftLog.lastIndex() + 1, term: this.currentTerm, data };
    this.raftLog.append(e);
    this.unstableFrom = Math.min(this.unstableFrom, e.index);
    return e;
  }

  // ---- messages -------------------------------------------------------------------------------

  private receive(m: Message): void {
    if (m.term > this.currentTerm) {
      // Raft §5.1: a newer term makes anyone a follower of that term, with no vote yet.
      this.currentTerm = m.term;
      this.vote = null;
      this.roleValue = 'follower';
      this.leader = null;
    } else if (m.term < this.currentTerm) {
      // Raft §5.1: refuse a stale request with our term (the sender steps down); drop stale responses.
      if (m.type === 'AppendEntries') this.reject(m.from, m.prevLogIndex, 0, null);
      else if (m.type === 'InstallSnapshot') this.send({ type: 'InstallSnapshotResponse', from: this.cfg.id, to: m.from, term: this.currentTerm, matchIndex: 0, round: 0 });
      else if (m.type === 'RequestVote') this.send({ type: 'RequestVoteResponse', from: this.cfg.id, to: m.from, term: this.currentTerm, preVote: false, voteGranted: false });
      return;
    }
    switch (m.type) {
      case 'RequestVote':
        return this.onRequestVote(m);
      case 'RequestVoteResponse':
        return this.onVote(m);
      case 'AppendEntries':
        return this.onAppend(m);
      case 'AppendEntriesResponse':
        return this.onAppendResponse(m);
      case 'InstallSnapshot':
        return this.onSnapshot(m);
      case 'InstallSnapshotResponse':
        return this.onSnapshotResponse(m);
    }
  }

  private onRequestVote(m: RequestVote): void {
    // Raft §5.2: one vote per term; §5.4.1: only for a log at least as up-to-date as ours.
    const lastTerm = this.raftLog.lastTerm();
    const upToDate = m.lastLogTerm > lastTerm || (m.lastLogTerm === lastTerm && m.lastLogIndex >= this.raftLog.lastIndex());
    const granted = (this.vote === null || this.vote === m.from) && upToDate;
    if (granted) {
      this.vote = m.from;
      this.elapsed = 0;
    }
    this.send({ type: 'RequestVoteResponse', from: this.cfg.id, to: m.from, term: this.currentTerm, preVote: false, voteGranted: granted });
  }

  private onVote(m: RequestVoteResponse): void {
    // Raft §5.2: votes from a majority of all servers (a set: a duplicated vote counts once).
    if (this.roleValue !== 'candidate' || !m.voteGranted) return;
    this.votes.add(m.from);
    if (this.votes.size >= this.quorum) this.becomeLeader();
  }

  /** AppendEntries or InstallSnapshot of our term: its sender leads this term (Raft §5.2; never us: one leader per term). */
  private followLeader(from: NodeId): void {
    this.roleValue = 'follower';
    this.leader = from;
    this.elapsed = 0;
  }

  private reject(to: NodeId, rejectedIndex: number, conflictIndex: number, conflictTerm: number | null): void {
    this.send({ type: 'AppendEntriesResponse', from: this.cfg.id, to, term: this.currentTerm, success: false, matchIndex: 0, rejectedIndex, conflictIndex, conflictTerm, round: 0 });
  }

  private onAppend(m: AppendEntries): void {
    this.followLeader(m.from);
    const log = this.raftLog;
    let matchIndex: number;
    if (m.prevLogIndex < log.snapshotIndex()) {
      // Everything we compacted is committed, so it matches the leader (Raft §7).
      matchIndex = this.commit;
    } else {
      const prevTerm = log.termAt(m.prevLogIndex);
      // Figure 2 rule 2, with the §5.3 hint: lastIndex + 1 when the log is too short ...
      if (prevTerm === undefined) return this.reject(m.from, m.prevLogIndex, log.lastIndex() + 1, null);
      if (prevTerm !== m.prevLogTerm) {
        // ... or the conflicting term and the first index we hold of it.
        let first = m.prevLogIndex;
        while (log.termAt(first - 1) === prevTerm) first--;
        return this.reject(m.from, m.prevLogIndex, first, prevTerm);
      }
      // Figure 2 rules 3–4: truncate only at the first conflicting entry (a stale request must not cut anything).
      for (const e of m.entries) {
        if (log.termAt(e.index) !== e.term) {
          log.truncateAndAppend(e.index - 1, m.entries.slice(e.index - m.prevLogIndex - 1));
          this.unstableFrom = Math.min(this.unstableFrom, e.index);
          break;
        }
      }
      matchIndex = m.prevLogIndex + m.entries.length;
      // Rule 5: commit what the leader committed, as far as this request verified our log.
      this.commit = Math.max(this.commit, Math.min(m.leaderCommit, matchIndex));
    }
    this.send({ type: 'AppendEntriesResponse', from: this.cfg.id, to: m.from, term: this.currentTerm, success: true, matchIndex, rejectedIndex: m.prevLogIndex, conflictIndex: 0, conflictTerm: null, round: 0 });
  }

  private onSnapshot(m: InstallSnapshot): void {
    this.followLeader(m.from);
    const meta = m.snapshot.meta;
    // Figure 13: ignore what the commit index already covers (installing would roll back).
    if (meta.index > this.commit) {
      // Rules 6–7: keep the entries after it if we hold its last entry, else discard the log.
      const keep = this.raftLog.termAt(meta.index) === meta.term;
      if (keep) this.raftLog.compact(meta.index, meta.term);
      else this.raftLog.reset(meta.index, meta.term);
      this.snap = m.snapshot;
      this.snapshotWrite = { snapshot: m.snapshot, installed: true, keepLogSuffix: keep };
      this.commit = meta.index;
      this.applied = meta.index;
    }
    this.send({ type: 'InstallSnapshotResponse', from: this.cfg.id, to: m.from, term: this.currentTerm, matchIndex: this.commit, round: 0 });
  }

  /** Send `peer` the entries from its nextIndex (none: a heartbeat), or the snapshot if they were compacted. */
  private sendAppend(peer: NodeId): void {
    const next = this.progress.get(peer)!.next;
    if (next <= this.raftLog.snapshotIndex()) {
      // Raft §7: the entry it needs is gone; send the snapshot.
      this.send({ type: 'InstallSnapshot', from: this.cfg.id, to: peer, term: this.currentTerm, snapshot: this.snap!, round: 0 });
      return;
    }
    const entries = this.raftLog.slice(next, next + this.cfg.maxEntriesPerMessage);
    this.send({ type: 'AppendEntries', from: this.cfg.id, to: peer, term: this.currentTerm, prevLogIndex: next - 1, prevLogTerm: this.raftLog.termAt(next - 1)!, entries, leaderCommit: this.commit, round: 0 });
  }

  private onAppendResponse(m: AppendEntriesResponse): void {
    if (this.roleValue !== 'leader') return;
    const pr = this.progress.get(m.from)!;
    if (m.success) {
      // Figure 2: on success, update matchIndex and nextIndex. What is still missing goes out with
      // the next proposal or heartbeat (sending here would repeat entries already in flight).
      pr.match = Math.max(pr.match, m.matchIndex);
      pr.next = pr.match + 1;
      this.maybeCommit();
      return;
    }
    // Figure 2: on a rejection, move nextIndex back and retry. With the §5.3 hint it skips the
    // follower's whole conflicting term (to conflictIndex); always below the rejected prevLogIndex
    // (so it moves), never below what the follower acknowledged.
    pr.next = Math.max(pr.match + 1, Math.min(m.conflictIndex, m.rejectedIndex));
    this.sendAppend(m.from);
  }

  private onSnapshotResponse(m: InstallSnapshotResponse): void {
    if (this.roleValue !== 'leader') return;
    const pr = this.progress.get(m.from)!;
    pr.match = Math.max(pr.match, m.matchIndex);
    pr.next = pr.match + 1;
    this.maybeCommit();
    this.sendAppend(m.from);
  }

  private maybeCommit(): void {
    // Raft §5.3: the highest index on a majority; §5.4.2 (Figure 8): only an entry of the current term.
    const matches = [this.raftLog.lastIndex(), ...[...this.progress.values()].map((p) => p.match)].sort((a, b) => b - a);
    const n = matches[this.quorum - 1]!;
    if (this.raftLog.termAt(n) === this.currentTerm) this.commit = n;
  }

  private send(m: Message): void {
    this.outbox.push(m);
  }
}

export function createNode(config: NodeConfig, disk: DurableState): RaftNodeApi {
  return new Node(config, disk);
}
