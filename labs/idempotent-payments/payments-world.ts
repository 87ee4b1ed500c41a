/**
 * The world of the idempotent-payments lab, on engine/sim's virtual clock and seeded Prng: the
 * learner's PaymentService over a durable key–value store with transactions, an external payment
 * processor, clients that time out and retry (and sometimes double-click), and crashes at chosen
 * step boundaries. A step is one I/O taking effect: a store read, a transaction commit, a charge,
 * a lookup. A crash "before" step k means that I/O never happens; "after" means it happened and
 * the process died before it heard back. The process restarts over the same store.
 */
import { VirtualClock } from '../../engine/sim/clock';
import { EventQueue } from '../../engine/sim/event-queue';
import type { Prng } from '../../engine/sim/prng';
import type { ChargeResult, Json, PaymentRequest, PaymentResponse, Processor, ServiceEnv, Store, Tx } from './api';

export interface ServiceLike {
  handle(request: PaymentRequest): Promise<PaymentResponse>;
}
export type ServiceClass = new (env: ServiceEnv) => ServiceLike;

/** Crash at step number `step`, or at the first step whose description starts with `first` (e.g. "charge"). */
export type CrashPoint = { readonly step: number; readonly when: 'before' | 'after' } | { readonly first: string; readonly when: 'before' | 'after' };

export interface WorldOptions {
  readonly rng: Prng;
  readonly serviceClass: ServiceClass;
  /** Lets pending promise callbacks run (the tests pass a zero-delay timer). */
  readonly settle: () => Promise<void>;
  /** Card balances at the processor, in cents. */
  readonly cards: Readonly<Record<string, number>>;
  readonly crashes?: readonly CrashPoint[];
  readonly downtimeMs?: number;
  /** Clients stop retrying after this time. */
  readonly clientDeadlineMs?: number;
}

export interface StepRecord {
  readonly i: number;
  readonly t: number;
  readonly incarnation: number;
  readonly what: string;
  crash?: 'before' | 'after';
}

export interface ChargeAttempt {
  readonly reference: string;
  readonly payer: string;
  readonly amountCents: number;
  readonly result: ChargeResult;
  readonly t: number;
  readonly incarnation: number;
}

export interface Attempt {
  readonly n: number;
  readonly sentMs: number;
  readonly incarnation: number | null;
  reply: PaymentResponse | null;
  replyMs: number | null;
}

export interface Payment {
  readonly id: number;
  readonly request: PaymentRequest;
  /** A probe: the same key with a different payload, sent after the original completed. */
  readonly probeOf: Payment | null;
  readonly attempts: Attempt[];
  final: PaymentResponse | null;
  finalMs: number | null;
}

type Event = () => void;

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

function copyJson<T>(value: T, what: string): T {
  if (value === undefined) return value;
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    throw new TypeError(`${what}: not plain JSON data`);
  }
  if (text === undefined) throw new TypeError(`${what}: not plain JSON data`);
  return JSON.parse(text) as T;
}

const FINAL = new Set(['succeeded', 'declined', 'mismatch']);

function checkResponse(r: unknown): PaymentResponse {
  const o = r as { status?: unknown; chargeId?: unknown; amountCents?: unknown; reason?: unknown } | null;
  if (typeof o !== 'object' || o === null) throw new TypeError(`a response must be an object, got ${JSON.stringify(r)}`);
  switch (o.status) {
    case 'succeeded':
      if (typeof o.chargeId !== 'string' || typeof o.amountCents !== 'number') throw new TypeError(`a succeeded response needs chargeId and amountCents, got ${JSON.stringify(r)}`);
      return { status: 'succeeded', chargeId: o.chargeId, amountCents: o.amountCents };
    case 'declined':
      return { status: 'declined', reason: String(o.reason ?? '') };
    case 'processing':
      return { status: 'processing' };
    case 'mismatch':
      return { status: 'mismatch' };
    default:
      throw new TypeError(`unknown response status in ${JSON.stringify(r)}`);
  }
}

export function sameResponse(a: PaymentResponse, b: PaymentResponse): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function describeResponse(r: PaymentResponse | null): string {
  if (r === null) return 'no reply';
  switch (r.status) {
    case 'succeeded':
      return `succeeded ${r.chargeId} (${r.amountCents}¢)`;
    case 'declined':
      return `declined (${r.reason})`;
    default:
      return r.status;
  }
}

