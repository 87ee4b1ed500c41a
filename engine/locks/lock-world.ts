/**
 * A small deterministic world for a lease-based lock with fencing tokens: one lock server, one
 * storage service and 2–6 clients that take the lock, write the keys it protects and release it,
 * in virtual time on engine/sim (seeded Prng, VirtualClock, EventQueue, a NetworkProfile's loss
 * and delay). Faults come from a schedule: GC pauses between building a write and sending it
 * (longer than the lease), forward jumps of the lock server's clock, lost releases, crashes of the
 * lock server and the storage (restarted over their disks) and of clients (for good). After the
 * faults the network heals and the clients keep going, so progress can be checked.
 *
 * Every reply of the code under test is compared with the rules (rules.ts) for the same request at
 * the same clock reading; the first disagreement stops the run and is explained. A run is a pure
 * function of (code, schedule).
 */
import { VirtualClock } from '../sim/clock';
import { EventQueue } from '../sim/event-queue';
import type { NetworkProfile } from '../sim/network-profile';
import { Prng } from '../sim/prng';
import {
  MapDisk,
  type AcquireRequest,
  type LockClientClass,
  type LockClientLike,
  type LockReply,
  type LockServerClass,
  type LockServerLike,
  type ReleaseRequest,
  type RenewRequest,
  type StorageClass,
  type StorageLike,
  type WriteReply,
  type WriteRequest,
} from './protocol';
import { ClientRules, FenceRules, LeaseRules } from './rules';

export type Fault =
  /** The lock server's clock jumps forward by byMs. */
  | { kind: 'jump'; atMs: number; byMs: number }
  /** The client's next write built at or after atMs waits forMs (a stop-the-world GC pause) before it is sent. */
  | { kind: 'pause'; atMs: number; client: number; forMs: number }
  /** The client's next release sent at or after atMs is lost. */
  | { kind: 'lose-release'; atMs: number; client: number }
  | { kind: 'crash-server'; atMs: number; downMs: number }
  | { kind: 'crash-storage'; atMs: number; downMs: number }
  /** The client stops for good, lease or not. */
  | { kind: 'crash-client'; atMs: number; client: number }
  /** The client stops for good right after its first grant at or after atMs, holding the lock. */
  | { kind: 'crash-holder'; atMs: number; client: number };

export interface Schedule {
  /** Seeds the latencies, losses, client timings and clock offsets. */
  worldSeed: number;
  clients: number;
  ttlMs: number;
  /** Loss of every message (requests and replies) during the fault phase, per mille. */
  dropPerMille: number;
  /** One-way delay during the fault phase: 1..delayMsMax. */
  delayMsMax: number;
  faults: Fault[];
}

export const LOCK = 'lock/ledger';
export const KEYS = ['ledger/a', 'ledger/b'] as const;
/** Faults start before this; the heal phase starts once the last one is over. */
export const FAULT_PHASE_MS = 2000;
const HEALED: Pick<NetworkProfile, 'dropRequestPerMille' | 'dropReplyPerMille' | 'delayMsMin' | 'delayMsMax'> = { dropRequestPerMille: 0, dropReplyPerMille: 0, delayMsMin: 1, delayMsMax: 5 };
const RETRY_MS: [number, number] = [20, 60];
const THINK_MS: [number, number] = [10, 60];
const WORK_MS: [number, number] = [5, 25];

export interface LockWorldParts {
  server: LockServerClass;
  storage: StorageClass;
  client: LockClientClass;
}

export interface LockWorldReport {
  /** The first rule broken (the run stops there), or null. */
  violation: string | null;
  /** The last events before the end or the violation, one line each. */
  trace: string[];
  grants: number;
  writesAccepted: number;
  writesFenced: number;
  messages: number;
  healStartMs: number;
  endMs: number;
}

