/**
 * The deterministic Raft world: nodes, their disks and state machines, a seeded network, a
 * virtual clock and one event queue. This is the driver that turns Ready batches into effects,
 * in the order the contract demands (persist → check → send → apply), and the place faults are
 * injected. A run is a pure function of (options, scenario, seed).
 */
import { AppliedLogStateMachine } from '../applied-log-state-machine';
import { DEFAULT_TIMING, type RaftConfig } from '../config';
import type { RaftHooks } from '../hooks';
import { isResponse, type Message } from '../messages';
import { RaftNode, type ConsensusNode } from '../raft-node';
import type { ReadState, Ready } from '../ready';
import { withHooks } from '../reference-hooks';
import type { StateMachine } from '../state-machine';
import type { DurableState, Entry, Json, LogPosition, NodeId, Role } from '../types';
import { assertNever } from '../../sim/assert-never';
import type { ClientMessage, ClientRequest, ClientReply } from './client-message';
import type { ClusterObserver, DiskView } from './cluster-observer';
import { TaggedEventQueue } from '../../sim/event-queue';
import { Network } from '../../sim/network';
import { RELIABLE, type NetworkProfile } from '../../sim/network-profile';
import { Prng, type Seed } from '../../sim/prng';
import { RaftDisk } from './raft-disk';
import { TraceRecorder, type TraceEvent, type TraceLevel } from '../../sim/trace';
import { VirtualClock } from '../../sim/clock';
import { drawClockRates, LocalTicker, NOMINAL_RATE_PER_MILLE, type ClockRateRange } from '../../sim/clock-rate';

export type WireMessage = Message | ClientMessage;

export interface ClusterOptions {
  /** Number of nodes; ids are 1..nodes. */
  readonly nodes: number;
  readonly seed: Seed;
  readonly tickMs?: number;
  readonly electionTicks?: number;
  readonly heartbeatTicks?: number;
  readonly maxEntriesPerMessage?: number;
  readonly preVote?: boolean;
  readonly checkQuorum?: boolean;
  /**
   * The initial voters (default: every node). With `hooksFor` giving `membership` rules, the other
   * nodes boot as spare servers outside the configuration, waiting to be added (thesis §4.2.1).
   */
  readonly voters?: readonly NodeId[];
  /** Lease-based reads (thesis §6.4.1; etcd's ReadOnlyLeaseBased): see RaftConfig.readOnly. */
  readonly readOnly?: 'safe' | 'lease-based';
  /** The clock drift bound the nodes assume (RaftConfig.clockDriftBound). */
  readonly clockDriftBound?: number;
  /**
   * Per-node clock RATE skew (engine/sim/clock-rate.ts): a range to draw each node's rate from the
   * seed, or a rate per node in per mille. Default: every clock at the nominal rate.
   */
  readonly clockRates?: ClockRateRange | ((id: NodeId) => number);
  /** Raft §8: a new leader appends a no-op (default true; false replays Figure 8 of §5.4.2 as drawn). */
  readonly noOpOnElection?: boolean;
  readonly network?: NetworkProfile;
  /** Per-node hook overrides: a learner node is a node with some hooks replaced. */
  readonly hooksFor?: (id: NodeId) => Partial<RaftHooks>;
  /**
   * Builds each node (default: the reference RaftNode). A lab whose learner writes a whole node
   * returns a RaftNode subclass that delegates to it (labs/raft-from-scratch).
   */
  readonly nodeFactory?: (config: RaftConfig, hooks: RaftHooks, disk: DurableState) => RaftNode;
  readonly stateMachineFor?: (id: NodeId) => StateMachine;
  /** Take a snapshot when this many entries were applied since the last one (null: never). */
  readonly snapshotEveryEntries?: number | null;
  readonly trace?: TraceLevel;
  readonly observers?: readonly ClusterObserver[];
}

/** Lets a service (the KV store) sit on top of the cluster without the cluster knowing it. */
export interface ClusterPlugin {
  onServerRequest(node: NodeId, request: ClientRequest): void;
  onClientReply(reply: ClientReply): void;
  onApplied(node: NodeId, entry: Entry, result: Json): void;
  onReadState(node: NodeId, readState: ReadState): void;
  onLeadershipChange(node: NodeId): void;
  onCrash(node: NodeId): void;
}

