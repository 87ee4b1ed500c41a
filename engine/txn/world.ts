/**
 * The world of the TCC and Saga labs, on engine/sim's virtual clock, event queue, network profiles
 * and seeded Prng: one coordinator (node 0, the code under test, with a durable log) and 2–4
 * participant services (nodes 1..n). TCC branches run the code under test's participant class
 * inside one local transaction per call; saga steps run the world's own step services.
 *
 * A step is one thing taking effect at one instant on one node: a log write or a send on the
 * coordinator, the handling of one delivered request on a participant. A crash "before" step k
 * means it never happens; "after" means it happened and the node died before anything else (a
 * handled request's reply is lost). A crashed node restarts after `downtimeMs` over the same
 * durable data; the coordinator's new instance is asked to recover().
 *
 * The world records what every participant did (branch and saga events) and checks after every
 * participant step that no balance or frozen amount is negative and that money is conserved:
 * the sum of balances and frozen amounts equals the initial sum plus the credits minus the
 * debits of the branches confirmed so far. Rules about whole runs live with the lab's checks.
 */
import { VirtualClock } from '../sim/clock';
import { EventQueue } from '../sim/event-queue';
import { Network } from '../sim/network';
import { RELIABLE, type NetworkProfile } from '../sim/network-profile';
import type { Prng } from '../sim/prng';
import { LocalStore } from './local-store';
import type { Branch, CoordinatorClass, CoordinatorEnv, CoordinatorLike, Json, Log, ParticipantClass, ParticipantLike, ParticipantRequest, Reply, Saga, Transfer } from './types';

/** Crash at step number `step`, or at the first step whose description starts with `first`. */
export type CrashPoint = { readonly step: number; readonly when: 'before' | 'after' } | { readonly first: string; readonly when: 'before' | 'after' };

/** Adds `delayMs` to the first copy of the first request whose description starts with `first` (a late Try, say). */
export interface Hold {
  readonly first: string;
  readonly delayMs: number;
}

export interface TxnWorldOptions {
  readonly rng: Prng;
  readonly participantClass: ParticipantClass;
  readonly coordinatorClass: CoordinatorClass;
  /** Lets pending promise callbacks run (the tests pass a zero-delay timer). */
  readonly settle: () => Promise<void>;
  readonly participants: number;
  /** Initial balances: "<participant>/<account>" → amount. */
  readonly balances: Readonly<Record<string, number>>;
  readonly network?: NetworkProfile;
  /** Chance per request that it is held back by `lateDelayMs` on top of its delay. */
  readonly lateRequestPerMille?: number;
  readonly lateDelayMs?: readonly [number, number];
  /** Chance that a saga compensation finds its service busy (ok: false, nothing done: retry). */
  readonly busyCompensationPerMille?: number;
  readonly crashes?: readonly CrashPoint[];
  readonly holds?: readonly Hold[];
  readonly callTimeoutMs?: number;
  readonly downtimeMs?: number;
}

export interface StepRecord {
  readonly i: number;
  readonly t: number;
  readonly node: number;
  readonly what: string;
  crash?: 'before' | 'after';
}

export type BranchResult = 'reserved' | 'refused' | 'done' | 'threw';
export interface BranchEvent {
  readonly t: number;
  readonly step: number;
  readonly xid: string;
  readonly participant: number;
  readonly op: 'try' | 'confirm' | 'cancel';
  readonly result: BranchResult;
  readonly error?: string;
}

export type SagaResult = 'applied' | 'duplicate' | 'failed' | 'refused' | 'compensated' | 'again' | 'void' | 'busy';
export interface SagaEvent {
  readonly t: number;
  readonly sagaId: string;
  readonly step: number;
  readonly participant: number;
  readonly op: 'step' | 'compensate';
  readonly result: SagaResult;
}

export interface Violation {
  readonly t: number;
  readonly step: number;
  readonly what: string;
  readonly detail: string;
}

export interface TransferRun {
  readonly transfer: Transfer;
  readonly at: number;
  started: boolean;
  answer: string | null;
}

export interface SagaRun {
  readonly saga: Saga;
  /** The step whose service refuses it (a business failure), or null. */
  readonly failAt: number | null;
  readonly at: number;
  started: boolean;
  answer: string | null;
}