export function describeRequest(r: PaymentRequest): string {
  return `${r.idempotencyKey}: ${r.payer} → ${r.payee}, ${r.amountCents}¢`;
}

export class PaymentsWorld {
  readonly clock = new VirtualClock(0);
  readonly steps: StepRecord[] = [];
  readonly charges: ChargeAttempt[] = [];
  readonly payments: Payment[] = [];
  /** Mistakes in how the service used its API or answered: each one fails the test. */
  readonly problems: string[] = [];
  readonly cardBalances = new Map<string, number>();
  readonly initialTotalCents: number;
  incarnation = 0;
  crashCount = 0;
  private alive = false;
  private service: ServiceLike | null = null;
  private readonly data = new Map<string, string>();
  private readonly queue = new EventQueue<Event>();
  private readonly rng: Prng;
  private readonly crashes: Map<number, 'before' | 'after'>;
  private readonly crashesByKind: { first: string; when: 'before' | 'after'; used: boolean }[];
  private readonly downtimeMs: number;
  private readonly clientDeadlineMs: number;
  private nextChargeId = 1;
  /** Each payment's current attempt in its retry chain (a double-click is outside the chain). */
  private readonly chainAttempt = new Map<Payment, Attempt>();

  constructor(private readonly options: WorldOptions) {
    this.rng = options.rng.fork('latency');
    this.crashes = new Map((options.crashes ?? []).flatMap((c) => ('step' in c ? [[c.step, c.when] as const] : [])));
    this.crashesByKind = (options.crashes ?? []).flatMap((c) => ('first' in c ? [{ first: c.first, when: c.when, used: false }] : []));
    this.downtimeMs = options.downtimeMs ?? 20;
    this.clientDeadlineMs = options.clientDeadlineMs ?? 4000;
    let total = 0;
    for (const [card, cents] of Object.entries(options.cards)) {
      this.cardBalances.set(card, cents);
      total += cents;
    }
    this.initialTotalCents = total;
    this.start();
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  isUp(): boolean {
    return this.alive;
  }

  /** The store's data as the tests see it (a copy). */
  read(key: string): Json | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as Json);
  }

  keys(): string[] {
    return [...this.data.keys()].sort();
  }

  // ---- the process ------------------------------------------------------------------------------

  private start(): void {
    this.incarnation++;
    this.alive = true;
    const incarnation = this.incarnation;
    const live = () => this.alive && this.incarnation === incarnation;
    const store: Store = Object.freeze({
      get: Object.freeze((key: string) => (live() ? this.io<Json | undefined>(`get ${String(key)}`, () => this.read(String(key))) : never<Json | undefined>())),
      transaction: Object.freeze(<R>(body: (tx: Tx) => R) => (live() ? this.transaction(body) : never<R>())),
    });
    const processor: Processor = Object.freeze({
      charge: Object.freeze((request: { reference: string; payer: string; amountCents: number }) =>
        live() ? this.io<ChargeResult>(`charge ${String(request?.reference)}`, () => this.charge(request, incarnation), 'processor') : never<ChargeResult>(),
      ),
      findCharge: Object.freeze((reference: string) =>
        live() ? this.io<ChargeResult | null>(`findCharge ${String(reference)}`, () => this.findCharge(String(reference)), 'processor') : never<ChargeResult | null>(),
      ),
    });
    const env: ServiceEnv = Object.freeze({
      store,
      processor,
      incarnation,
      sleep: Object.freeze((ms: number) => {
        if (!live()) return never<void>();
        return new Promise<void>((resolve) => this.after(Math.max(1, Math.ceil(Number(ms) || 0)), () => live() && resolve()));
      }),
      nowMs: Object.freeze(() => this.clock.nowMs()),
    });
    this.service = new this.options.serviceClass(env);
  }

  private crash(): void {
    this.alive = false;
    this.service = null;
    this.crashCount++;
    this.after(this.downtimeMs, () => this.start());
  }

  private latency(kind: 'store' | 'processor' | 'client'): number {
    return kind === 'store' ? this.rng.range(1, 4) : kind === 'processor' ? this.rng.range(3, 20) : this.rng.range(1, 5);
  }

  /** One I/O: travels, takes effect at one instant (a step, where a crash may strike), travels back. */
  private io<T>(what: string, effect: () => T, kind: 'store' | 'processor' = 'store'): Promise<T> {
    const incarnation = this.incarnation;
    return new Promise<T>((resolve, reject) => {
      this.after(this.latency(kind), () => {
        if (!this.alive || this.incarnation !== incarnation) return;
        const step: StepRecord = { i: this.steps.length, t: this.nowMs(), incarnation, what };
        this.steps.push(step);
        let crash = this.crashes.get(step.i);
        const byKind = this.crashesByKind.find((c) => !c.used && what.startsWith(c.first));
        if (crash === undefined && byKind !== undefined) {
          byKind.used = true;
          crash = byKind.when;
        }
        if (crash === 'before') {
          step.crash = 'before';
          this.crash();
          return;
        }
        let outcome: { ok: true; value: T } | { ok: false; error: unknown };
        try {
          outcome = { ok: true, value: effect() };
        } catch (error) {
          outcome = { ok: false, error };
        }
        if (crash === 'after') {
          step.crash = 'after';
          this.crash();
          return;
        }
        this.after(this.latency(kind), () => {
          if (!this.alive || this.incarnation !== incarnation) return;
          if (outcome.ok) resolve(outcome.value);
          else reject(outcome.error);
        });
      });
    });
  }

  private transaction<R>(body: (tx: Tx) => R): Promise<R> {
    if (typeof body !== 'function') return Promise.reject(new TypeError('transaction needs a function body'));
    return this.io<R>('transaction', () => {
      const staged = new Map<string, string | null>();
      let open = true;
      const guard = (what: string) => {
        if (!open) throw new Error(`tx.${what} after the transaction body returned: the body must be synchronous (no await inside)`);
      };
      const tx: Tx = Object.freeze({
        get: Object.freeze((key: string) => {
          guard('get');
          const k = String(key);
          const v = staged.has(k) ? staged.get(k)! : (this.data.get(k) ?? null);
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
      });
      let result: R;
      try {
        result = body(tx);
      } finally {
        open = false;
      }
      if (typeof (result as { then?: unknown } | null)?.then === 'function') {
        throw new TypeError('the transaction body returned a promise: it must be synchronous (no async, no await inside); nothing was written');
      }
      for (const [k, v] of staged) {
        if (v === null) this.data.delete(k);
        else this.data.set(k, v);
      }
      const last = this.steps[this.steps.length - 1];
      if (last !== undefined && staged.size > 0) (last as { what: string }).what = `transaction put ${[...staged.keys()].join(', ')}`;
      return result;
    });
  }

  private charge(request: { reference: string; payer: string; amountCents: number }, incarnation: number): ChargeResult {
    const r = request as { reference?: unknown; payer?: unknown; amountCents?: unknown } | null;
    if (typeof r !== 'object' || r === null || typeof r.reference !== 'string' || typeof r.payer !== 'string' || typeof r.amountCents !== 'number' || !(r.amountCents > 0)) {
      throw new TypeError(`processor.charge needs { reference: string, payer: string, amountCents > 0 }, got ${JSON.stringify(request)}`);
    }
    const balance = this.cardBalances.get(r.payer);
    let result: ChargeResult;
    if (balance === undefined) result = { outcome: 'declined', reason: 'unknown card' };
    else if (balance < r.amountCents) result = { outcome: 'declined', reason: 'insufficient funds' };
    else {
      this.cardBalances.set(r.payer, balance - r.amountCents);
      result = { outcome: 'charged', chargeId: `ch_${this.nextChargeId++}`, amountCents: r.amountCents };
    }
    this.charges.push({ reference: r.reference, payer: r.payer, amountCents: r.amountCents, result, t: this.nowMs(), incarnation });
    return { ...result };
  }

  private findCharge(reference: string): ChargeResult | null {
    const found = this.charges.find((c) => c.reference === reference);
    return found === undefined ? null : { ...found.result };
  }

  // ---- clients ----------------------------------------------------------------------------------

  /**
   * A client pays: sends the request, retries with the same key after `timeoutMs` without a reply
   * or after a "processing" reply, until it gets a final answer or the deadline passes.
   */
  pay(request: PaymentRequest, options: { timeoutMs: number; doubleClick?: boolean; probeOf?: Payment }): Payment {
    const payment: Payment = { id: this.payments.length, request: { ...request }, probeOf: options.probeOf ?? null, attempts: [], final: null, finalMs: null };
    this.payments.push(payment);
    const send = (chain: boolean): void => {
      if (payment.final !== null || this.nowMs() >= this.clientDeadlineMs) return;
      const attempt: Attempt = { n: payment.attempts.length + 1, sentMs: this.nowMs(), incarnation: this.alive ? this.incarnation : null, reply: null, replyMs: null };
      payment.attempts.push(attempt);
      if (chain) this.chainAttempt.set(payment, attempt);
      if (this.alive && this.service !== null) {
        const incarnation = this.incarnation;
        let pending: Promise<PaymentResponse>;
        try {
          pending = Promise.resolve(this.service.handle({ ...payment.request }));
        } catch (error) {
          this.problems.push(`handle(${describeRequest(payment.request)}) threw: ${String((error as Error)?.message ?? error)}`);
          pending = never<PaymentResponse>();
        }
        pending.then(
          (response) => {
            if (!this.alive || this.incarnation !== incarnation) return;
            let checked: PaymentResponse;
            try {
              checked = checkResponse(response);
            } catch (error) {
              this.problems.push(`handle(${describeRequest(payment.request)}): ${(error as Error).message}`);
              return;
            }
            this.after(this.latency('client'), () => this.onReply(payment, attempt, checked, chain, options.timeoutMs, send));
          },
          (error: unknown) => {
            if (!this.alive || this.incarnation !== incarnation) return;
            this.problems.push(`handle(${describeRequest(payment.request)}) rejected: ${String((error as Error)?.message ?? error)}`);
          },
        );
      }
      if (chain) this.after(options.timeoutMs, () => attempt.reply === null && this.chainAttempt.get(payment) === attempt && send(true));
    };
    send(true);
    if (options.doubleClick) send(false);
    return payment;
  }

  private onReply(payment: Payment, attempt: Attempt, response: PaymentResponse, chain: boolean, timeoutMs: number, send: (chain: boolean) => void): void {
    attempt.reply = response;
    attempt.replyMs = this.nowMs();
    if (FINAL.has(response.status)) {
      if (payment.final === null) {
        payment.final = response;
        payment.finalMs = this.nowMs();
      }
      return;
    }
    // "processing": come back a little later.
    if (chain && this.chainAttempt.get(payment) === attempt) this.after(this.rng.range(5, Math.max(6, timeoutMs)), () => send(true));
  }

  // ---- the simulation ---------------------------------------------------------------------------

  after(delayMs: number, fn: Event): void {
    this.queue.push(this.nowMs() + Math.max(0, delayMs), fn);
  }

  at(ms: number, fn: Event): void {
    this.queue.push(Math.max(ms, this.nowMs()), fn);
  }

  /** Runs events (letting promise callbacks settle after each) until `untilMs` or nothing is left. */
  async run(untilMs: number, maxEvents = 200_000): Promise<void> {
    let events = 0;
    await this.options.settle();
    while (this.queue.size > 0 && this.queue.peekTimeMs() <= untilMs) {
      if (++events > maxEvents) throw new Error(`more than ${maxEvents} simulation events: is something retrying in a tight loop?`);
      const { atMs, event } = this.queue.pop();
      this.clock.advanceToMs(atMs);
      event();
      await this.options.settle();
    }
  }

  /** A compact account for a failing test's trace. */
  trace(extra: Record<string, unknown> = {}): unknown {
    return {
      ...extra,
      steps: this.steps.slice(0, 120).map((s) => `#${s.i} t=${s.t} p${s.incarnation} ${s.what}${s.crash ? ` ✗ crash ${s.crash}` : ''}`),
      charges: this.charges.map((c) => `t=${c.t} p${c.incarnation} ${c.reference} ${c.payer} ${c.amountCents}¢ → ${c.result.outcome === 'charged' ? c.result.chargeId : c.result.reason}`),
      payments: this.payments.slice(0, 40).map(
        (p) => `${p.probeOf ? 'probe ' : ''}${describeRequest(p.request)} ⇒ ${describeResponse(p.final)}; attempts: ${p.attempts.map((a) => `${a.sentMs}${a.incarnation === null ? '(down)' : ''}→${a.reply === null ? '…' : a.reply.status}`).join(' ')}`,
      ),
      store: Object.fromEntries(this.keys().slice(0, 60).map((k) => [k, this.read(k) ?? null])),
    };
  }
}