/** A broken contract found by the driver itself (persist-before-send). */
export interface DriverViolation {
  readonly tMs: number;
  readonly node: NodeId;
  readonly rule: string;
  readonly detail: string;
}

/** Event tags in the queue: a node's tick (num = epoch, ref = slot), a delivery (num = message id, ref = message), a timer (ref = callback). */
const TICK = 0;
const DELIVER = 1;
const TIMER = 2;

const TICK_INPUT: Parameters<ConsensusNode['step']>[0] = Object.freeze({ kind: 'tick' });

interface Slot {
  readonly id: NodeId;
  node: RaftNode | null;
  readonly disk: RaftDisk;
  stateMachine: StateMachine;
  epoch: number;
  ticker: LocalTicker | null;
  appliedIndex: number;
  snapshotIndex: number;
  role: Role;
  term: number;
  commit: number;
}

export interface ClusterStats {
  events: number;
  steps: number;
  messagesDelivered: number;
}

export class RaftCluster implements DiskView {
  readonly clock = new VirtualClock();
  readonly trace: TraceRecorder;
  readonly network: Network<WireMessage>;
  readonly ids: readonly NodeId[];
  readonly violations: DriverViolation[] = [];
  readonly stats: ClusterStats = { events: 0, steps: 0, messagesDelivered: 0 };
  readonly tickMs: number;
  private readonly queue = new TaggedEventQueue<unknown>();
  /** Indexed by node id (1..n). */
  private readonly slots: (Slot | undefined)[] = [];
  private readonly tracing: boolean;
  private readonly snapshotEvery: number | null;
  private readonly root: Prng;
  private readonly tickPhase: Prng;
  private readonly observers: ClusterObserver[];
  private readonly plugins: ClusterPlugin[] = [];
  private nextMessageId = 1;
  private incarnations = 0;
  private readonly rates: ReadonlyMap<NodeId, number> | null;

  constructor(private readonly opts: ClusterOptions) {
    if (!Number.isInteger(opts.nodes) || opts.nodes < 1 || opts.nodes > 999) throw new RangeError(`nodes must be an integer in [1, 999], got ${opts.nodes}`);
    this.root = new Prng(opts.seed);
    this.tickPhase = this.root.fork('tick-phase');
    this.tickMs = opts.tickMs ?? 10;
    this.trace = new TraceRecorder(opts.trace ?? 'full');
    this.tracing = this.trace.enabled;
    this.snapshotEvery = opts.snapshotEveryEntries ?? null;
    this.network = new Network<WireMessage>(this.root.fork('network'), isReplyMessage, opts.network ?? RELIABLE);
    this.observers = [...(opts.observers ?? [])];
    this.ids = Array.from({ length: opts.nodes }, (_, i) => i + 1);
    const rates = opts.clockRates;
    this.rates = rates === undefined ? null : typeof rates === 'function' ? new Map(this.ids.map((id) => [id, rates(id)])) : drawClockRates(this.root.fork('clock-rate'), this.ids, rates);
    for (const id of this.ids) {
      this.slots[id] = { id, node: null, disk: new RaftDisk(), stateMachine: this.newStateMachine(id), epoch: 0, ticker: null, appliedIndex: 0, snapshotIndex: 0, role: 'follower', term: 0, commit: 0 };
      this.boot(id);
    }
  }

  // ---- time ------------------------------------------------------------------------------------

