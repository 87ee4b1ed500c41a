import type { DurableState, Entry, Input, Message, NodeConfig, NodeId, RaftNodeApi, Ready, ReadonlyLog, Role, Snapshot } from './api';

/*
 * Raft from scratch: the whole node. One input in, one Ready out (the shape of etcd's raft):
 *
 *   tick            advance your timers; followers and candidates campaign on timeout, leaders send heartbeats
 *   message         a RequestVote / AppendEntries / InstallSnapshot or a response to one
 *   propose         a leader appends a command and replicates it (Ready.proposed says where)
 *   compact         the application snapshotted its state at `index`: drop the log prefix (Raft §7)
 *
 * The driver writes Ready.snapshot, .entriesToPersist and .hardState to disk BEFORE it sends
 * Ready.messages, then applies Ready.committed. So anything a message promises (your term, your
 * vote, the entries you acknowledge) must be in the SAME Ready. No clocks, no Math.random: use
 * config.rng, and count ticks.
 *
 * Stages (README): election → replication → persistence → snapshots → a KV service on top.
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
    return index <= this.snapIndex ? undefined : this.entries[index - this.snapIndex - 1];
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

class Node implements RaftNodeApi {
  // Persistent state (Figure 2): on disk through Ready.hardState and Ready.entriesToPersist.
  private currentTerm: number;
  private vote: NodeId | null;
  private readonly raftLog: RaftLog;
  private snap: Snapshot | null;
  // Volatile state.
  private roleValue: Role = 'follower';
  private leader: NodeId | null = null;
  private commit: number;
  /** Last index handed out in Ready.committed (volatile: after a restart, the snapshot index). */
  private applied: number;
  /** Messages of the current step, returned (and cleared) by the next Ready. */
  private outbox: Message[] = [];

  constructor(
    private readonly cfg: NodeConfig,
    disk: DurableState,
  ) {
    this.currentTerm = disk.hardState?.term ?? 0;
    this.vote = disk.hardState?.vote ?? null;
    this.snap = disk.snapshot;
    const snapIndex = disk.snapshot?.meta.index ?? 0;
    this.raftLog = new RaftLog(snapIndex, disk.snapshot?.meta.term ?? 0, disk.entries);
    this.commit = snapIndex;
    this.applied = snapIndex;
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
    // TODO stage 1 (election): tick → campaign after a randomized timeout; RequestVote and its response.
    // TODO stage 2 (replication): propose, AppendEntries and its response, the commit rule.
    // TODO stage 3 (persistence): report term/vote/commit changes in hardState and log changes in entriesToPersist.
    // TODO stage 4 (snapshots): compact, InstallSnapshot and its response.
    void input;
    void this.cfg;
    throw new Error('TODO: step(' + input.kind + '): write your Raft node (README, stage 1 first)');
  }

  /** One step's output; a starting point: add the persistent state and committed entries. */
  protected ready(): Ready {
    const committed: Entry[] = this.commit > this.applied ? this.raftLog.slice(this.applied + 1, this.commit + 1) : [];
    this.applied = Math.max(this.applied, this.commit);
    const messages = this.outbox;
    this.outbox = [];
    return { hardState: null, entriesToPersist: null, snapshot: null, messages, committed, proposed: null };
  }
}

export function createNode(config: NodeConfig, disk: DurableState): RaftNodeApi {
  return new Node(config, disk);
}