type Event =
  | { kind: 'to-server'; client: number; reqId: number; op: 'acquire'; request: AcquireRequest }
  | { kind: 'to-server'; client: number; reqId: number; op: 'renew'; request: RenewRequest }
  | { kind: 'to-server'; client: number; reqId: number; op: 'release'; request: ReleaseRequest }
  | { kind: 'to-storage'; client: number; reqId: number; request: WriteRequest }
  | { kind: 'reply'; client: number; reqId: number; reply: LockReply | WriteReply }
  | { kind: 'timer'; client: number; epoch: number; what: 'start' | 'work' | 'send-write' | 'timeout'; request?: WriteRequest }
  | { kind: 'fault'; fault: Fault }
  | { kind: 'restart-server' }
  | { kind: 'restart-storage' };

interface ClientState {
  readonly index: number;
  readonly name: string;
  readonly rng: Prng;
  readonly skewMs: number;
  helper: LockClientLike;
  readonly rules: ClientRules;
  state: 'idle' | 'acquiring' | 'renewing' | 'working' | 'writing' | 'crashed';
  /** Bumped on every transition: a timer of an older epoch is stale. */
  epoch: number;
  outstanding: number | null;
  writesLeft: number;
  renewPlanned: boolean;
  round: number;
  grantsAfterHeal: number;
}

class Stop extends Error {}

export function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'jump':
      return `lock server clock jumps +${f.byMs} ms at t=${f.atMs}`;
    case 'pause':
      return `c${f.client} pauses ${f.forMs} ms before its first write after t=${f.atMs}`;
    case 'lose-release':
      return `c${f.client}'s first release after t=${f.atMs} is lost`;
    case 'crash-server':
      return `lock server down t=${f.atMs}..${f.atMs + f.downMs}`;
    case 'crash-storage':
      return `storage down t=${f.atMs}..${f.atMs + f.downMs}`;
    case 'crash-client':
      return `c${f.client} crashes for good at t=${f.atMs}`;
    case 'crash-holder':
      return `c${f.client} crashes for good holding the lock, after its first grant from t=${f.atMs}`;
  }
}

export function describeSchedule(s: Schedule): string {
  const faults = s.faults.length === 0 ? 'no faults' : s.faults.map(describeFault).join(', ');
  return `world seed ${s.worldSeed}, ${s.clients} clients, ttl ${s.ttlMs} ms, loss ${s.dropPerMille}‰, delay 1–${s.delayMsMax} ms; ${faults}`;
}

export function healStartOf(s: Schedule): number {
  let end = FAULT_PHASE_MS;
  for (const f of s.faults) {
    const over = f.kind === 'crash-server' || f.kind === 'crash-storage' ? f.atMs + f.downMs : f.kind === 'pause' ? f.atMs + f.forMs : f.atMs;
    end = Math.max(end, over);
  }
  // A pause may hit a write built up to one lease later; then every lease from the fault phase has run out.
  return end + 2 * s.ttlMs + 100;
}

export class LockWorld {
  readonly clock = new VirtualClock();
  private readonly queue = new EventQueue<Event>();
  private readonly rng: Prng;
  private readonly netRng: Prng;
  private readonly serverDisk = new MapDisk();
  private readonly storageDisk = new MapDisk();
  private server: LockServerLike | null = null;
  private storage: StorageLike | null = null;
  private serverOffsetMs: number;
  private readonly leaseRules = new LeaseRules();
  private readonly fenceRules = new FenceRules();
  private readonly clients: ClientState[] = [];
  private readonly faults: Fault[];
  private readonly lines: string[] = [];
  private nextReqId = 1;
  readonly healStartMs: number;
  readonly endMs: number;
  private grants = 0;
  private writesAccepted = 0;
  private writesFenced = 0;
  private messages = 0;
  private violation: string | null = null;
  /** Who wrote what, for the messages: key → the accepted writes in order. */
  private readonly accepted = new Map<string, { client: string; token: number; atMs: number }[]>();