interface Wire {
  readonly from: number;
  readonly to: number;
  readonly reply: boolean;
}

type Event = () => void;
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

export function describeRequest(r: ParticipantRequest): string {
  if (!('branch' in r)) return `${r.op} ${r.sagaId}#${r.step}`;
  const b = r.branch;
  return `${r.op} ${b.xid} (${b.kind} ${b.account} ${b.amount})`;
}

export class TxnWorld {
  readonly clock = new VirtualClock(0);
  readonly steps: StepRecord[] = [];
  readonly branchEvents: BranchEvent[] = [];
  readonly sagaEvents: SagaEvent[] = [];
  readonly violations: Violation[] = [];
  /** Every saga request the coordinator sent, in order (step = the world's step number). */
  readonly sagaSends: { readonly t: number; readonly step: number; readonly sagaId: string; readonly op: 'step' | 'compensate'; readonly sagaStep: number }[] = [];
  /** Misuse of the API by the code under test (a bad request, a rejected promise): each fails a run. */
  readonly problems: string[] = [];
  readonly transfers: TransferRun[] = [];
  readonly sagas: SagaRun[] = [];
  readonly stores: LocalStore[] = [];
  readonly initialTotal: number;
  /** Branches ("xid@participant") whose Confirm returned, and the money they moved. */
  readonly confirmed = new Map<string, Branch>();
  crashCount = 0;
  messages = 0;
  private expectedTotal: number;
  private readonly alive: boolean[] = [];
  private readonly incarnation: number[] = [];
  private readonly participants: (ParticipantLike | null)[] = [];
  private coordinator: CoordinatorLike | null = null;
  private readonly log = new Map<string, string>();
  private readonly sagaState: Map<string, 'applied' | 'compensated' | 'void'>[] = [];
  private readonly queue = new EventQueue<Event>();
  private readonly rng: Prng;
  private readonly network: Network<Wire>;
  private readonly crashes: Map<number, 'before' | 'after'>;
  private readonly crashesByKind: { first: string; when: 'before' | 'after'; used: boolean }[];
  private readonly holds: { first: string; delayMs: number; used: boolean }[];
  private readonly n: number;
  /**
   * Set by an event that ran none of the code under test and settled none of its promises (a send
   * taking effect, a saga step served, a reply to a call already answered, anything on a node that
   * is down): no promise callback can be pending after it, so the run does not let them settle
   * (a settle costs a round trip to the harness).
   */
  private quietEvent = false;

