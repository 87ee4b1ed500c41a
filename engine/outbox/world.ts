/**
 * The outbox world, on engine/sim's virtual clock, event queue and seeded Prng.
 *
 * Two processes, each with its own durable local database:
 * - the producer runs the learner's service (commands from clients change accounts) and the
 *   learner's relay (polled every `pollEveryMs`), and reaches the broker;
 * - the consumer runs the learner's consumer, to which the broker delivers every stored message
 *   at least once (late, twice, out of order, as the broker profile says), redelivering whatever
 *   is not acknowledged (`handle` resolving) within `redeliverAfterMs`.
 *
 * A step is one I/O taking effect: a read, a commit, a publish. A crash "before" a step means that
 * I/O never happens; "after" means it happened and its process died before hearing back. A crash
 * loses the process's memory and every uncommitted transaction; the process restarts over the same
 * database after `downtimeMs` with the next incarnation. The world watches every commit and every
 * publish, so `verify` can hold the run to the outbox's promises.
 */
import { VirtualClock } from '../sim/clock';
import { EventQueue } from '../sim/event-queue';
import { validateProfile, type NetworkProfile } from '../sim/network-profile';
import { Prng, type Seed } from '../sim/prng';
import { BROKER_RELIABLE } from './broker-profiles';
import type { AccountEvent, Broker, Command, ConsumerClass, ConsumerLike, Db, Json, ProcessEnv, ProducerEnv, RelayClass, RelayLike, ServiceClass, ServiceLike, Tx } from './types';

export type ProcessName = 'producer' | 'consumer';
export type StepKind = 'producer read' | 'producer commit' | 'publish' | 'consumer read' | 'consumer commit';
export type When = 'before' | 'after';

/** Crash at global step number `step`, or at the `nth` (from 1) step of a kind. */
export type CrashPoint = { readonly step: number; readonly when: When } | { readonly kind: StepKind; readonly nth: number; readonly when: When };

export interface OutboxWorldOptions {
  readonly seed: Seed;
  /** Lets pending promise callbacks run (tests pass a zero-delay timer). */
  readonly settle: () => Promise<void>;
  readonly service: ServiceClass;
  readonly relay: RelayClass;
  readonly consumer: ConsumerClass;
  readonly broker?: NetworkProfile;
  readonly crashes?: readonly CrashPoint[];
  /** Crash points not reached by this time never fire (so the end of a run is quiet). */
  readonly crashesUntilMs?: number;
  readonly downtimeMs?: number;
  readonly pollEveryMs?: number;
  readonly redeliverAfterMs?: number;
}

export interface StepRecord {
  readonly i: number;
  readonly t: number;
  readonly side: ProcessName;
  readonly incarnation: number;
  readonly kind: StepKind;
  what: string;
  crash?: When;
}

/** A change of one account that the producer's database committed. */
export interface CommittedChange {
  readonly account: string;
  readonly version: number;
  readonly balance: number;
  readonly delta: number;
  readonly t: number;
}

export interface CommandRecord {
  readonly command: Command;
  readonly sentMs: number;
  outcome: 'refused (producer down)' | 'pending' | 'ok' | 'rejected';
  error?: string;
  /** The committed balance of the command's account when a transaction it started rolled back. */
  balanceAtRollback?: number;
}

/** One message the broker stored (a republish stores another). */
export interface LogEntry {
  readonly seq: number;
  readonly message: AccountEvent;
  readonly t: number;
  readonly incarnation: number;
  /** Deliveries to the consumer and how each ended. */
  readonly deliveries: { t: number; incarnation: number; result: 'acked' | 'nacked' | 'no ack' | 'consumer down' | 'pending' }[];
  acked: boolean;
  /** Deliveries of this entry (the original, a duplicate) whose redelivery chain has not ended in an ack. */
  unackedChains: number;
}

type Event = () => void;
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

function copyJson<T>(value: T, what: string): T {
  if (value === undefined) return value;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    throw new TypeError(`${what}: not plain JSON data`);
  }
  if (text === undefined) throw new TypeError(`${what}: not plain JSON data`);
  return JSON.parse(text) as T;
}

const describeError = (error: unknown): string => {
  try {
    return String((error as Error)?.message ?? error);
  } catch {
    return 'an error';
  }
};

