/**
 * The world of the cap-register lab: three replicas (A, B, C) of the learner's class on engine/sim's
 * seeded network and virtual clock, clients that read and write through them, partitions, heals,
 * and a record of every operation (for the linearizability checker in CP mode, for availability
 * and convergence checks in AP mode). Deterministic: a run is a function of the seed.
 */
import { VirtualClock } from '../../engine/sim/clock';
import { EventQueue } from '../../engine/sim/event-queue';
import { Network } from '../../engine/sim/network';
import { RELIABLE, type NetworkProfile } from '../../engine/sim/network-profile';
import type { Prng } from '../../engine/sim/prng';
import type { Operation } from '../../engine/check/history';
import type { RegisterInput, RegisterOutput } from '../../engine/check/models/register-model';
import type { Mode, PeerMessage, ReadResult, ReplicaEnv, ReplicaId, Stored, Version, WriteResult } from './api';

export const REPLICA_IDS: readonly ReplicaId[] = ['A', 'B', 'C'];

export interface ReplicaLike {
  read(reply: (result: ReadResult) => void): void;
  write(value: number, reply: (result: WriteResult) => void): void;
  receive(from: ReplicaId, message: PeerMessage): void;
  stored(): Stored;
}
export type ReplicaClass = new (env: ReplicaEnv) => ReplicaLike;

export interface OpRecord {
  readonly id: number;
  /** The client that issued it (for the checker); clients of replica A are 100.., B 200.., C 300... */
  readonly client: number;
  readonly at: ReplicaId;
  readonly kind: 'read' | 'write';
  /** The value written (writes only). */
  readonly value: number | null;
  readonly callMs: number;
  returnMs: number | null;
  /** The reply, copied and checked; null while unanswered. */
  result: { ok: true; value: number | null; version: Version } | { ok: false; reason: string } | null;
  /** The replica could reach neither peer for the whole operation (checked when it answered). */
  cutOff: boolean;
  /** The replica's own copy right after it answered. */
  storedAfter: Stored | null;
}

export interface FaultRecord {
  readonly t: number;
  readonly fault: string;
}

export interface ClusterOptions {
  readonly mode: Mode;
  readonly rng: Prng;
  readonly replicaClass: ReplicaClass;
  readonly profile?: NetworkProfile;
  /** Added to the virtual time each replica reads from env.nowMs() (clock skew). */
  readonly clockOffsetsMs?: Partial<Record<ReplicaId, number>>;
  /** Stop with an error after this many events (a timer loop in learner code). */
  readonly maxEvents?: number;
}

interface Envelope {
  readonly from: number;
  readonly to: number;
  readonly message: PeerMessage;
}

type SimEvent =
  | { readonly kind: 'deliver'; readonly envelope: Envelope }
  | { readonly kind: 'timer'; readonly fn: () => void }
  | { readonly kind: 'action'; readonly fn: () => void };

const endpointOf: Record<ReplicaId, number> = { A: 1, B: 2, C: 3 };
const idOf = (endpoint: number): ReplicaId => REPLICA_IDS[endpoint - 1] as ReplicaId;

function isReplyMessage(envelope: Envelope): boolean {
  const m = envelope.message as { type?: unknown } | null;
  return typeof m === 'object' && m !== null && (m.type === 'query-reply' || m.type === 'store-ack');
}

export function compareVersions(a: Version, b: Version): number {
  if (a.counter !== b.counter) return a.counter - b.counter;
  return a.replica < b.replica ? -1 : a.replica > b.replica ? 1 : 0;
}

export function showVersion(v: Version): string {
  return `(${v.counter}, ${v.replica})`;
}

function copyVersion(v: unknown, what: () => string): Version {
  const o = v as { counter?: unknown; replica?: unknown } | null;
  if (typeof o !== 'object' || o === null || typeof o.counter !== 'number' || !Number.isFinite(o.counter) || !REPLICA_IDS.includes(o.replica as ReplicaId)) {
    throw new TypeError(`${what()}: a version must be { counter: number, replica: 'A' | 'B' | 'C' }, got ${JSON.stringify(v)}`);
  }
  return { counter: o.counter, replica: o.replica as ReplicaId };
}

function copyStored(s: unknown, what: () => string): Stored {
  const o = s as { value?: unknown; version?: unknown } | null;
  if (typeof o !== 'object' || o === null || typeof o.value !== 'number') throw new TypeError(`${what()}: expected { value: number, version }, got ${JSON.stringify(s)}`);
  return { value: o.value, version: copyVersion(o.version, what) };
}