  constructor(
    readonly schedule: Schedule,
    private readonly parts: LockWorldParts,
  ) {
    this.rng = new Prng(schedule.worldSeed);
    this.netRng = this.rng.fork('network');
    this.serverOffsetMs = 1_000_000 + this.rng.int(1000);
    this.faults = schedule.faults.map((f) => ({ ...f }));
    this.healStartMs = healStartOf(schedule);
    this.endMs = this.healStartMs + schedule.ttlMs + 250 * schedule.clients;
    for (let i = 1; i <= schedule.clients; i++) {
      const rng = this.rng.fork(`client/${i}`);
      const skewMs = 50_000 + rng.range(-5_000, 5_000);
      const name = `c${i}`;
      const clock = { nowMs: () => this.clock.nowMs() + skewMs };
      this.clients.push({
        index: i,
        name,
        rng,
        skewMs,
        helper: undefined as unknown as LockClientLike,
        rules: new ClientRules(name, clock.nowMs),
        state: 'idle',
        epoch: 0,
        outstanding: null,
        writesLeft: 0,
        renewPlanned: false,
        round: 0,
        grantsAfterHeal: 0,
      });
    }
    for (const c of this.clients) {
      const clock = Object.freeze({ nowMs: () => this.clock.nowMs() + c.skewMs });
      c.helper = this.guard(`new LockClient("${c.name}")`, () => new parts.client(c.name, clock));
    }
  }

  /** Runs the whole schedule and checks it; never throws for the code under test's mistakes. */
  run(): LockWorldReport {
    try {
      this.server = this.guard('new LockServer(env)', () => new this.parts.server(this.serverEnv()));
      this.storage = this.guard('new Storage(env)', () => new this.parts.storage({ disk: this.storageDisk }));
      for (const f of this.faults) this.queue.push(f.atMs, { kind: 'fault', fault: f });
      for (const c of this.clients) this.timer(c, c.rng.range(0, 40), 'start');
      while (this.queue.size > 0 && this.queue.peekTimeMs() <= this.endMs) {
        const { atMs, event } = this.queue.pop();
        this.clock.advanceToMs(atMs);
        this.handle(event);
      }
      this.clock.advanceToMs(Math.max(this.clock.nowMs(), this.endMs));
      this.finalChecks();
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
    }
    return {
      violation: this.violation,
      trace: this.lines.slice(-50),
      grants: this.grants,
      writesAccepted: this.writesAccepted,
      writesFenced: this.writesFenced,
      messages: this.messages,
      healStartMs: this.healStartMs,
      endMs: this.endMs,
    };
  }

  private serverEnv() {
    return Object.freeze({ nowMs: () => this.serverNow(), disk: this.serverDisk });
  }

  private serverNow(): number {
    return this.clock.nowMs() + this.serverOffsetMs;
  }

  private log(line: string): void {
    this.lines.push(`t=${this.clock.nowMs()} ${line}`);
    if (this.lines.length > 400) this.lines.splice(0, 200);
  }

  private fail(message: string): never {
    this.violation = `${message} (${describeSchedule(this.schedule)})`;
    this.log(`VIOLATION: ${message}`);
    throw new Stop(message);
  }

  private guard<R>(what: string, body: () => R): R {
    try {
      return body();
    } catch (error) {
      if (error instanceof Stop) throw error;
      const text = error instanceof Error ? error.message : String(error);
      this.fail(`${what} threw at t=${this.clock.nowMs()}: ${text.slice(0, 200)}`);
    }
  }

  private timer(c: ClientState, delayMs: number, what: 'start' | 'work' | 'send-write' | 'timeout', request?: WriteRequest): void {
    this.queue.push(this.clock.nowMs() + delayMs, { kind: 'timer', client: c.index, epoch: c.epoch, what, request });
  }

  private healed(): boolean {
    return this.clock.nowMs() >= this.healStartMs;
  }