  /** Node `id`'s clock rate in per mille of true time (1000 = nominal). */
  clockRatePerMille(id: NodeId): number {
    return this.rates?.get(id) ?? NOMINAL_RATE_PER_MILLE;
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  /** Process every event up to now + ms, then set the clock to exactly that time. */
  runForMs(ms: number): void {
    const deadline = this.clock.nowMs() + ms;
    while (this.queue.peekTimeMs() <= deadline) this.processNext();
    this.clock.advanceToMs(deadline);
  }

  /** Run until `done()` holds (checked after every event) or `timeoutMs` pass. Returns whether it held. */
  runUntil(done: () => boolean, timeoutMs: number): boolean {
    if (done()) return true;
    const deadline = this.clock.nowMs() + timeoutMs;
    while (this.queue.peekTimeMs() <= deadline) {
      this.processNext();
      if (done()) return true;
    }
    this.clock.advanceToMs(deadline);
    return done();
  }

  /** Schedule a callback in virtual time (client timers and scripted actions). */
  schedule(delayMs: number, run: () => void): void {
    this.queue.push(this.clock.nowMs() + delayMs, TIMER, 0, run);
  }

  private processNext(): void {
    const q = this.queue;
    q.pop();
    this.clock.advanceToMs(q.poppedAtMs);
    this.stats.events++;
    const ref = q.poppedRef;
    q.poppedRef = undefined;
    switch (q.poppedTag) {
      case TICK: {
        const slot = ref as Slot;
        const epoch = q.poppedNum;
        if (slot.node === null || slot.epoch !== epoch) return;
        q.push(slot.ticker!.next(), TICK, epoch, slot);
        this.stepSlot(slot, TICK_INPUT);
        return;
      }
      case DELIVER:
        return this.deliver(q.poppedNum, ref as WireMessage);
      case TIMER:
        return (ref as () => void)();
      default:
        throw new Error(`unexpected event tag ${q.poppedTag}`);
    }
  }

  // ---- nodes -------------------------------------------------------------------------------------

  private newStateMachine(id: NodeId): StateMachine {
    return this.opts.stateMachineFor?.(id) ?? new AppliedLogStateMachine();
  }

  private boot(id: NodeId): void {
    const slot = this.slots[id]!;
    const incarnation = this.incarnations++;
    const config: RaftConfig = {
      id,
      voters: this.opts.voters ?? this.ids,
      electionTicks: this.opts.electionTicks ?? DEFAULT_TIMING.electionTicks,
      heartbeatTicks: this.opts.heartbeatTicks ?? DEFAULT_TIMING.heartbeatTicks,
      maxEntriesPerMessage: this.opts.maxEntriesPerMessage ?? DEFAULT_TIMING.maxEntriesPerMessage,
      preVote: this.opts.preVote ?? false,
      checkQuorum: this.opts.checkQuorum ?? false,
      readOnly: this.opts.readOnly ?? 'safe',
      clockDriftBound: this.opts.clockDriftBound,
      noOpOnElection: this.opts.noOpOnElection ?? true,
      rng: this.root.fork(`node/${id}/${incarnation}`),
    };
    const hooks = withHooks(this.opts.hooksFor?.(id) ?? {});
    const disk = slot.disk.read();
    const node = this.opts.nodeFactory?.(config, hooks, disk) ?? new RaftNode(config, hooks, disk);
    slot.node = node;
    slot.epoch++;
    slot.stateMachine = this.newStateMachine(id);
    slot.appliedIndex = 0;
    slot.snapshotIndex = 0;
    const t = this.clock.nowMs();
    const snap = node.snapshot();
    if (snap !== null) {
      slot.stateMachine.restore(snap.data);
      slot.appliedIndex = snap.meta.index;
      slot.snapshotIndex = snap.meta.index;
      for (const o of this.observers) o.onRestoreSnapshot?.(t, id, snap.meta.index, snap.meta.term);
    }
    slot.role = node.role();
    slot.term = node.term();
    slot.commit = node.commitIndex();
    this.trace.record({ t, k: 'role', node: id, role: slot.role, term: slot.term });
    slot.ticker = new LocalTicker(t + this.tickPhase.range(1, this.tickMs), this.tickMs, this.clockRatePerMille(id));
    this.queue.push(slot.ticker.next(), TICK, slot.epoch, slot);
  }

  /** Step a live node and carry out its Ready. */
  private stepNode(id: NodeId, input: Parameters<ConsensusNode['step']>[0]): Ready {
    return this.stepSlot(this.slots[id]!, input);
  }

  private stepSlot(slot: Slot, input: Parameters<ConsensusNode['step']>[0]): Ready {
    const node = slot.node!;
    this.stats.steps++;
    const ready = node.step(input);
    this.handleReady(slot.id, slot, node, ready);
    return ready;
  }

  private handleReady(id: NodeId, slot: Slot, node: RaftNode, rd: Ready): void {
    const t = this.clock.nowMs();
    const tracing = this.tracing;
    const observers = this.observers;
    // 1. Persist (snapshot, entries, hard state) — before anything leaves the node.
    const snapshot = rd.snapshot;
    const toPersist = rd.entriesToPersist;
    slot.disk.write(snapshot, toPersist, rd.hardState);
    if (snapshot !== null && tracing) {
      const index = snapshot.snapshot.meta.index;
      const installed = snapshot.installed;
      if (typeof index === 'number' && typeof installed === 'boolean') this.trace.snapshot(t, id, index, installed);
      else this.trace.record({ t, k: 'snapshot', node: id, index, installed });
    }
    if (observers.length !== 0 && toPersist !== null && toPersist.entries.length > 0) {
      const prevTerm = slot.disk.termAt(toPersist.fromIndex - 1) ?? 0;
      for (let i = 0; i < observers.length; i++) observers[i]!.onPersist?.(t, id, toPersist.entries, prevTerm);
    }
    // 2. Report state changes.
    const role = node.role();
    const term = node.term();
    if (role !== slot.role || term !== slot.term) {
      const leadershipChanged = role !== slot.role && (role === 'leader' || slot.role === 'leader');
      slot.role = role;
      slot.term = term;
      if (tracing) {
        if (typeof term === 'number' && typeof role === 'string') this.trace.role(t, id, this.trace.code(role), term);
        else this.trace.record({ t, k: 'role', node: id, role, term });
      }
      if (leadershipChanged || role === 'leader') for (let i = 0; i < this.plugins.length; i++) this.plugins[i]!.onLeadershipChange(id);
    }
    for (let i = 0; i < observers.length; i++) observers[i]!.onStep?.(t, id, role, term, node.log());
    const commit = node.commitIndex();
    if (commit > slot.commit) {
      slot.commit = commit;
      if (tracing) {
        if (typeof commit === 'number') this.trace.commit(t, id, commit);
        else this.trace.record({ t, k: 'commit', node: id, index: commit });
      }
      for (let i = 0; i < observers.length; i++) observers[i]!.onCommit?.(t, id, commit, term, node.log(), this);
    } else if (commit < slot.commit) slot.commit = commit;
    if (rd.proposed !== null && tracing) {
      const { index, term: proposedTerm } = rd.proposed;
      if (typeof index === 'number' && typeof proposedTerm === 'number') this.trace.propose(t, id, index, proposedTerm);
      else this.trace.record({ t, k: 'propose', node: id, index, term: proposedTerm });
    }
    // 3. Send, checking that what each message promises is on disk.
    const messages = rd.messages;
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i]!;
      this.checkDurable(id, slot.disk, m);
      this.send(m);
    }
    // 4. Apply: an installed snapshot first, then committed entries in order.
    if (snapshot !== null && snapshot.installed) {
      const meta = snapshot.snapshot.meta;
      slot.stateMachine.restore(snapshot.snapshot.data);
      slot.appliedIndex = meta.index;
      slot.snapshotIndex = meta.index;
      for (const o of observers) o.onRestoreSnapshot?.(t, id, meta.index, meta.term);
    } else if (snapshot !== null) {
      slot.snapshotIndex = snapshot.snapshot.meta.index;
    }
    const committed = rd.committed;
    if (committed.length !== 0) {
      const plugins = this.plugins;
      for (let i = 0; i < committed.length; i++) {
        const e = committed[i]!;
        const result = slot.stateMachine.apply(e);
        slot.appliedIndex = e.index;
        for (let k = 0; k < observers.length; k++) observers[k]!.onApply?.(t, id, e);
        for (let j = 0; j < plugins.length; j++) plugins[j]!.onApplied(id, e, result);
      }
    }
    const readStates = rd.readStates;
    for (let i = 0; i < readStates.length; i++) for (let j = 0; j < this.plugins.length; j++) this.plugins[j]!.onReadState(id, readStates[i]!);
    // 5. Compact when the application has applied enough since the last snapshot.
    const every = this.snapshotEvery;
    if (every !== null && committed.length > 0 && slot.appliedIndex - slot.snapshotIndex >= every && slot.node === node) {
      this.stepSlot(slot, { kind: 'compact', index: slot.appliedIndex, data: slot.stateMachine.snapshot() });
    }
  }

  /** Persist-before-send: a message may only promise what the sender's disk already holds. */
  private checkDurable(id: NodeId, disk: RaftDisk, m: Message): void {
    const hs = disk.hardState();
    const durableTerm = hs?.term ?? 0;
    const preVoteTraffic = (m.type === 'RequestVote' || m.type === 'RequestVoteResponse') && m.preVote;
    if (!preVoteTraffic && m.term > durableTerm) {
      this.violation(id, 'persist-before-send', `${m.type} to ${m.to} carries term ${m.term} but the durable term is ${durableTerm}`);
    }
    if (m.type === 'RequestVoteResponse' && m.voteGranted && !m.preVote && (hs?.vote !== m.to || hs.term !== m.term)) {
      this.violation(id, 'persist-before-send', `vote for ${m.to} in term ${m.term} sent before it was durable (disk has term ${hs?.term ?? 0}, vote ${hs?.vote ?? 'none'})`);
    }
    if (m.type === 'AppendEntriesResponse' && m.success && m.matchIndex > disk.lastIndex()) {
      this.violation(id, 'persist-before-send', `acknowledged entries through ${m.matchIndex} but the disk holds only ${disk.lastIndex()}`);
    }
  }

  private violation(node: NodeId, rule: string, detail: string): void {
    const t = this.clock.nowMs();
    this.violations.push({ tMs: t, node, rule, detail });
    this.trace.record({ t, k: 'verdict', checker: rule, ok: false, detail: `node ${node}: ${detail}` });
  }

  // ---- network ------------------------------------------------------------------------------------

  /** Hand a message to the network (Raft traffic from the driver, client traffic from plugins). */
  send(m: WireMessage): void {
    const id = this.nextMessageId++;
    const t = this.clock.nowMs();
    if (this.tracing) traceSend(this.trace, t, id, m);
    const network = this.network;
    const copies = network.decide(m.from, m.to, isReplyMessage(m));
    if (copies === 0) {
      if (this.tracing) this.trace.drop(t, id, network.lastDrop);
      return;
    }
    this.queue.push(t + network.delay0, DELIVER, id, m);
    if (copies === 2) this.queue.push(t + network.delay1, DELIVER, id, m);
  }

  private deliver(id: number, m: WireMessage): void {
    const t = this.clock.nowMs();
    if (!this.network.connected(m.from, m.to)) {
      if (this.tracing) this.trace.drop(t, id, 'partition');
      return;
    }
    if (m.type === 'ClientReply') {
      if (this.tracing) this.trace.recv(t, id);
      for (let i = 0; i < this.plugins.length; i++) this.plugins[i]!.onClientReply(m);
      return;
    }
    const slot = this.slots[m.to];
    if (slot === undefined || slot.node === null) {
      if (this.tracing) this.trace.drop(t, id, 'down');
      return;
    }
    if (this.tracing) this.trace.recv(t, id);
    this.stats.messagesDelivered++;
    if (m.type === 'ClientRequest') {
      for (let i = 0; i < this.plugins.length; i++) this.plugins[i]!.onServerRequest(m.to, m);
      return;
    }
    this.stepSlot(slot, { kind: 'message', message: m });
  }

  // ---- client-facing actions ---------------------------------------------------------------------

  attach(plugin: ClusterPlugin): void {
    this.plugins.push(plugin);
  }

  addObserver(observer: ClusterObserver): void {
    this.observers.push(observer);
  }

  /** Propose at `node` (default: the current leader). Returns where the entry went, or null. */
  propose(data: Json, node: NodeId | null = this.leader()): LogPosition | null {
    if (node === null || this.slots[node]?.node == null) return null;
    return this.stepNode(node, { kind: 'propose', data }).proposed;
  }

  /** Ask `node` for a ReadIndex; the answer arrives through ClusterPlugin.onReadState. */
  readIndex(node: NodeId, requestId: number): void {
    if (this.slots[node]?.node == null) return;
    this.stepNode(node, { kind: 'readIndex', requestId });
  }

  // ---- faults ---------------------------------------------------------------------------------------

  crash(id: NodeId): void {
    const slot = this.slot(id);
    if (slot.node === null) return;
    slot.node = null;
    slot.epoch++;
    slot.role = 'follower';
    const t = this.clock.nowMs();
    this.trace.record({ t, k: 'fault', fault: 'crash', node: id });
    for (const o of this.observers) o.onCrash?.(t, id);
    for (const p of this.plugins) p.onCrash(id);
  }

  /** Restart from the disk only: volatile state (role, commit beyond the durable one, progress, state machine) is rebuilt. */
  restart(id: NodeId): void {
    const slot = this.slot(id);
    if (slot.node !== null) this.crash(id);
    this.trace.record({ t: this.clock.nowMs(), k: 'fault', fault: 'restart', node: id });
    this.boot(id);
  }

  /**
   * Fire a live non-leader's election timer now, as if its randomized timeout had just expired: it
   * is ticked at this instant until it campaigns (a directed election for scripted scenarios such
   * as Figure 8). Returns whether it campaigned (false for a leader, a crashed node, or a timer hook
   * that never fires).
   */
  expireElectionTimer(id: NodeId): boolean {
    const slot = this.slot(id);
    const node = slot.node;
    if (node === null || node.role() === 'leader') return false;
    const limit = 10 * (this.opts.electionTicks ?? DEFAULT_TIMING.electionTicks);
    for (let i = 0; i < limit; i++) {
      const ready = this.stepNode(id, { kind: 'tick' });
      if (slot.node !== node) return false;
      if (node.role() === 'leader' || ready.messages.some((m) => m.type === 'RequestVote')) return true;
    }
    return false;
  }

  partition(groups: readonly (readonly NodeId[])[]): void {
    this.network.partition(groups);
    this.trace.record({ t: this.clock.nowMs(), k: 'fault', fault: 'partition', groups: this.network.groups() });
  }

  /** Cut one node off from every other node (clients still reach it). */
  isolate(id: NodeId): void {
    this.partition([[id], this.ids.filter((x) => x !== id)]);
  }

  heal(): void {
    this.network.heal();
    this.trace.record({ t: this.clock.nowMs(), k: 'fault', fault: 'heal' });
  }

  setNetwork(profile: NetworkProfile): void {
    this.network.setProfile(profile);
    this.trace.record({ t: this.clock.nowMs(), k: 'fault', fault: 'network', profile: profile.name });
  }

  // ---- inspection -------------------------------------------------------------------------------------

  private slot(id: NodeId): Slot {
    const s = this.slots[id];
    if (s === undefined) throw new RangeError(`no node ${id}`);
    return s;
  }

  isUp(id: NodeId): boolean {
    return this.slot(id).node !== null;
  }

  /** The live node (null when crashed), for reading its state. */
  node(id: NodeId): RaftNode | null {
    return this.slot(id).node;
  }

  stateMachine(id: NodeId): StateMachine {
    return this.slot(id).stateMachine;
  }

  appliedIndex(id: NodeId): number {
    return this.slot(id).appliedIndex;
  }

  disk(id: NodeId): RaftDisk {
    return this.slot(id).disk;
  }

  /** Live leaders, highest term first. */
  leaders(): NodeId[] {
    return this.ids.filter((id) => this.slot(id).node?.role() === 'leader').sort((a, b) => this.slot(b).node!.term() - this.slot(a).node!.term() || a - b);
  }

  /** The live leader with the highest term, or null. */
  leader(): NodeId | null {
    return this.leaders()[0] ?? null;
  }

  /** A leader that the given nodes (default: all live ones) all follow, in its term: a stable leader. */
  agreedLeader(among: readonly NodeId[] = this.ids.filter((id) => this.isUp(id))): NodeId | null {
    const l = this.leader();
    if (l === null || !among.includes(l)) return null;
    const term = this.slot(l).node!.term();
    for (const id of among) {
      const n = this.slot(id).node;
      if (n === null || n.term() !== term || n.leaderId() !== l) return null;
    }
    return l;
  }

  /** RPCs sent so far (requests only, as the classic lab counts them). */
  rpcCount(): number {
    return this.network.stats.requestsSent;
  }

  // DiskView
  nodeIds(): readonly NodeId[] {
    return this.ids;
  }
  diskTermAt(node: NodeId, index: number): number | undefined {
    return this.slot(node).disk.termAt(index);
  }
  diskSnapshotIndex(node: NodeId): number {
    return this.slot(node).disk.snapshotIndex();
  }

  traceEvents(): readonly TraceEvent[] {
    return this.trace.events;
  }
}