export function describeEvent(m: AccountEvent): string {
  return `${m.id} (${m.account} v${m.version}, balance ${m.balance}, ${m.delta >= 0 ? '+' : ''}${m.delta})`;
}

export function describeCrash(c: CrashPoint): string {
  return 'step' in c ? `crash ${c.when} step #${c.step}` : `crash ${c.when} ${c.kind} #${c.nth}`;
}

const changeKey = (account: string, version: number) => `${account}#${version}`;

class LocalDb {
  readonly data = new Map<string, string>();

  read(key: string): Json | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as Json);
  }

  scan(prefix: string, limit: number, overlay?: Map<string, string | null>): { key: string; value: Json }[] {
    const keys = new Set<string>();
    for (const k of this.data.keys()) if (k.startsWith(prefix)) keys.add(k);
    if (overlay) for (const k of overlay.keys()) if (k.startsWith(prefix)) keys.add(k);
    const out: { key: string; value: Json }[] = [];
    for (const k of [...keys].sort()) {
      const raw = overlay?.has(k) ? overlay.get(k)! : (this.data.get(k) ?? null);
      if (raw === null) continue;
      out.push({ key: k, value: JSON.parse(raw) as Json });
      if (out.length >= limit) break;
    }
    return out;
  }
}

interface Proc {
  readonly name: ProcessName;
  readonly db: LocalDb;
  incarnation: number;
  alive: boolean;
  crashes: number;
}

export class OutboxWorld {
  readonly clock = new VirtualClock(0);
  readonly seed: number;
  readonly steps: StepRecord[] = [];
  readonly commands: CommandRecord[] = [];
  readonly committed: CommittedChange[] = [];
  readonly log: LogEntry[] = [];
  /** Mistakes in how the code used its API: each one fails a run. */
  readonly problems: string[] = [];
  /** Broken promises seen as they happened (a publish of an uncommitted change, a view going back). */
  readonly violations: string[] = [];
  readonly producer: Proc = { name: 'producer', db: new LocalDb(), incarnation: 0, alive: false, crashes: 0 };
  readonly consumerProc: Proc = { name: 'consumer', db: new LocalDb(), incarnation: 0, alive: false, crashes: 0 };
  polls = 0;
  /** Publishes that reached the broker (stored or refused), publishes it stored, acknowledgements it lost. */
  publishAttempts = 0;
  publishes = 0;
  lostAcks = 0;
  deliveries = 0;
  private service: ServiceLike | null = null;
  private relay: RelayLike | null = null;
  private consumer: ConsumerLike | null = null;
  private polling = false;
  /**
   * Set by an event that ran none of the learner's code and settled none of its promises (a poll
   * tick while the relay is still busy, a read taking effect, a delivery to a consumer that is
   * down, a redelivery timer, an I/O of a dead incarnation): no promise callback can be pending
   * after it, so the run does not let them settle (a settle costs a round trip to the harness).
   */
  private quietEvent = false;
  private readonly queue = new EventQueue<Event>();
  private readonly latencyRng: Prng;
  private readonly brokerRng: Prng;
  private readonly profile: NetworkProfile;
  private readonly crashAtStep: Map<number, When>;
  private readonly crashByKind: { kind: StepKind; nth: number; when: When }[];
  private readonly kindCounts = new Map<StepKind, number>();
  private readonly crashesUntilMs: number;
  private readonly downtimeMs: number;
  private readonly pollEveryMs: number;
  private readonly redeliverAfterMs: number;
  private readonly idOfChange = new Map<string, string>();
  private readonly changeOfId = new Map<string, string>();
  private lastPublishMs = -1;
  /** The command whose handle() is running synchronously right now (a transaction it starts is tagged with it). */
  private currentCommand: CommandRecord | null = null;
  /** Per account, the highest version published so far (first publishes must come in version order). */
  private readonly publishedUpTo = new Map<string, number>();