  /** Sends a message; its fate (loss, delay) comes from the network stream. */
  private send(event: Event, lost = false): void {
    this.messages++;
    const healed = this.healed();
    const drop = healed ? 0 : this.schedule.dropPerMille;
    const maxDelay = healed ? HEALED.delayMsMax : this.schedule.delayMsMax;
    const delay = this.netRng.range(1, Math.max(1, maxDelay));
    if (lost || this.netRng.chance(drop)) {
      this.log(`${describeEvent(event)} — lost`);
      return;
    }
    this.queue.push(this.clock.nowMs() + delay, event);
  }

  private timeoutMs(): number {
    return 2 * (this.healed() ? HEALED.delayMsMax : this.schedule.delayMsMax) + 10;
  }

  private handle(event: Event): void {
    switch (event.kind) {
      case 'fault':
        return this.onFault(event.fault);
      case 'restart-server':
        this.log('lock server restarts over its disk');
        this.server = this.guard('new LockServer(env) after a restart', () => new this.parts.server(this.serverEnv()));
        return;
      case 'restart-storage':
        this.log('storage restarts over its disk');
        this.storage = this.guard('new Storage(env) after a restart', () => new this.parts.storage({ disk: this.storageDisk }));
        return;
      case 'to-server':
        return this.onServer(event);
      case 'to-storage':
        return this.onStorage(event);
      case 'reply':
        return this.onReply(event);
      case 'timer':
        return this.onTimer(event);
    }
  }

  private onFault(f: Fault): void {
    switch (f.kind) {
      case 'jump':
        this.serverOffsetMs += f.byMs;
        this.log(`lock server clock jumps forward ${f.byMs} ms (now reads ${this.serverNow()})`);
        return;
      case 'crash-server':
        if (this.server === null) return;
        this.server = null;
        this.log('lock server crashes');
        this.queue.push(this.clock.nowMs() + f.downMs, { kind: 'restart-server' });
        return;
      case 'crash-storage':
        if (this.storage === null) return;
        this.storage = null;
        this.log('storage crashes');
        this.queue.push(this.clock.nowMs() + f.downMs, { kind: 'restart-storage' });
        return;
      case 'crash-client': {
        const c = this.clients[f.client - 1];
        if (c === undefined || c.state === 'crashed') return;
        c.state = 'crashed';
        c.epoch++;
        this.log(`${c.name} crashes for good${c.rules.lease() ? ` holding token ${c.rules.lease()!.token}` : ''}`);
        return;
      }
      case 'pause':
      case 'lose-release':
      case 'crash-holder':
        return; // armed: applied when the client gets there
    }
  }

  // ---- the lock server ----

  private onServer(event: Extract<Event, { kind: 'to-server' }>): void {
    const server = this.server;
    const c = this.clients[event.client - 1]!;
    if (server === null) {
      this.log(`${describeEvent(event)} — dropped: lock server down`);
      return;
    }
    const now = this.serverNow();
    const before = this.leaseRules.lease(LOCK);
    const lease = before === undefined ? 'no lease' : `lease ${before.client} token ${before.token} until ${before.expiresAtMs}${now >= before.expiresAtMs ? ' (expired)' : ''}`;
    const where = `at server time ${now} (${lease})`;
    let expected: LockReply | { ok: boolean };
    let actual: unknown;
    if (event.op === 'acquire') {
      expected = this.leaseRules.acquire(event.request, now);
      actual = this.guard(`lockServer.acquire(${show(event.request)})`, () => server.acquire(copy(event.request)));
    } else if (event.op === 'renew') {
      expected = this.leaseRules.renew(event.request, now);
      actual = this.guard(`lockServer.renew(${show(event.request)})`, () => server.renew(copy(event.request)));
    } else {
      expected = this.leaseRules.release(event.request);
      actual = this.guard(`lockServer.release(${show(event.request)})`, () => server.release(copy(event.request)));
    }
    this.log(`lock server ${event.op}(${show(event.request)}) ${where} → ${show(actual)}`);
    if (!sameReply(actual, expected)) this.fail(explainLease(event.op, event.request, before, now, actual, expected, this.leaseRules.lastTokenOf(LOCK)));
    if (event.op === 'acquire' && expected.ok) {
      this.grants++;
      if (this.healed()) c.grantsAfterHeal++;
    }
    if (event.op !== 'release') this.send({ kind: 'reply', client: event.client, reqId: event.reqId, reply: copy(actual as LockReply) });
  }