/** A fresh, checked copy of a peer message (the network never shares objects between replicas). */
function copyMessage(message: PeerMessage, from: ReplicaId): PeerMessage {
  const m = message as { type?: unknown; opId?: unknown; stored?: unknown } | null;
  // Named only when a message is refused: serializing every message up front cost a tenth of the suite's time.
  const what = () => `replica ${from} sent ${JSON.stringify(message)}`;
  if (typeof m !== 'object' || m === null || typeof m.opId !== 'number') throw new TypeError(`${what()}: a message needs a type and a numeric opId`);
  switch (m.type) {
    case 'query':
    case 'store-ack':
      return { type: m.type, opId: m.opId };
    case 'query-reply':
    case 'store':
      return { type: m.type, opId: m.opId, stored: copyStored(m.stored, what) };
    default:
      throw new TypeError(`${what()}: unknown message type`);
  }
}

export class RegisterCluster {
  readonly clock = new VirtualClock(0);
  readonly mode: Mode;
  readonly ops: OpRecord[] = [];
  readonly faults: FaultRecord[] = [];
  /** Protocol mistakes seen (a reply given twice, a malformed reply): each one fails the test. */
  readonly problems: string[] = [];
  messagesSent = 0;
  private readonly queue = new EventQueue<SimEvent>();
  private readonly network: Network<Envelope>;
  private readonly replicas = new Map<ReplicaId, ReplicaLike>();
  private readonly isolatedSinceMs = new Map<ReplicaId, number | null>();
  private readonly nextClientSlot = new Map<ReplicaId, number>();
  private events = 0;
  private readonly maxEvents: number;
  private nextValue = 1;