  constructor(private readonly options: TxnWorldOptions) {
    this.n = options.participants;
    this.rng = options.rng.fork('txn-world');
    this.network = new Network<Wire>(options.rng.fork('network'), (m) => m.reply, options.network ?? RELIABLE);
    this.crashes = new Map((options.crashes ?? []).flatMap((c) => ('step' in c ? [[c.step, c.when] as const] : [])));
    this.crashesByKind = (options.crashes ?? []).flatMap((c) => ('first' in c ? [{ first: c.first, when: c.when, used: false }] : []));
    this.holds = (options.holds ?? []).map((h) => ({ ...h, used: false }));
    for (let p = 0; p <= this.n; p++) {
      this.stores.push(new LocalStore());
      this.sagaState.push(new Map());
      this.alive.push(true);
      this.incarnation.push(1);
      this.participants.push(p === 0 ? null : new options.participantClass());
    }
    let total = 0;
    for (const [where, amount] of Object.entries(options.balances)) {
      const [p, account] = where.split('/') as [string, string];
      this.stores[Number(p)]!.seed(`balance/${account}`, amount);
      total += amount;
    }
    this.initialTotal = total;
    this.expectedTotal = total;
    this.startCoordinator(false);
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  /** The initial balances, "<participant>/<account>" → amount. */
  get initialBalances(): Readonly<Record<string, number>> {
    return this.options.balances;
  }

  // ---- workload -------------------------------------------------------------------------------

  /** A client asks the coordinator to run `transfer` at `atMs` (or as soon as it is up again). */
  transfer(atMs: number, transfer: Transfer): TransferRun {
    const run: TransferRun = { transfer, at: atMs, started: false, answer: null };
    this.transfers.push(run);
    this.at(atMs, () => this.beginEvent(run, 'transfer'));
    return run;
  }

  saga(atMs: number, saga: Saga, failAt: number | null): SagaRun {
    const run: SagaRun = { saga, failAt, at: atMs, started: false, answer: null };
    this.sagas.push(run);
    this.at(atMs, () => this.beginEvent(run, 'saga'));
    return run;
  }

  /** The event of a client's start time: quiet when it starts nothing (started already, or the coordinator is down). */
  private beginEvent(run: TransferRun | SagaRun, kind: 'transfer' | 'saga'): void {
    const before = run.started;
    this.begin(run, kind);
    if (run.started === before) this.quietEvent = true;
  }

  private begin(run: TransferRun | SagaRun, kind: 'transfer' | 'saga'): void {
    if (run.started || !this.alive[0] || this.coordinator === null) return;
    run.started = true;
    const inc = this.incarnation[0]!;
    const c = this.coordinator;
    let pending: Promise<string>;
    try {
      pending = Promise.resolve(kind === 'transfer' ? c.transfer(copy((run as TransferRun).transfer)) : c.saga(copy((run as SagaRun).saga)));
    } catch (error) {
      this.problems.push(`${kind}() threw: ${message(error)}`);
      return;
    }
    pending.then(
      (answer) => {
        if (this.alive[0] && this.incarnation[0] === inc) run.answer = String(answer);
      },
      (error: unknown) => {
        if (this.alive[0] && this.incarnation[0] === inc) this.problems.push(`${kind}() rejected: ${message(error)}`);
      },
    );
  }

  // ---- nodes ----------------------------------------------------------------------------------

  private live(node: number, inc: number): boolean {
    return this.alive[node] === true && this.incarnation[node] === inc;
  }

  private startCoordinator(recover: boolean): void {
    const inc = this.incarnation[0]!;
    const live = () => this.live(0, inc);
    const log: Log = Object.freeze({
      read: Object.freeze((key: string) => {
        const v = this.log.get(String(key));
        return v === undefined ? undefined : (JSON.parse(v) as Json);
      }),
      keys: Object.freeze((prefix: string) => [...this.log.keys()].filter((k) => k.startsWith(String(prefix))).sort()),
      write: Object.freeze((key: string, value: Json) => (live() ? this.logWrite(String(key), value, inc) : never<void>())),
    });
    const env: CoordinatorEnv = Object.freeze({
      log,
      incarnation: inc,
      call: Object.freeze((participant: number, request: ParticipantRequest) => (live() ? this.call(participant, request, inc) : never<Reply | null>())),
      sleep: Object.freeze((ms: number) => {
        if (!live()) return never<void>();
        return new Promise<void>((resolve) =>
          this.after(Math.max(1, Math.ceil(Number(ms) || 0)), () => {
            if (live()) resolve();
            else this.quietEvent = true;
          }),
        );
      }),
    });
    this.coordinator = new this.options.coordinatorClass(env);
    if (recover) {
      let pending: Promise<void>;
      try {
        pending = Promise.resolve(this.coordinator.recover());
      } catch (error) {
        this.problems.push(`recover() threw: ${message(error)}`);
        pending = never<void>();
      }
      pending.then(undefined, (error: unknown) => live() && this.problems.push(`recover() rejected: ${message(error)}`));
    }
    // Clients whose start time passed while the coordinator was down start now.
    for (const r of this.transfers) if (!r.started && r.at <= this.nowMs()) this.begin(r, 'transfer');
    for (const r of this.sagas) if (!r.started && r.at <= this.nowMs()) this.begin(r, 'saga');
  }

  private crash(node: number): void {
    this.alive[node] = false;
    if (node === 0) this.coordinator = null;
    this.crashCount++;
    this.after(this.options.downtimeMs ?? 30, () => {
      this.incarnation[node]!++;
      this.alive[node] = true;
      if (node === 0) this.startCoordinator(true);
      else this.participants[node] = new this.options.participantClass();
    });
  }

  /** Records step i on `node`; null if the node crashed before it, else whether it crashes right after. */
  private step(node: number, what: string): { crashAfter: boolean; i: number } | null {
    const s: StepRecord = { i: this.steps.length, t: this.nowMs(), node, what };
    this.steps.push(s);
    let crash = this.crashes.get(s.i);
    const byKind = crash === undefined ? this.crashesByKind.find((c) => !c.used && what.startsWith(c.first)) : undefined;
    if (byKind !== undefined) {
      byKind.used = true;
      crash = byKind.when;
    }
    if (crash === 'before') {
      s.crash = 'before';
      this.crash(node);
      return null;
    }
    if (crash === 'after') s.crash = 'after';
    return { crashAfter: crash === 'after', i: s.i };
  }

  // ---- the coordinator's I/O ------------------------------------------------------------------

  private logWrite(key: string, value: Json, inc: number): Promise<void> {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
    if (text === undefined) return Promise.reject(new TypeError(`log.write("${key}"): not plain JSON data`));
    const stored = text;
    return new Promise<void>((resolve) => {
      this.after(this.rng.range(1, 3), () => {
        if (!this.live(0, inc)) return void (this.quietEvent = true);
        const s = this.step(0, `log ${key}`);
        if (s === null) return void (this.quietEvent = true);
        this.log.set(key, stored);
        if (s.crashAfter) {
          this.crash(0);
          this.quietEvent = true;
        } else resolve();
      });
    });
  }

  private call(participant: number, request: ParticipantRequest, inc: number): Promise<Reply | null> {
    const checked = this.checkRequest(participant, request);
    if (typeof checked === 'string') {
      this.problems.push(checked);
      return Promise.reject(new TypeError(checked));
    }
    const req = checked;
    return new Promise<Reply | null>((resolve) => {
      let done = false;
      /** An event: resolves the call with `reply` unless it is answered already or its caller is gone. */
      const finish = (reply: Reply | null) => {
        if (done || !this.live(0, inc)) return void (this.quietEvent = true);
        done = true;
        resolve(reply);
      };
      // The send runs only the world's code (the request is the world's own copy).
      this.after(0, () => {
        this.quietEvent = true;
        if (!this.live(0, inc)) return;
        const s = this.step(0, `send ${describeRequest(req)} → p${participant}`);
        if (s === null) return;
        this.messages++;
        if (!('branch' in req)) this.sagaSends.push({ t: this.nowMs(), step: s.i, sagaId: req.sagaId, op: req.op, sagaStep: req.step });
        this.transmit({ from: 0, to: participant, reply: false }, describeRequest(req), () => this.deliver(participant, req, (reply) => this.transmit({ from: participant, to: 0, reply: true }, '', () => finish(reply))));
        this.after(this.options.callTimeoutMs ?? 40, () => finish(null));
        if (s.crashAfter) this.crash(0);
      });
    });
  }

  private checkRequest(participant: number, request: ParticipantRequest): ParticipantRequest | string {
    if (!Number.isInteger(participant) || participant < 1 || participant > this.n) return `call(${String(participant)}, …): participants are numbered 1..${this.n}`;
    const r = request as { op?: unknown; branch?: unknown; sagaId?: unknown; step?: unknown } | null;
    if (typeof r !== 'object' || r === null) return `call(${participant}, ${String(request)}): a request must be an object`;
    if (r.op === 'try' || r.op === 'confirm' || r.op === 'cancel') {
      const b = r.branch as Partial<Branch> | undefined;
      const t = this.transfers.find((x) => x.transfer.xid === b?.xid);
      const real = t?.transfer.branches.find((x) => x.participant === participant);
      if (real === undefined) return `call(${participant}, ${r.op} ${JSON.stringify(b)}): no branch of a transfer with that xid lives on participant ${participant}`;
      if (b?.account !== real.account || b.kind !== real.kind || b.amount !== real.amount) return `call(${participant}, ${r.op}): the branch ${JSON.stringify(b)} differs from the transfer's branch ${JSON.stringify(real)}`;
      return { op: r.op, branch: { ...real } };
    }
    if (r.op === 'step' || r.op === 'compensate') {
      const s = this.sagas.find((x) => x.saga.sagaId === r.sagaId);
      const step = typeof r.step === 'number' ? s?.saga.steps[r.step] : undefined;
      if (s === undefined || step === undefined || step.participant !== participant) return `call(${participant}, ${r.op} ${String(r.sagaId)}#${String(r.step)}): no such step of a saga on participant ${participant}`;
      return { op: r.op, sagaId: s.saga.sagaId, step: r.step as number };
    }
    return `call(${participant}, …): unknown op ${JSON.stringify(r.op)}`;
  }

  /** Sends one message through the network: lost, delayed, duplicated, or held back. */
  private transmit(wire: Wire, what: string, arrive: () => void): void {
    const decision = this.network.send(wire);
    decision.delaysMs.forEach((delay, copy) => {
      let d = delay;
      if (!wire.reply) {
        const hold = copy === 0 ? this.holds.find((h) => !h.used && what.startsWith(h.first)) : undefined;
        if (hold !== undefined) {
          hold.used = true;
          d += hold.delayMs;
        } else if (this.rng.chance(this.options.lateRequestPerMille ?? 0)) {
          const [lo, hi] = this.options.lateDelayMs ?? [50, 300];
          d += this.rng.range(lo, hi);
        }
      }
      this.after(d, arrive);
    });
  }

  // ---- participants ---------------------------------------------------------------------------

  /** An event: a request reaches participant p. Only a TCC branch runs the code under test. */
  private deliver(p: number, req: ParticipantRequest, respond: (reply: Reply) => void): void {
    if (!this.alive[p]) return void (this.quietEvent = true);
    const s = this.step(p, `p${p} ${describeRequest(req)}`);
    if (s === null) return void (this.quietEvent = true);
    const reply = 'branch' in req ? this.branchCall(p, req.op, req.branch) : this.sagaService(p, req);
    if (s.crashAfter) this.crash(p);
    else respond(reply);
    this.quietEvent = !('branch' in req);
  }

  private branchCall(p: number, op: 'try' | 'confirm' | 'cancel', branch: Branch): Reply {
    const participant = this.participants[p]!;
    const stepIndex = this.steps.length - 1;
    const event = (result: BranchResult, error?: string) => this.branchEvents.push({ t: this.nowMs(), step: stepIndex, xid: branch.xid, participant: p, op, result, ...(error === undefined ? {} : { error }) });
    let reply: Reply;
    try {
      const ok = this.stores[p]!.transaction((tx) => {
        if (op === 'try') {
          const r = participant.try(tx, { ...branch });
          if (typeof r !== 'boolean') throw new TypeError(`try() must return true or false, got ${JSON.stringify(r)}`);
          return r;
        }
        if (op === 'confirm') participant.confirm(tx, { ...branch });
        else participant.cancel(tx, { ...branch });
        return true;
      });
      event(op === 'try' ? (ok ? 'reserved' : 'refused') : 'done');
      reply = { ok };
    } catch (error) {
      event('threw', message(error));
      reply = { ok: false };
    }
    const key = `${branch.xid}@${p}`;
    if (op === 'confirm' && !this.branchEvents.some((e) => e.xid === branch.xid && e.participant === p && e.op === 'try' && e.result === 'reserved')) {
      this.violations.push({ t: this.nowMs(), step: stepIndex, what: `p${p} confirm ${branch.xid}`, detail: `p${p} got Confirm for ${branch.xid} though no Try of it had reserved anything there` });
    }
    if (op === 'confirm' && reply.ok && !this.confirmed.has(key)) {
      this.confirmed.set(key, branch);
      this.expectedTotal += branch.kind === 'credit' ? branch.amount : -branch.amount;
    }
    this.checkMoney(`p${p} ${op} ${branch.xid}`, stepIndex);
    return reply;
  }

  /** After every participant step: no negative or non-integer amount, and money conserved. */
  private checkMoney(what: string, step: number): void {
    // Fast path, same verdict: every amount a non-negative safe integer, so only the total can be wrong.
    let sum: number | null = 0;
    for (let p = 1; p <= this.n && sum !== null; p++) {
      const s = this.stores[p]!.sumAmounts();
      sum = s === null ? null : sum + s;
    }
    if (sum !== null && Number.isSafeInteger(sum)) {
      if (sum !== this.expectedTotal) this.moneyNotConserved(what, step, sum);
      return;
    }
    let total = 0;
    for (let p = 1; p <= this.n; p++) {
      const store = this.stores[p]!;
      for (const key of [...store.keys('balance/'), ...store.keys('frozen/')]) {
        const v = store.read(key);
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
          this.violations.push({ t: this.nowMs(), step, what, detail: `p${p} ${key} is ${JSON.stringify(v)}` });
          return;
        }
        total += v;
      }
    }
    if (total !== this.expectedTotal) this.moneyNotConserved(what, step, total);
  }