  // ---- the storage ----

  private onStorage(event: Extract<Event, { kind: 'to-storage' }>): void {
    const storage = this.storage;
    if (storage === null) {
      this.log(`${describeEvent(event)} — dropped: storage down`);
      return;
    }
    const r = event.request;
    const newest = this.fenceRules.newestToken(r.key);
    const expected = this.fenceRules.write(r);
    const actual = this.guard(`storage.write(${show(r)})`, () => storage.write(copy(r)));
    this.log(`storage write(${show(r)}) from c${event.client} (newest accepted on ${r.key}: ${newest ?? 'none'}) → ${show(actual)}`);
    if (!sameReply(actual, expected)) {
      const history = this.accepted.get(r.key) ?? [];
      const last = history[history.length - 1];
      if (expected.ok === false && isObject(actual) && actual.ok === true) {
        this.fail(
          `stale write accepted: c${event.client}'s write to ${r.key} with token ${r.token} was accepted after token ${newest} had been accepted there` +
            (last ? ` (${last.client} at t=${last.atMs})` : '') +
            `. The storage must refuse a token older than the newest it has accepted for the key, across its own restarts (Kleppmann 2016, "Making the lock safe with fencing")`,
        );
      }
      if (expected.ok === true) {
        this.fail(`storage refused c${event.client}'s write to ${r.key} with token ${r.token}, but the newest token accepted there is ${newest ?? 'none'}: only older tokens are fenced off (an equal token is the same holder writing again). It answered ${show(actual)}`);
      }
      this.fail(`storage.write(${show(r)}) answered ${show(actual)}, expected ${show(expected)}: a refusal names the newest token accepted for the key`);
    }
    if (expected.ok) {
      this.writesAccepted++;
      const list = this.accepted.get(r.key) ?? [];
      list.push({ client: `c${event.client}`, token: r.token, atMs: this.clock.nowMs() });
      this.accepted.set(r.key, list);
    } else {
      this.writesFenced++;
    }
    this.send({ kind: 'reply', client: event.client, reqId: event.reqId, reply: copy(actual as WriteReply) });
  }

  // ---- clients ----

  private helperCall<R>(c: ClientState, what: string, body: () => R): R {
    return this.guard(`${c.name}: lockClient.${what}`, body);
  }

  private startRound(c: ClientState): void {
    if (c.state === 'crashed') return;
    c.round++;
    c.epoch++;
    const ttl = this.schedule.ttlMs;
    const expected = c.rules.acquire(LOCK, ttl);
    const request = this.helperCall(c, `acquire("${LOCK}", ${ttl})`, () => c.helper.acquire(LOCK, ttl));
    if (!sameReply(request, expected)) this.fail(`${c.name}: lockClient.acquire("${LOCK}", ${ttl}) returned ${show(request)}, expected ${show(expected)} (sentAtMs is the client's own clock)`);
    c.state = 'acquiring';
    const reqId = this.nextReqId++;
    c.outstanding = reqId;
    this.log(`${c.name} round ${c.round}: sends acquire (client clock ${expected.sentAtMs})`);
    this.send({ kind: 'to-server', client: c.index, reqId, op: 'acquire', request: copy(expected) });
    this.timer(c, this.timeoutMs(), 'timeout');
  }

  private afterRound(c: ClientState, delayMs: number): void {
    c.state = 'idle';
    c.outstanding = null;
    c.epoch++;
    this.timer(c, delayMs, 'start');
  }