  constructor(private readonly options: OutboxWorldOptions) {
    const prng = new Prng(options.seed);
    this.seed = prng.seed;
    this.latencyRng = prng.fork('latency');
    this.brokerRng = prng.fork('broker');
    this.profile = validateProfile(options.broker ?? BROKER_RELIABLE);
    this.crashAtStep = new Map((options.crashes ?? []).flatMap((c) => ('step' in c ? [[c.step, c.when] as const] : [])));
    this.crashByKind = (options.crashes ?? []).flatMap((c) => ('kind' in c ? [{ kind: c.kind, nth: c.nth, when: c.when }] : []));
    this.crashesUntilMs = options.crashesUntilMs ?? Infinity;
    this.downtimeMs = options.downtimeMs ?? 30;
    this.pollEveryMs = options.pollEveryMs ?? 20;
    this.redeliverAfterMs = options.redeliverAfterMs ?? 120;
    this.startProducer();
    this.startConsumer();
    this.after(this.pollEveryMs, () => this.pollTick());
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  get lastPublishAtMs(): number {
    return this.lastPublishMs;
  }

  get crashCount(): number {
    return this.producer.crashes + this.consumerProc.crashes;
  }

  /** A row of the producer's database (a copy). */
  producerRow(key: string): Json | undefined {
    return this.producer.db.read(key);
  }

  /** A row of the consumer's database (a copy). */
  consumerRow(key: string): Json | undefined {
    return this.consumerProc.db.read(key);
  }

  // ---- processes ---------------------------------------------------------------------------------

  private env(proc: Proc): ProcessEnv {
    const incarnation = proc.incarnation;
    const live = () => proc.alive && proc.incarnation === incarnation;
    const kindRead: StepKind = proc.name === 'producer' ? 'producer read' : 'consumer read';
    const db: Db = Object.freeze({
      get: Object.freeze((key: string) =>
        live() ? this.io(proc, kindRead, `${proc.name} get ${String(key)}`, () => proc.db.read(String(key)), 'db', typeof key === 'string') : never<Json | undefined>(),
      ),
      scan: Object.freeze((prefix: string, limit?: number) =>
        live()
          ? this.io(proc, kindRead, `${proc.name} scan ${String(prefix)}`, () => proc.db.scan(String(prefix), limitOf(limit)), 'db', typeof prefix === 'string')
          : never<{ key: string; value: Json }[]>(),
      ),
      transaction: Object.freeze(<R>(body: (tx: Tx) => R) => (live() ? this.transaction(proc, body) : never<R>())),
    });
    return Object.freeze({
      db,
      incarnation,
      sleep: Object.freeze((ms: number) => {
        if (!live()) return never<void>();
        return new Promise<void>((resolve) =>
          this.after(Math.max(1, Math.ceil(Number(ms) || 0)), () => {
            if (live()) resolve();
            else this.quietEvent = true;
          }),
        );
      }),
      nowMs: Object.freeze(() => this.clock.nowMs()),
    });
  }

  private startProducer(): void {
    const proc = this.producer;
    proc.incarnation++;
    proc.alive = true;
    const incarnation = proc.incarnation;
    const live = () => proc.alive && proc.incarnation === incarnation;
    const broker: Broker = Object.freeze({
      publish: Object.freeze((message: AccountEvent) => (live() ? this.io(proc, 'publish', `publish ${describeId(message)}`, () => this.publish(message, incarnation), 'broker') : never<void>())),
    });
    const env: ProducerEnv = Object.freeze({ ...this.env(proc), broker });
    this.polling = false;
    this.service = this.construct(() => new this.options.service(env), 'the service');
    this.relay = this.construct(() => new this.options.relay(env), 'the relay');
  }

  private startConsumer(): void {
    const proc = this.consumerProc;
    proc.incarnation++;
    proc.alive = true;
    const env = this.env(proc);
    this.consumer = this.construct(() => new this.options.consumer(env), 'the consumer');
  }

  private construct<T>(make: () => T, what: string): T | null {
    try {
      return make();
    } catch (error) {
      this.problems.push(`constructing ${what} threw: ${describeError(error)}`);
      return null;
    }
  }

  private crash(proc: Proc): void {
    proc.alive = false;
    proc.crashes++;
    if (proc.name === 'producer') {
      this.service = null;
      this.relay = null;
      this.after(this.downtimeMs, () => this.startProducer());
    } else {
      this.consumer = null;
      this.after(this.downtimeMs, () => this.startConsumer());
    }
  }

  private latency(kind: 'db' | 'broker'): number {
    return kind === 'db' ? this.latencyRng.range(1, 3) : this.latencyRng.range(2, 6);
  }

  /**
   * One I/O: travels, takes effect at one instant (a step, where a crash may strike), travels back.
   * `pureEffect`: the effect runs none of the learner's code (a read of a string key).
   */
  private io<T>(proc: Proc, kind: StepKind, what: string, effect: (step: StepRecord) => T, medium: 'db' | 'broker' = 'db', pureEffect = false): Promise<T> {
    const incarnation = proc.incarnation;
    const live = () => proc.alive && proc.incarnation === incarnation;
    return new Promise<T>((resolve, reject) => {
      this.after(this.latency(medium), () => {
        if (!live()) return void (this.quietEvent = true);
        const step: StepRecord = { i: this.steps.length, t: this.nowMs(), side: proc.name, incarnation, kind, what };
        this.steps.push(step);
        const nth = (this.kindCounts.get(kind) ?? 0) + 1;
        this.kindCounts.set(kind, nth);
        let crash: When | undefined;
        if (this.nowMs() <= this.crashesUntilMs) {
          crash = this.crashAtStep.get(step.i) ?? this.crashByKind.find((c) => c.kind === kind && c.nth === nth)?.when;
        }
        if (crash === 'before') {
          step.crash = 'before';
          this.crash(proc);
          this.quietEvent = true;
          return;
        }
        let outcome: { ok: true; value: T } | { ok: false; error: unknown };
        try {
          outcome = { ok: true, value: effect(step) };
        } catch (error) {
          outcome = { ok: false, error };
        }
        this.quietEvent = pureEffect;
        if (crash === 'after') {
          step.crash = 'after';
          this.crash(proc);
          this.quietEvent = pureEffect;
          return;
        }
        this.after(this.latency(medium), () => {
          if (!live()) return void (this.quietEvent = true);
          if (outcome.ok) resolve(outcome.value);
          else reject(outcome.error);
        });
      });
    });
  }

  private transaction<R>(proc: Proc, body: (tx: Tx) => R): Promise<R> {
    if (typeof body !== 'function') return Promise.reject(new TypeError('transaction needs a function body'));
    const kind: StepKind = proc.name === 'producer' ? 'producer commit' : 'consumer commit';
    const command = proc.name === 'producer' ? this.currentCommand : null;
    return this.io(proc, kind, `${proc.name} transaction`, (step) => {
      const staged = new Map<string, string | null>();
      let open = true;
      const guard = (what: string) => {
        if (!open) throw new Error(`tx.${what} after the transaction body returned: the body must be synchronous (no await inside)`);
      };
      const tx: Tx = Object.freeze({
        get: Object.freeze((key: string) => {
          guard('get');
          const k = String(key);
          const v = staged.has(k) ? staged.get(k)! : (proc.db.data.get(k) ?? null);
          return v === null ? undefined : (JSON.parse(v) as Json);
        }),
        put: Object.freeze((key: string, value: Json) => {
          guard('put');
          if (value === undefined) throw new TypeError(`tx.put("${String(key)}", undefined): use tx.delete to remove a key`);
          staged.set(String(key), JSON.stringify(copyJson(value, `tx.put("${String(key)}")`)));
        }),
        delete: Object.freeze((key: string) => {
          guard('delete');
          staged.set(String(key), null);
        }),
        scan: Object.freeze((prefix: string, limit?: number) => {
          guard('scan');
          return proc.db.scan(String(prefix), limitOf(limit), staged);
        }),
      });
      let result: R;
      try {
        result = body(tx);
      } catch (error) {
        step.what = `${proc.name} rollback: ${describeError(error)}`;
        if (command !== null) {
          const row = proc.db.read(`account/${command.command.account}`) as { balance?: unknown } | undefined;
          command.balanceAtRollback = typeof row?.balance === 'number' ? row.balance : 0;
        }
        throw error;
      } finally {
        open = false;
      }
      if (typeof (result as { then?: unknown } | null)?.then === 'function') {
        throw new TypeError('the transaction body returned a promise: it must be synchronous (no async, no await inside); nothing was written');
      }
      if (staged.size > 0) step.what = `${proc.name} commit ${[...staged.keys()].join(', ')}`;
      this.observeCommit(proc, staged);
      for (const [k, v] of staged) {
        if (v === null) proc.db.data.delete(k);
        else proc.db.data.set(k, v);
      }
      return result;
    });
  }

  // ---- watching commits and publishes ------------------------------------------------------------

  private observeCommit(proc: Proc, staged: Map<string, string | null>): void {
    const prefix = proc.name === 'producer' ? 'account/' : 'balance/';
    for (const [key, raw] of staged) {
      if (!key.startsWith(prefix)) continue;
      const account = key.slice(prefix.length);
      const before = proc.db.read(key) as { balance?: unknown; version?: unknown } | undefined;
      const after = raw === null ? undefined : (JSON.parse(raw) as { balance?: unknown; version?: unknown });
      const beforeVersion = typeof before?.version === 'number' ? before.version : 0;
      const beforeBalance = typeof before?.balance === 'number' ? before.balance : 0;
      if (after === undefined || typeof after !== 'object' || after === null || typeof after.balance !== 'number' || !Number.isInteger(after.version)) {
        this.problems.push(`${proc.name} row ${key} must be { balance: number, version: integer }, got ${raw}`);
        continue;
      }
      const version = after.version as number;
      if (proc.name === 'producer') {
        if (version === beforeVersion && after.balance === beforeBalance) continue;
        if (version !== beforeVersion + 1) {
          this.problems.push(`${key} went from version ${beforeVersion} to ${version} at t=${this.nowMs()}: each committed change adds exactly one to the version`);
          continue;
        }
        if (after.balance < 0) {
          this.problems.push(`${key} committed a negative balance (${after.balance}) at t=${this.nowMs()}: a withdrawal that would overdraw must be refused, and its transaction rolled back`);
        }
        this.committed.push({ account, version, balance: after.balance, delta: after.balance - beforeBalance, t: this.nowMs() });
      } else if (version < beforeVersion) {
        this.violations.push(
          `an older event overwrote a newer one: the consumer's ${key} went back from version ${beforeVersion} (balance ${beforeBalance}) to version ${version} (balance ${after.balance}) at t=${this.nowMs()}`,
        );
      }
    }
  }

  private publish(message: AccountEvent, incarnation: number): void {
    const m = message as unknown as Record<string, unknown> | null;
    if (
      typeof m !== 'object' ||
      m === null ||
      typeof m.id !== 'string' ||
      typeof m.account !== 'string' ||
      !Number.isInteger(m.version) ||
      typeof m.balance !== 'number' ||
      typeof m.delta !== 'number'
    ) {
      const text = describeValue(message);
      this.problems.push(`broker.publish needs { id: string, account: string, version: integer, balance: number, delta: number }, got ${text}`);
      throw new TypeError(`broker.publish needs { id, account, version, balance, delta }, got ${text}`);
    }
    this.publishAttempts++;
    if (this.brokerRng.chance(this.profile.dropRequestPerMille)) throw new Error('broker unavailable: the message was not stored');
    const copy: AccountEvent = { id: m.id, account: m.account, version: m.version as number, balance: m.balance, delta: m.delta };
    this.publishes++;
    this.lastPublishMs = this.nowMs();
    this.checkPublished(copy);
    const entry: LogEntry = { seq: this.log.length, message: copy, t: this.nowMs(), incarnation, deliveries: [], acked: false, unackedChains: 0 };
    this.log.push(entry);
    entry.unackedChains++;
    this.scheduleDelivery(entry, this.deliveryDelay());
    if (this.brokerRng.chance(this.profile.duplicatePerMille)) {
      entry.unackedChains++;
      this.scheduleDelivery(entry, this.deliveryDelay());
    }
    if (this.brokerRng.chance(this.profile.dropReplyPerMille)) {
      this.lostAcks++;
      throw new Error('publish timed out: no acknowledgement from the broker (it may have stored the message)');
    }
  }

  private checkPublished(m: AccountEvent): void {
    const ck = changeKey(m.account, m.version);
    const change = this.committed.find((c) => c.account === m.account && c.version === m.version);
    if (change === undefined) {
      this.violations.push(
        `published ${describeEvent(m)} at t=${this.nowMs()}, but the producer's database had not committed version ${m.version} of ${m.account}` +
          ' (a message for a change that was rolled back, not yet committed, or lost in a crash)',
      );
    } else if (change.balance !== m.balance || change.delta !== m.delta) {
      this.violations.push(`published ${describeEvent(m)}, but the committed change ${m.account} v${m.version} has balance ${change.balance} and delta ${change.delta}`);
    }
    if (!this.idOfChange.has(ck)) {
      const upTo = this.publishedUpTo.get(m.account) ?? 0;
      if (m.version < upTo) {
        this.violations.push(
          `${m.account} v${m.version} reached the broker for the first time at t=${this.nowMs()}, after ${m.account} v${upTo}: publish the outbox oldest first (in commit order), so that each account's events reach the broker in order`,
        );
      }
      this.publishedUpTo.set(m.account, Math.max(upTo, m.version));
    }
    const id = this.idOfChange.get(ck);
    if (id !== undefined && id !== m.id) this.violations.push(`the change ${m.account} v${m.version} was published under two ids, ${id} and ${m.id}: a consumer cannot tell they are the same event`);
    if (id === undefined) this.idOfChange.set(ck, m.id);
    const other = this.changeOfId.get(m.id);
    if (other !== undefined && other !== ck) this.violations.push(`the id ${m.id} was published for two changes, ${other} and ${ck}: a consumer would drop the second as a duplicate`);
    if (other === undefined) this.changeOfId.set(m.id, ck);
  }

  private deliveryDelay(): number {
    const p = this.profile;
    let delay = this.brokerRng.range(p.delayMsMin, p.delayMsMax);
    if (this.brokerRng.chance(p.reorderReplyPerMille)) delay += this.brokerRng.range(p.reorderDelayMsMin, p.reorderDelayMsMax);
    return delay;
  }

  private scheduleDelivery(entry: LogEntry, delayMs: number): void {
    this.after(delayMs, () => this.deliver(entry));
  }

  private deliver(entry: LogEntry): void {
    const proc = this.consumerProc;
    const record: LogEntry['deliveries'][number] = { t: this.nowMs(), incarnation: proc.incarnation, result: 'pending' };
    entry.deliveries.push(record);
    this.deliveries++;
    const consumer = this.consumer;
    if (!proc.alive || consumer === null) {
      record.result = 'consumer down';
      this.scheduleDelivery(entry, this.redeliverAfterMs);
      this.quietEvent = true;
      return;
    }
    const incarnation = proc.incarnation;
    let settled = false;
    const retry = (result: 'nacked' | 'no ack') => {
      if (settled) return;
      settled = true;
      record.result = result;
      this.scheduleDelivery(entry, result === 'nacked' ? Math.ceil(this.redeliverAfterMs / 2) : 0);
    };
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(consumer.handle({ ...entry.message }));
    } catch {
      pending = Promise.reject(new Error('threw'));
    }
    pending.then(
      () => {
        if (settled || !proc.alive || proc.incarnation !== incarnation) return;
        settled = true;
        record.result = 'acked';
        entry.acked = true;
        entry.unackedChains--;
      },
      () => {
        if (!proc.alive || proc.incarnation !== incarnation) return;
        retry('nacked');
      },
    );
    this.after(this.redeliverAfterMs, () => {
      retry('no ack');
      this.quietEvent = true;
    });
  }