  private moneyNotConserved(what: string, step: number, total: number): void {
    this.violations.push({ t: this.nowMs(), step, what, detail: `balances plus frozen amounts total ${total}, expected ${this.expectedTotal} (initial ${this.initialTotal} plus the confirmed credits minus the confirmed debits)` });
  }

  private sagaService(p: number, req: { op: 'step' | 'compensate'; sagaId: string; step: number }): Reply {
    const run = this.sagas.find((s) => s.saga.sagaId === req.sagaId)!;
    const key = `${req.sagaId}/${req.step}`;
    const state = this.sagaState[p]!.get(key);
    const event = (result: SagaResult, ok: boolean): Reply => {
      this.sagaEvents.push({ t: this.nowMs(), sagaId: req.sagaId, step: req.step, participant: p, op: req.op, result });
      return { ok };
    };
    if (req.op === 'step') {
      // The service keeps a control record too: a step that arrives after its compensation is refused.
      if (state === 'compensated' || state === 'void') return event('refused', false);
      if (req.step === run.failAt) return event('failed', false);
      if (state === 'applied') return event('duplicate', true);
      this.sagaState[p]!.set(key, 'applied');
      return event('applied', true);
    }
    if (this.rng.chance(this.options.busyCompensationPerMille ?? 0)) return event('busy', false);
    if (state === 'applied') {
      this.sagaState[p]!.set(key, 'compensated');
      return event('compensated', true);
    }
    if (state === undefined) {
      this.sagaState[p]!.set(key, 'void');
      return event('void', true);
    }
    return event('again', true);
  }