  private checkHolds(c: ClientState): boolean {
    const expected = c.rules.holds();
    const actual = this.helperCall(c, 'holds()', () => c.helper.holds());
    if (actual !== expected) {
      const lease = c.rules.lease();
      const clientNow = this.clock.nowMs() + c.skewMs;
      this.fail(
        `${c.name}: lockClient.holds() returned ${show(actual)} at client time ${clientNow}, expected ${expected}: ` +
          (lease === null
            ? 'the client has no lease (its last acquire or renew was refused, or it released)'
            : `the lease (token ${lease.token}) is valid until ${lease.validUntilMs} = the client's clock when it SENT the request that got it + ttlMs; the time the reply arrived does not count (Redlock's validity time)`),
      );
    }
    return expected;
  }

  private doWork(c: ClientState): void {
    c.epoch++;
    if (c.renewPlanned && c.writesLeft === 1) {
      c.renewPlanned = false;
      const ttl = this.schedule.ttlMs;
      const expected = c.rules.renew(ttl);
      const request = this.helperCall(c, `renew(${ttl})`, () => c.helper.renew(ttl));
      if (!sameReply(request, expected)) this.fail(`${c.name}: lockClient.renew(${ttl}) returned ${show(request)}, expected ${show(expected)}`);
      if (expected !== null) {
        c.state = 'renewing';
        const reqId = this.nextReqId++;
        c.outstanding = reqId;
        this.send({ kind: 'to-server', client: c.index, reqId, op: 'renew', request: copy(expected) });
        this.timer(c, this.timeoutMs(), 'timeout');
        return;
      }
    }
    if (!this.checkHolds(c)) {
      this.log(`${c.name} sees its lease has run out`);
      this.finishRound(c);
      return;
    }
    const key = KEYS[c.rng.int(KEYS.length)]!;
    const value = `${c.name}#${c.round}.${c.writesLeft}`;
    const expected = c.rules.write(key, value);
    const request = this.helperCall(c, `write("${key}", "${value}")`, () => c.helper.write(key, value));
    if (!sameReply(request, expected)) this.fail(`${c.name}: lockClient.write("${key}", "${value}") returned ${show(request)}, expected ${show(expected)}: a write carries the token of the client's current lease`);
    c.state = 'writing';
    const pause = this.faults.findIndex((f) => f.kind === 'pause' && f.client === c.index && this.clock.nowMs() >= f.atMs);
    let delay = 0;
    if (pause >= 0) {
      const f = this.faults[pause] as Extract<Fault, { kind: 'pause' }>;
      this.faults.splice(pause, 1);
      delay = f.forMs;
      this.log(`${c.name} built its write (token ${expected.token}) and pauses ${delay} ms (GC)`);
    }
    this.timer(c, delay, 'send-write', expected);
  }

  private finishRound(c: ClientState): void {
    const expected = c.rules.release();
    const request = this.helperCall(c, 'release()', () => c.helper.release());
    if (!sameReply(request, expected)) this.fail(`${c.name}: lockClient.release() returned ${show(request)}, expected ${show(expected)}: the release names the current lease's lock, client and token (null without a lease)`);
    if (expected !== null) {
      const lose = this.faults.findIndex((f) => f.kind === 'lose-release' && f.client === c.index && this.clock.nowMs() >= f.atMs);
      if (lose >= 0) this.faults.splice(lose, 1);
      this.send({ kind: 'to-server', client: c.index, reqId: this.nextReqId++, op: 'release', request: copy(expected) }, lose >= 0);
    }
    this.afterRound(c, c.rng.range(...THINK_MS));
  }