  // ---- clients and the relay's schedule ----------------------------------------------------------

  /** A client sends `command` at `atMs`; a producer that is down refuses it. */
  command(command: Command, atMs: number): CommandRecord {
    const record: CommandRecord = { command: { ...command }, sentMs: atMs, outcome: 'pending' };
    this.commands.push(record);
    this.at(atMs, () => {
      const proc = this.producer;
      if (!proc.alive || this.service === null) {
        record.outcome = 'refused (producer down)';
        this.quietEvent = true;
        return;
      }
      const incarnation = proc.incarnation;
      let pending: Promise<unknown>;
      this.currentCommand = record;
      try {
        pending = Promise.resolve(this.service.handle({ ...record.command }));
      } catch (error) {
        pending = Promise.reject(error);
      } finally {
        this.currentCommand = null;
      }
      pending.then(
        () => {
          if (proc.alive && proc.incarnation === incarnation) record.outcome = 'ok';
        },
        (error: unknown) => {
          if (!proc.alive || proc.incarnation !== incarnation) return;
          record.outcome = 'rejected';
          record.error = describeError(error);
        },
      );
    });
    return record;
  }

  private pollTick(): void {
    this.after(this.pollEveryMs, () => this.pollTick());
    const proc = this.producer;
    const relay = this.relay;
    if (!proc.alive || relay === null || this.polling) return void (this.quietEvent = true);
    const incarnation = proc.incarnation;
    this.polling = true;
    this.polls++;
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(relay.poll());
    } catch (error) {
      pending = Promise.reject(error);
    }
    const done = () => {
      if (proc.alive && proc.incarnation === incarnation) this.polling = false;
    };
    pending.then(done, done);
  }

  // ---- the simulation ----------------------------------------------------------------------------

  after(delayMs: number, fn: Event): void {
    this.queue.push(this.nowMs() + Math.max(0, Math.ceil(delayMs)), fn);
  }

  at(ms: number, fn: Event): void {
    this.queue.push(Math.max(ms, this.nowMs()), fn);
  }

  /** Runs events (letting promise callbacks settle after each that may have left some) until `untilMs`. */
  async run(untilMs: number, maxEvents = 100_000): Promise<void> {
    let events = 0;
    await this.options.settle();
    while (this.queue.size > 0 && this.queue.peekTimeMs() <= untilMs) {
      if (++events > maxEvents) throw new Error(`more than ${maxEvents} simulation events: is something retrying in a tight loop?`);
      const { atMs, event } = this.queue.pop();
      this.clock.advanceToMs(atMs);
      this.quietEvent = false;
      event();
      if (!this.quietEvent) await this.options.settle();
    }
    if (this.clock.nowMs() < untilMs) this.clock.advanceToMs(untilMs);
  }

  /** A compact account of the run for a failing test. */
  trace(extra: Record<string, unknown> = {}): unknown {
    const rows = (db: LocalDb) => Object.fromEntries([...db.data.keys()].sort().slice(0, 40).map((k) => [k, db.read(k) ?? null]));
    // Shortest and most telling first: the harness clips a long trace at its end.
    return {
      ...extra,
      seed: this.seed,
      profile: this.profile.name,
      problems: this.problems.slice(0, 5),
      violations: this.violations.slice(0, 5),
      counts: { polls: this.polls, publishAttempts: this.publishAttempts, stored: this.publishes, lostAcks: this.lostAcks, deliveries: this.deliveries, producerCrashes: this.producer.crashes, consumerCrashes: this.consumerProc.crashes },
      commands: this.commands.slice(0, 30).map((c) => `t=${c.sentMs} ${c.command.id}: ${c.command.account} ${c.command.delta >= 0 ? '+' : ''}${c.command.delta} → ${c.outcome}${c.error ? ` (${c.error})` : ''}`),
      committed: this.committed.slice(0, 30).map((c) => `t=${c.t} ${c.account} v${c.version} balance ${c.balance} (${c.delta >= 0 ? '+' : ''}${c.delta})`),
      broker: this.log.slice(0, 40).map((e) => `t=${e.t} ${describeEvent(e.message)} → ${e.deliveries.map((d) => `${d.t}:${d.result}`).join(' ') || 'not yet delivered'}`),
      producerDb: rows(this.producer.db),
      consumerDb: rows(this.consumerProc.db),
      // Relay polls that found nothing are left out; every crash is kept.
      steps: this.steps
        .filter((s) => s.crash !== undefined || !(s.kind === 'producer read' && s.what.includes('scan')))
        .slice(0, 100)
        .map((s) => `#${s.i} t=${s.t} ${s.side}#${s.incarnation} ${s.what}${s.crash ? ` ✗ crash ${s.crash}` : ''}`),
    };
  }
}

function limitOf(limit: unknown): number {
  return typeof limit === 'number' && limit > 0 ? Math.floor(limit) : Infinity;
}

function describeId(message: unknown): string {
  const m = message as { id?: unknown } | null;
  return typeof m === 'object' && m !== null && typeof m.id === 'string' ? m.id : '(no id)';
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