  // ---- the simulation -------------------------------------------------------------------------

  after(delayMs: number, fn: Event): void {
    this.queue.push(this.nowMs() + Math.max(0, delayMs), fn);
  }

  at(ms: number, fn: Event): void {
    this.queue.push(Math.max(ms, this.nowMs()), fn);
  }

  /** True when nothing is left to happen (every message delivered or lost, every retry done). */
  get quiescent(): boolean {
    return this.queue.size === 0;
  }

  /** Runs events (letting promise callbacks settle after each that may have left some) until `untilMs` or nothing is left. */
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
  }

  /** A participant's amount at `balance/<account>` or `frozen/<account>` (absent = 0). */
  amount(p: number, key: string): unknown {
    return this.stores[p]!.read(key) ?? 0;
  }

  logKeys(): string[] {
    return [...this.log.keys()].sort();
  }

  /** A compact account of the run for a failing test's trace. */
  trace(extra: Record<string, unknown> = {}): unknown {
    const stores: Record<string, Json> = {};
    for (let p = 1; p <= this.n; p++) for (const k of this.stores[p]!.keys().slice(0, 30)) stores[`p${p} ${k}`] = this.stores[p]!.read(k) ?? null;
    return {
      ...extra,
      steps: this.steps.slice(0, 160).map((s) => `#${s.i} t=${s.t} ${s.node === 0 ? 'coordinator' : `p${s.node}`}: ${s.what}${s.crash ? ` ✗ crash ${s.crash}` : ''}`),
      branches: this.branchEvents.slice(0, 80).map((e) => `t=${e.t} p${e.participant} ${e.op} ${e.xid} → ${e.result}${e.error ? ` (${e.error})` : ''}`),
      sagaSteps: this.sagaEvents.slice(0, 80).map((e) => `t=${e.t} p${e.participant} ${e.op} ${e.sagaId}#${e.step} → ${e.result}`),
      log: Object.fromEntries(this.logKeys().slice(0, 30).map((k) => [k, JSON.parse(this.log.get(k)!) as Json])),
      stores,
    };
  }
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function message(error: unknown): string {
  return String((error as Error | null)?.message ?? error);
}