  private onTimer(event: Extract<Event, { kind: 'timer' }>): void {
    const c = this.clients[event.client - 1]!;
    if (c.state === 'crashed' || event.epoch !== c.epoch) return;
    switch (event.what) {
      case 'start':
        if (this.clock.nowMs() > this.endMs - 50) return;
        return this.startRound(c);
      case 'work':
        return this.doWork(c);
      case 'send-write': {
        const reqId = this.nextReqId++;
        c.outstanding = reqId;
        this.send({ kind: 'to-storage', client: c.index, reqId, request: event.request! });
        this.timer(c, this.timeoutMs(), 'timeout');
        return;
      }
      case 'timeout':
        c.outstanding = null;
        if (c.state === 'acquiring') return this.afterRound(c, c.rng.range(...RETRY_MS));
        if (c.state === 'renewing' || c.state === 'writing') {
          if (c.state === 'writing') c.writesLeft--;
          if (c.writesLeft <= 0) return this.finishRound(c);
          c.state = 'working';
          c.epoch++;
          return this.timer(c, c.rng.range(...WORK_MS), 'work');
        }
        return;
    }
  }

  private onReply(event: Extract<Event, { kind: 'reply' }>): void {
    const c = this.clients[event.client - 1]!;
    if (c.state === 'crashed' || event.reqId !== c.outstanding) return;
    c.outstanding = null;
    c.epoch++;
    if (c.state === 'acquiring' || c.state === 'renewing') {
      const reply = event.reply as LockReply;
      c.rules.granted(reply);
      this.helperCall(c, `granted(${show(reply)})`, () => c.helper.granted(copy(reply)));
      if (reply.ok) {
        const crash = this.faults.findIndex((f) => f.kind === 'crash-holder' && f.client === c.index && this.clock.nowMs() >= f.atMs);
        if (c.state === 'acquiring' && crash >= 0) {
          this.faults.splice(crash, 1);
          c.state = 'crashed';
          c.epoch++;
          this.log(`${c.name} crashes for good holding token ${reply.token}`);
          return;
        }
        if (c.state === 'acquiring') {
          c.writesLeft = 1 + c.rng.int(2);
          c.renewPlanned = c.writesLeft === 2 && c.rng.chance(400);
        }
        this.log(`${c.name} ${c.state === 'acquiring' ? 'got the lock' : 'renewed'}: token ${reply.token}`);
        c.state = 'working';
        this.timer(c, c.rng.range(...WORK_MS), 'work');
      } else {
        this.afterRound(c, c.rng.range(...RETRY_MS));
      }
      return;
    }
    if (c.state === 'writing') {
      const reply = event.reply as WriteReply;
      c.writesLeft--;
      if (!reply.ok) {
        this.log(`${c.name} was fenced off (newest token ${reply.newestToken})`);
        c.rules.release();
        this.helperCall(c, 'release()', () => c.helper.release());
        return this.afterRound(c, c.rng.range(...THINK_MS));
      }
      if (c.writesLeft <= 0) return this.finishRound(c);
      c.state = 'working';
      this.timer(c, c.rng.range(...WORK_MS), 'work');
    }
  }