  constructor(options: ClusterOptions) {
    this.mode = options.mode;
    this.maxEvents = options.maxEvents ?? 2_000_000;
    this.network = new Network<Envelope>(options.rng.fork('network'), isReplyMessage, options.profile ?? RELIABLE);
    for (const id of REPLICA_IDS) {
      this.isolatedSinceMs.set(id, null);
      this.nextClientSlot.set(id, 0);
      const offset = options.clockOffsetsMs?.[id] ?? 0;
      const env: ReplicaEnv = Object.freeze({
        id,
        peers: Object.freeze(REPLICA_IDS.filter((p) => p !== id)),
        mode: options.mode,
        send: Object.freeze((to: ReplicaId, message: PeerMessage) => this.send(id, to, message)),
        setTimer: Object.freeze((delayMs: number, fn: () => void) => this.setTimer(delayMs, fn)),
        nowMs: Object.freeze(() => this.clock.nowMs() + offset),
      });
      this.replicas.set(id, new options.replicaClass(env));
    }
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  // ---- faults ---------------------------------------------------------------------------------

  /** Split the replicas into groups, e.g. [['A', 'B'], ['C']]; messages only flow inside a group. */
  partition(groups: readonly (readonly ReplicaId[])[]): void {
    this.network.partition(groups.map((g) => g.map((id) => endpointOf[id])));
    this.faults.push({ t: this.nowMs(), fault: `partition ${groups.map((g) => g.join('')).join('|')}` });
    this.updateIsolation();
  }

  heal(): void {
    this.network.heal();
    this.faults.push({ t: this.nowMs(), fault: 'heal' });
    this.updateIsolation();
  }

  setProfile(profile: NetworkProfile): void {
    this.network.setProfile(profile);
    this.faults.push({ t: this.nowMs(), fault: `network ${profile.name}` });
  }

  /** Override one direction of one link (slow or lossy link); null restores the default. */
  setLinkProfile(from: ReplicaId, to: ReplicaId, profile: NetworkProfile | null): void {
    this.network.setLinkProfile(endpointOf[from], endpointOf[to], profile);
    this.faults.push({ t: this.nowMs(), fault: `link ${from}->${to} ${profile === null ? 'default' : profile.name}` });
  }

  /** The current partition, e.g. "AB|C", or "" when whole. */
  partitionLabel(): string {
    return this.network
      .groups()
      .map((g) => g.map(idOf).join(''))
      .join('|');
  }

  connected(a: ReplicaId, b: ReplicaId): boolean {
    return this.network.connected(endpointOf[a], endpointOf[b]);
  }

  private updateIsolation(): void {
    for (const id of REPLICA_IDS) {
      const isolated = REPLICA_IDS.every((p) => p === id || !this.connected(id, p));
      if (!isolated) this.isolatedSinceMs.set(id, null);
      else if (this.isolatedSinceMs.get(id) === null) this.isolatedSinceMs.set(id, this.nowMs());
    }
  }

  // ---- clients --------------------------------------------------------------------------------

  /** A fresh client id at a replica (for the checker: one client has one operation at a time). */
  newClient(at: ReplicaId): number {
    const slot = this.nextClientSlot.get(at)!;
    this.nextClientSlot.set(at, slot + 1);
    return endpointOf[at] * 100 + slot;
  }

  /** A value nobody has written yet. */
  freshValue(): number {
    return this.nextValue++;
  }

  /** Reads through `at` now. The record fills in when the replica answers. */
  read(at: ReplicaId, client = this.newClient(at), onDone?: (op: OpRecord) => void): OpRecord {
    const op = this.newOp(at, client, 'read', null);
    this.call(op, onDone, (reply) => this.replicas.get(at)!.read(reply));
    return op;
  }

  /** Writes through `at` now (a fresh unique value unless given). */
  write(at: ReplicaId, value = this.freshValue(), client = this.newClient(at), onDone?: (op: OpRecord) => void): OpRecord {
    const op = this.newOp(at, client, 'write', value);
    this.call(op, onDone, (reply) => this.replicas.get(at)!.write(value, reply));
    return op;
  }

  /**
   * Closed-loop clients: each issues one operation through its replica, waits for the answer (or
   * gives up after giveUpMs, leaving it pending), thinks, and goes again, until untilMs.
   */
  startClients(options: { perReplica: number; untilMs: number; writePerMille: number; thinkMsMax: number; giveUpMs: number; rng: Prng; replicas?: readonly ReplicaId[] }): void {
    const { rng } = options;
    for (const at of options.replicas ?? REPLICA_IDS) {
      for (let i = 0; i < options.perReplica; i++) {
        const client = this.newClient(at);
        const next = (): void => {
          if (this.nowMs() >= options.untilMs) return;
          let done = false;
          const finish = (): void => {
            if (done) return;
            done = true;
            this.at(this.nowMs() + rng.range(0, options.thinkMsMax), next);
          };
          if (rng.chance(options.writePerMille)) this.write(at, this.freshValue(), client, finish);
          else this.read(at, client, finish);
          this.at(this.nowMs() + options.giveUpMs, finish);
        };
        this.at(this.nowMs() + rng.range(0, options.thinkMsMax), next);
      }
    }
  }

  private newOp(at: ReplicaId, client: number, kind: 'read' | 'write', value: number | null): OpRecord {
    const op: OpRecord = { id: this.ops.length, client, at, kind, value, callMs: this.nowMs(), returnMs: null, result: null, cutOff: false, storedAfter: null };
    this.ops.push(op);
    return op;
  }

  private call(op: OpRecord, onDone: ((op: OpRecord) => void) | undefined, invoke: (reply: (r: unknown) => void) => void): void {
    const what = `${op.kind} #${op.id} at replica ${op.at}`;
    const reply = Object.freeze((result: unknown) => {
      if (op.result !== null) {
        this.problems.push(`${what} was answered twice (at t=${op.returnMs} and t=${this.nowMs()}): call reply exactly once`);
        return;
      }
      try {
        op.result = this.checkResult(op, result);
      } catch (e) {
        this.problems.push(`${what}: ${(e as Error).message}`);
        op.result = { ok: false, reason: 'malformed reply' };
      }
      op.returnMs = this.nowMs();
      const since = this.isolatedSinceMs.get(op.at);
      op.cutOff = since !== null && since !== undefined && since <= op.callMs;
      try {
        op.storedAfter = copyStored(this.replicas.get(op.at)!.stored(), () => `stored() of replica ${op.at}`);
      } catch (e) {
        this.problems.push((e as Error).message);
      }
      onDone?.(op);
    });
    invoke(reply);
  }

  private checkResult(op: OpRecord, result: unknown): NonNullable<OpRecord['result']> {
    const r = result as { ok?: unknown; reason?: unknown; value?: unknown; version?: unknown } | null;
    if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean') throw new TypeError(`a result must be { ok: true, ... } or { ok: false, reason }, got ${JSON.stringify(result)}`);
    if (!r.ok) return { ok: false, reason: String(r.reason ?? '') };
    const version = copyVersion(r.version, () => 'the result');
    if (op.kind === 'write') return { ok: true, value: null, version };
    if (typeof r.value !== 'number') throw new TypeError(`a read result needs a number value, got ${JSON.stringify(r.value)}`);
    return { ok: true, value: r.value, version };
  }

  // ---- the simulation -------------------------------------------------------------------------

  /** Runs a harness action at a virtual time (a fault, a client). */
  at(ms: number, fn: () => void): void {
    this.queue.push(Math.max(ms, this.nowMs()), { kind: 'action', fn });
  }

  stored(id: ReplicaId): Stored {
    return copyStored(this.replicas.get(id)!.stored(), () => `stored() of replica ${id}`);
  }

  runUntilMs(untilMs: number): void {
    while (this.queue.size > 0 && this.queue.peekTimeMs() <= untilMs) {
      if (++this.events > this.maxEvents) throw new Error(`more than ${this.maxEvents} simulation events: is a timer re-arming itself in a tight loop?`);
      const { atMs, event } = this.queue.pop();
      this.clock.advanceToMs(atMs);
      if (event.kind === 'deliver') this.deliver(event.envelope);
      else event.fn();
    }
    if (untilMs > this.nowMs()) this.clock.advanceToMs(untilMs);
  }

  runForMs(ms: number): void {
    this.runUntilMs(this.nowMs() + ms);
  }

  private send(from: ReplicaId, to: ReplicaId, message: PeerMessage): void {
    if (!REPLICA_IDS.includes(to) || to === from) throw new RangeError(`replica ${from} sent to "${String(to)}": send to one of its peers`);
    const copy = copyMessage(message, from);
    this.messagesSent++;
    const envelope: Envelope = { from: endpointOf[from], to: endpointOf[to], message: copy };
    const decision = this.network.send(envelope);
    decision.delaysMs.forEach((delay, i) => {
      // A duplicate is its own copy: a replica that mutates what it received cannot change the other.
      const delivered = i === 0 ? envelope : { ...envelope, message: copyMessage(copy, from) };
      this.queue.push(this.nowMs() + Math.max(1, delay), { kind: 'deliver', envelope: delivered });
    });
  }

  private setTimer(delayMs: number, fn: () => void): void {
    if (typeof fn !== 'function') throw new TypeError('setTimer needs a function');
    const d = Number.isFinite(delayMs) ? Math.max(1, Math.ceil(delayMs)) : 1;
    this.queue.push(this.nowMs() + d, { kind: 'timer', fn });
  }

  private deliver(envelope: Envelope): void {
    // A partition also cuts messages that were in flight when it started.
    if (!this.network.connected(envelope.from, envelope.to)) return;
    this.replicas.get(idOf(envelope.to))!.receive(idOf(envelope.from), envelope.message);
  }

  // ---- records --------------------------------------------------------------------------------

  /**
   * The history for the linearizability checker: refused reads had no effect and are left out;
   * a refused or unanswered write may still have taken effect, so it is pending.
   */
  history(): Operation<RegisterInput, RegisterOutput>[] {
    const out: Operation<RegisterInput, RegisterOutput>[] = [];
    for (const op of this.ops) {
      const ok = op.result !== null && op.result.ok;
      if (op.kind === 'read') {
        if (ok) out.push({ clientId: op.client, input: { type: 'read' }, output: op.result!.ok ? (op.result as { value: number }).value : undefined, callMs: op.callMs, returnMs: op.returnMs });
      } else {
        out.push({ clientId: op.client, input: { type: 'write', value: op.value! }, output: ok ? null : undefined, callMs: op.callMs, returnMs: ok ? op.returnMs : null });
      }
    }
    return out;
  }

  /** A compact, JSON-serializable account for a failing test's trace. */
  traceOf(ops: readonly OpRecord[] = this.ops, limit = 160): { faults: FaultRecord[]; ops: string[] } {
    const shown = ops.length > limit ? ops.slice(ops.length - limit) : ops;
    return { faults: this.faults.slice(), ops: shown.map(describeOp) };
  }
}

export function describeOp(op: OpRecord): string {
  const what = op.kind === 'read' ? 'read()' : `write(${op.value})`;
  const span = `[${op.callMs}, ${op.returnMs ?? '∞'}]`;
  let out: string;
  if (op.result === null) out = 'no answer';
  else if (!op.result.ok) out = `refused (${op.result.reason})`;
  else if (op.kind === 'read') out = `${op.result.value} ${showVersion(op.result.version)}`;
  else out = `ok ${showVersion(op.result.version)}`;
  return `${op.at} ${what} → ${out} ${span}`;
}