function isReplyMessage(m: WireMessage): boolean {
  return m.type === 'ClientReply' || (m.type !== 'ClientRequest' && isResponse(m));
}

/** The trace's `send` record for a message (see the schema in engine/sim/README.md). */
function traceSend(trace: TraceRecorder, t: number, id: number, m: WireMessage): void {
  // The compact log holds numbers: a message with a field of another type (a learner's bug) is recorded as an object.
  if (typeof m.from !== 'number' || typeof m.to !== 'number') return trace.record(sendEvent(t, id, m));
  switch (m.type) {
    case 'RequestVote':
      if (typeof m.term !== 'number') break;
      return trace.send(t, id, m.from, m.to, trace.code(m.preVote ? 'PreVote' : 'RequestVote'), m.term);
    case 'RequestVoteResponse':
      if (typeof m.term !== 'number' || typeof m.voteGranted !== 'boolean') break;
      return trace.sendOk(t, id, m.from, m.to, trace.code(m.preVote ? 'PreVoteResponse' : 'RequestVoteResponse'), m.term, m.voteGranted);
    case 'AppendEntries':
      if (typeof m.term !== 'number' || typeof m.entries.length !== 'number') break;
      return trace.sendN(t, id, m.from, m.to, trace.code(m.type), m.term, m.entries.length);
    case 'AppendEntriesResponse':
      if (typeof m.term !== 'number' || typeof m.success !== 'boolean') break;
      return trace.sendOk(t, id, m.from, m.to, trace.code(m.type), m.term, m.success);
    case 'InstallSnapshot':
    case 'InstallSnapshotResponse':
      if (typeof m.term !== 'number') break;
      return trace.send(t, id, m.from, m.to, trace.code(m.type), m.term);
    case 'ClientRequest':
    case 'ClientReply':
      return trace.send(t, id, m.from, m.to, trace.code(m.type), 0);
    default:
      break;
  }
  trace.record(sendEvent(t, id, m));
}

function sendEvent(t: number, id: number, m: WireMessage): TraceEvent {
  switch (m.type) {
    case 'RequestVote':
      return { t, k: 'send', id, from: m.from, to: m.to, type: m.preVote ? 'PreVote' : 'RequestVote', term: m.term };
    case 'RequestVoteResponse':
      return { t, k: 'send', id, from: m.from, to: m.to, type: m.preVote ? 'PreVoteResponse' : 'RequestVoteResponse', term: m.term, ok: m.voteGranted };
    case 'AppendEntries':
      return { t, k: 'send', id, from: m.from, to: m.to, type: m.type, term: m.term, n: m.entries.length };
    case 'AppendEntriesResponse':
      return { t, k: 'send', id, from: m.from, to: m.to, type: m.type, term: m.term, ok: m.success };
    case 'InstallSnapshot':
    case 'InstallSnapshotResponse':
      return { t, k: 'send', id, from: m.from, to: m.to, type: m.type, term: m.term };
    case 'ClientRequest':
    case 'ClientReply':
      return { t, k: 'send', id, from: m.from, to: m.to, type: m.type, term: 0 };
    default:
      return assertNever(m, 'message');
  }
}