  private finalChecks(): void {
    // Progress: after the faults, every client still running gets the lock (released or expired leases free it).
    const waiting = this.clients.filter((c) => c.state !== 'crashed' && c.grantsAfterHeal === 0);
    if (waiting.length > 0) {
      const lease = this.leaseRules.lease(LOCK);
      this.fail(
        `no progress: ${waiting.map((c) => c.name).join(', ')} never got the lock in the ${this.endMs - this.healStartMs} ms after the faults ended (t=${this.healStartMs}..${this.endMs}), ` +
          `${this.grants} grants in all; ${lease ? `the rules' last lease: ${lease.client} token ${lease.token} until server time ${lease.expiresAtMs}` : 'no lease is live by the rules'}. A released or expired lease must let the next acquire through`,
      );
    }
    // Durability: what the storage accepted survives its restarts.
    const storage = this.storage ?? this.guard('new Storage(env) after a restart', () => new this.parts.storage({ disk: this.storageDisk }));
    for (const key of this.fenceRules.keys()) {
      const want = this.fenceRules.read(key);
      const got = this.guard(`storage.read("${key}")`, () => storage.read(key));
      if (got !== want) this.fail(`storage.read("${key}") is ${show(got)} at the end, but the last write accepted there was ${show(want)}: keep values on the disk`);
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function copy<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Compact JSON for messages (undefined shown as such). */
export function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  try {
    const s = JSON.stringify(v);
    return s.length > 160 ? `${s.slice(0, 157)}...` : s;
  } catch {
    return String(v);
  }
}

/** Replies and requests compare as JSON with sorted keys (extra fields count as a difference). */
export function sameReply(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (!isObject(v)) return JSON.stringify(v) ?? String(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v)
    .filter((k) => v[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
    .join(',')}}`;
}

function describeEvent(e: Event): string {
  switch (e.kind) {
    case 'to-server':
      return `c${e.client} → lock server: ${e.op}(${show(e.request)})`;
    case 'to-storage':
      return `c${e.client} → storage: write(${show(e.request)})`;
    case 'reply':
      return `reply to c${e.client}: ${show(e.reply)}`;
    default:
      return e.kind;
  }
}

/** Why a lock server reply breaks the lease rules, in the words of the rule. */
export function explainLease(
  op: 'acquire' | 'renew' | 'release',
  request: AcquireRequest | RenewRequest | ReleaseRequest,
  before: { client: string; token: number; expiresAtMs: number } | undefined,
  nowMs: number,
  actual: unknown,
  expected: { ok: boolean; token?: number; reason?: string },
  lastToken: number,
): string {
  const call = `${op}(${show(request)}) at server time ${nowMs}`;
  const live = before !== undefined && nowMs < before.expiresAtMs;
  const leaseText = before === undefined ? 'no lease' : `${before.client}'s lease (token ${before.token}) ${live ? `live until ${before.expiresAtMs}` : `expired at ${before.expiresAtMs}`}`;
  const got = isObject(actual) ? actual : {};
  const head = `lock server ${call} answered ${show(actual)}, expected ${show(expected)}; state: ${leaseText}`;
  if (op === 'acquire') {
    if (got.ok === true && !expected.ok) return `${head}. Two live leases: never grant while another lease is live on the server's clock (the lease is the lock), measure expiry with the server's own clock, never the client's sentAtMs, and keep leases on the disk so a restart does not forget them`;
    if (got.ok === true && expected.ok && got.token !== expected.token) {
      return `${head}. Tokens: each grant gets the next token, one more than the last issued for the lock (${lastToken - 1} before this one), kept on disk so they strictly increase across lock-server restarts; a refused acquire issues no token (etcd's revision, ZooKeeper's zxid)`;
    }
    if (got.ok !== true && expected.ok) return `${head}. ${before === undefined ? 'The lock is free' : 'That lease has expired (now ≥ expiresAtMs) or was released'}: grant it, or a crashed holder blocks everyone for ever`;
  }
  if (op === 'renew') {
    if (got.ok === true && !expected.ok) {
      return expected.reason === 'expired'
        ? `${head}. An expired lease is gone: renew must refuse it ("expired"); the client acquires again and gets a new token (an etcd lease that expired cannot be kept alive)`
        : `${head}. Only the holder, with its token, may renew`;
    }
    if (got.ok !== true && expected.ok) return `${head}. The holder renewed with its token before expiry: extend to now + ttlMs and keep the token`;
  }
  if (op === 'release') {
    if (got.ok === true && !expected.ok) return `${head}. Only the current holder with its token may release: a late or duplicated release of an older lease must not free a newer holder's lock (Redis: delete only if the value is still yours)`;
    if (got.ok !== true && expected.ok) return `${head}. The holder's own release (its lock, client and token) frees the lock`;
  }
  return `${head}. Reply shapes: { ok: true, token } or { ok: false, reason: "held" | "expired" | "not-holder" }; release answers { ok }`;
}
