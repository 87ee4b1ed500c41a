/**
 * The graded scenarios of idempotent-payments: (seed, service class) → outcome. Each check returns
 * null or a message naming the property, the seed, the crash point and where to look.
 */
import { Prng } from '../../engine/sim/prng';
import type { PaymentRequest } from './api';
import { describeRequest, describeResponse, PaymentsWorld, sameResponse, type CrashPoint, type Payment, type ServiceClass } from './payments-world';

export interface Outcome {
  readonly failure: string | null;
  readonly metrics: Record<string, number>;
  readonly trace: unknown;
}

const FINAL = new Set(['succeeded', 'declined', 'mismatch']);

function crashText(world: PaymentsWorld): string {
  const crashed = world.steps.filter((s) => s.crash !== undefined);
  if (crashed.length === 0) return 'no crash';
  return crashed.map((s) => `crash ${s.crash} step #${s.i} (${s.what}, t=${s.t})`).join(', ');
}

function paymentFor(world: PaymentsWorld, reference: string, payer: string, amountCents: number, replays: ReadonlyMap<Payment, Payment>): Payment | undefined {
  const originals = world.payments.filter((p) => p.probeOf === null && !replays.has(p));
  return originals.find((p) => reference.includes(p.request.idempotencyKey)) ?? originals.find((p) => p.request.payer === payer && p.request.amountCents === amountCents);
}

/**
 * Every property of a finished run; null when all hold. `replays` maps a later request that
 * repeats a key with the same payload (a client retrying after it got its answer) to the payment
 * it repeats: it must get the same final answer, and it is not a payment of its own.
 */
export function verify(world: PaymentsWorld, seed: number, replays: ReadonlyMap<Payment, Payment> = new Map()): string | null {
  const where = `(seed ${seed}, ${crashText(world)})`;
  const isOriginal = (p: Payment): boolean => p.probeOf === null && !replays.has(p);
  if (world.problems.length > 0) return `service error ${where}: ${world.problems[0]}`;

  for (const p of world.payments) {
    if (p.final === null) {
      const replies = p.attempts.map((a) => (a.reply === null ? 'no reply' : a.reply.status));
      const stuck = replies.filter((r) => r === 'processing').length;
      const hint =
        stuck > 0 && world.crashCount > 0
          ? ' A key left "processing" by an incarnation that crashed will never be finished by it: a newer incarnation must take it over (record which incarnation owns the key).'
          : ' Every request must eventually get a final answer.';
      return `payment never completed ${where}: ${describeRequest(p.request)} got no final answer in ${p.attempts.length} attempts (${replies.slice(-6).join(', ')}).${hint}`;
    }
  }

  for (const p of world.payments) {
    if (p.probeOf !== null && p.final!.status !== 'mismatch') {
      return `key reused with a different payload was accepted ${where}: ${describeRequest(p.request)} answered ${describeResponse(p.final)}, but the key was first used for ${describeRequest(p.probeOf.request)}. Store a fingerprint of the payload with the key and answer "mismatch" (HTTP 422) when it differs.`;
    }
  }

  const byCharge = new Map<string, Payment[]>();
  for (const [replay, original] of replays) {
    if (!sameResponse(replay.final!, original.final!)) {
      return `a retry after the answer got a different answer ${where}: ${describeRequest(original.request)} was answered ${describeResponse(original.final)}, and the same request sent again at t=${replay.attempts[0]?.sentMs} was answered ${describeResponse(replay.final)}. A completed key returns its stored response, unchanged${original.final!.status === 'declined' ? ': a decline is final too, so record it' : ''}.`;
    }
  }

  for (const p of world.payments) {
    if (isOriginal(p) && p.final!.status === 'succeeded') {
      const id = (p.final as { chargeId: string }).chargeId;
      byCharge.set(id, [...(byCharge.get(id) ?? []), p]);
    }
  }
  const charged = world.charges.filter((c) => c.result.outcome === 'charged');
  for (const c of charged) {
    const id = (c.result as { chargeId: string }).chargeId;
    if (!byCharge.has(id)) {
      const p = paymentFor(world, c.reference, c.payer, c.amountCents, replays);
      const all = p === undefined ? [] : charged.filter((x) => paymentFor(world, x.reference, x.payer, x.amountCents, replays) === p);
      return `charged twice ${where}: the card ${c.payer} was charged ${c.amountCents}¢ as ${id} (reference "${c.reference}", t=${c.t}, incarnation ${c.incarnation}), but no client was ever answered with that charge${p === undefined ? '' : `; payment ${describeRequest(p.request)} was answered ${describeResponse(p.final)} and caused ${all.length} charges`}. ${
        new Set(all.map((x) => x.incarnation)).size > 1
          ? 'The charges came from different incarnations: after a crash, ask the processor (findCharge with the same reference) before charging again.'
          : 'Two requests with the same key were in flight at once: claim the key in one transaction (check and insert atomically), so only one of them charges.'
      }`;
    }
  }
  for (const [id, ps] of byCharge) {
    if (ps.length > 1) return `one charge answered for two payments ${where}: ${id} was returned to ${ps.map((p) => describeRequest(p.request)).join(' and ')}.`;
    const c = charged.find((x) => (x.result as { chargeId: string }).chargeId === id);
    const p = ps[0]!;
    if (c === undefined || c.amountCents !== p.request.amountCents || c.payer !== p.request.payer) {
      return `answered with a charge that does not match ${where}: ${describeRequest(p.request)} was answered ${describeResponse(p.final)}, but the processor has ${c === undefined ? 'no such charge' : `${c.payer} ${c.amountCents}¢ under that id`}.`;
    }
  }

  // One logical payment (one key) reaches the processor's charge at most once, declines included:
  // a completed key answers from the store, and a takeover asks findCharge before charging.
  const originals = world.payments.filter(isOriginal);
  const keys = new Set(originals.map((p) => p.request.idempotencyKey));
  if (world.charges.length > keys.size) {
    const twice = [...keys].find((k) => world.charges.filter((c) => c.reference.includes(k)).length > 1);
    const attempts = twice === undefined ? [] : world.charges.filter((c) => c.reference.includes(twice));
    const original = originals.find((p) => p.request.idempotencyKey === twice);
    const first = attempts[0];
    const second = attempts[1];
    let why = 'Each key may reach processor.charge once: answer a completed key from the store, claim a new key in one transaction, and let a new incarnation that takes a key over ask findCharge(reference) before it charges.';
    if (first !== undefined && second !== undefined && original?.finalMs != null) {
      if (first.incarnation !== second.incarnation) why = `The two attempts came from incarnations ${first.incarnation} and ${second.incarnation}: after a crash, ask findCharge(reference) with the same reference before charging again, and record what it returns (a decline too).`;
      else if (first.result.outcome === 'declined' && second.t > original.finalMs) why = `The first attempt was declined and answered at t=${original.finalMs}; the second was made at t=${second.t}, after that answer: a decline is final, so record it in the completing transaction and replay it to a retry.`;
      else if (second.t > original.finalMs) why = `The second attempt was made at t=${second.t}, after the payment was answered at t=${original.finalMs}: a completed key must answer from the store.`;
    }
    return `the processor was asked to charge ${world.charges.length} times for ${keys.size} payments ${where}${twice === undefined ? '' : `: key ${twice} ${attempts.length} times (${attempts.map((c) => `t=${c.t} p${c.incarnation} → ${c.result.outcome === 'charged' ? c.result.chargeId : `declined: ${c.result.reason}`}`).join(', ')})`}. ${why}`;
  }

  const expected = new Map<string, number>();
  for (const p of world.payments) {
    if (isOriginal(p) && p.final!.status === 'succeeded') expected.set(p.request.payee, (expected.get(p.request.payee) ?? 0) + p.request.amountCents);
  }
  const payees = new Set([...expected.keys(), ...world.keys().filter((k) => k.startsWith('balance/')).map((k) => k.slice('balance/'.length))]);
  for (const payee of [...payees].sort()) {
    const raw = world.read(`balance/${payee}`);
    const have = raw === undefined ? 0 : raw;
    const want = expected.get(payee) ?? 0;
    if (have !== want) {
      return `payee balance wrong ${where}: balance/${payee} is ${JSON.stringify(have)}¢ but the payments to ${payee} that succeeded total ${want}¢. ${
        typeof have === 'number' && have > want
          ? 'A payment was credited twice: crediting the payee and marking the key completed must happen in one transaction, so a crash cannot separate them.'
          : 'A charged payment was never credited: credit the payee in the same transaction that records the response.'
      }`;
    }
  }

  for (const p of world.payments) {
    for (const a of p.attempts) {
      if (a.reply !== null && FINAL.has(a.reply.status) && !sameResponse(a.reply, p.final!)) {
        return `a replay got a different answer ${where}: ${describeRequest(p.request)} answered ${describeResponse(p.final)} first, then ${describeResponse(a.reply)} to attempt ${a.n} (sent at t=${a.sentMs}). A retry must get the stored original response, byte for byte.`;
      }
    }
  }

  let cards = 0;
  for (const v of world.cardBalances.values()) cards += v;
  let credited = 0;
  for (const v of expected.values()) credited += v;
  if (cards + credited !== world.initialTotalCents) {
    return `money not conserved ${where}: cards hold ${cards}¢ and payees ${credited}¢, ${cards + credited}¢ in all, but ${world.initialTotalCents}¢ existed.`;
  }
  return null;
}

function metricsOf(world: PaymentsWorld): Record<string, number> {
  const originals = world.payments.filter((p) => p.probeOf === null).length;
  return {
    payments: originals,
    attempts: world.payments.reduce((n, p) => n + p.attempts.length, 0),
    ioStepsPerPayment: Math.round((world.steps.length / Math.max(1, world.payments.length)) * 10) / 10,
    processorCalls: world.steps.filter((s) => s.what.startsWith('charge') || s.what.startsWith('findCharge')).length,
    crashes: world.crashCount,
  };
}

export const CARDS = { alice: 5_000, bob: 3_000, carol: 800, dave: 100 };
export const PAYEES = ['shop-1', 'shop-2'];

/** Which part of the payload a key's reuse changes: any of them makes it another payment. */
export type PayloadChange = 'amount' | 'payer' | 'payee' | 'all';

export interface Plan {
  readonly at: number;
  readonly request: PaymentRequest;
  readonly timeoutMs: number;
  readonly doubleClick: boolean;
  /** Send the same key with another payload this long after the payment completes. */
  readonly probeAfterMs: number | null;
  /** What the probe changes (default: the amount). */
  readonly probeChange?: PayloadChange;
  /** Send the very same request again this long after the payment completes (a late retry). */
  readonly replayAfterMs?: number | null;
}

/** The same key with another payer, payee or amount (or all three). */
export function changedPayload(request: PaymentRequest, change: PayloadChange): PaymentRequest {
  const otherPayer = request.payer === 'alice' ? 'bob' : 'alice';
  const otherPayee = request.payee === PAYEES[0] ? PAYEES[1]! : PAYEES[0]!;
  switch (change) {
    case 'amount':
      return { ...request, amountCents: request.amountCents + 5 };
    case 'payer':
      return { ...request, payer: otherPayer };
    case 'payee':
      return { ...request, payee: otherPayee };
    case 'all':
      return { ...request, payer: otherPayer, payee: otherPayee, amountCents: request.amountCents + 25 };
  }
}

const CHANGES: readonly PayloadChange[] = ['amount', 'payer', 'payee', 'all'];

function plan(rng: Prng, count: number, spreadMs: number, doubleClickPerMille: number, probePerMille: number): Plan[] {
  const cards = Object.keys(CARDS);
  const out: Plan[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      at: rng.range(0, spreadMs),
      request: { idempotencyKey: `pay-${i + 1}-${rng.range(100, 999)}`, payer: rng.pick(cards), payee: rng.pick(PAYEES), amountCents: rng.range(1, 30) * 25 },
      timeoutMs: rng.range(12, 70),
      doubleClick: rng.chance(doubleClickPerMille),
      probeAfterMs: rng.chance(probePerMille) ? rng.range(1, 40) : null,
      probeChange: rng.pick(CHANGES),
      replayAfterMs: rng.chance(250) ? rng.range(1, 40) : null,
    });
  }
  return out;
}

export interface PlanRun {
  readonly world: PaymentsWorld;
  /** Late retries of a completed payment → the payment they repeat. */
  readonly replays: Map<Payment, Payment>;
}

export async function runPlan(plans: readonly Plan[], seed: number, serviceClass: ServiceClass, settle: () => Promise<void>, crashes: readonly CrashPoint[]): Promise<PlanRun> {
  const world = new PaymentsWorld({ rng: new Prng(seed), serviceClass, settle, cards: CARDS, crashes, clientDeadlineMs: 5000 });
  const replays = new Map<Payment, Payment>();
  for (const p of plans) {
    world.at(p.at, () => {
      const payment = world.pay(p.request, { timeoutMs: p.timeoutMs, doubleClick: p.doubleClick });
      /** Runs `send` this long after the payment got its final answer. */
      const afterFinal = (delayMs: number, send: () => void): void => {
        const wait = (): void => {
          if (payment.final === null) world.after(10, wait);
          else world.after(delayMs, send);
        };
        world.after(1, wait);
      };
      if (p.probeAfterMs !== null) afterFinal(p.probeAfterMs, () => world.pay(changedPayload(p.request, p.probeChange ?? 'amount'), { timeoutMs: p.timeoutMs, probeOf: payment }));
      if (p.replayAfterMs != null) afterFinal(p.replayAfterMs, () => replays.set(world.pay(p.request, { timeoutMs: p.timeoutMs }), payment));
    });
  }
  await world.run(6000);
  return { world, replays };
}

/**
 * A few payments (one double-clicked and probed with another payer, payee or amount, one declined
 * and retried after its answer, one plain), run once
 * without faults to count the steps, then once per step boundary with a crash just before and
 * just after it.
 */
export async function crashAtEveryStep(seed: number, serviceClass: ServiceClass, settle: () => Promise<void>): Promise<Outcome> {
  const rng = new Prng(seed).fork('plan');
  const plans: Plan[] = [
    { at: 0, request: { idempotencyKey: `order-${rng.range(1000, 9999)}`, payer: rng.pick(['alice', 'bob']), payee: 'shop-1', amountCents: rng.range(4, 40) * 25 }, timeoutMs: rng.range(30, 60), doubleClick: true, probeAfterMs: rng.range(1, 20), probeChange: rng.pick(CHANGES) },
    { at: rng.range(0, 30), request: { idempotencyKey: `order-${rng.range(1000, 9999)}`, payer: 'dave', payee: 'shop-2', amountCents: 500 }, timeoutMs: rng.range(30, 60), doubleClick: false, probeAfterMs: null, replayAfterMs: rng.range(1, 20) },
    { at: rng.range(0, 30), request: { idempotencyKey: `order-${rng.range(1000, 9999)}`, payer: 'carol', payee: rng.pick(PAYEES), amountCents: rng.range(1, 30) * 25 }, timeoutMs: rng.range(30, 60), doubleClick: false, probeAfterMs: null },
  ];
  const { world: clean, replays: cleanReplays } = await runPlan(plans, seed, serviceClass, settle, []);
  const cleanFailure = verify(clean, seed, cleanReplays);
  const metrics: Record<string, number> = { ...metricsOf(clean), crashRuns: 0 };
  if (cleanFailure !== null) return { failure: cleanFailure, metrics, trace: clean.trace({ seed }) };
  const steps = Math.min(clean.steps.length, 60);
  for (let step = 0; step < steps; step++) {
    for (const when of ['before', 'after'] as const) {
      const { world, replays } = await runPlan(plans, seed, serviceClass, settle, [{ step, when }]);
      metrics.crashRuns!++;
      const failure = verify(world, seed, replays);
      if (failure !== null) return { failure, metrics, trace: world.trace({ seed, crash: { step, when } }) };
    }
  }
  return { failure: null, metrics, trace: null };
}

/** Many payments from impatient clients (short timeouts, double clicks), one to three crashes at random steps. */
export async function randomCrashes(seed: number, serviceClass: ServiceClass, settle: () => Promise<void>): Promise<Outcome> {
  const rng = new Prng(seed).fork('plan');
  const plans = plan(rng, 10, 150, 300, 250);
  const crashes: CrashPoint[] = [];
  const count = rng.range(1, 3);
  for (let i = 0; i < count; i++) crashes.push({ step: rng.range(0, 45), when: rng.chance(500) ? 'before' : 'after' });
  const { world, replays } = await runPlan(plans, seed, serviceClass, settle, crashes);
  return { failure: verify(world, seed, replays), metrics: metricsOf(world), trace: world.trace({ seed, crashes }) };
}

/** No crashes: duplicates in flight at the same time (double clicks, retries that overtake the original). */
export async function concurrentDuplicates(seed: number, serviceClass: ServiceClass, settle: () => Promise<void>): Promise<Outcome> {
  const rng = new Prng(seed).fork('plan');
  const plans = plan(rng, 8, 60, 700, 0).map((p) => ({ ...p, timeoutMs: rng.range(5, 25) }));
  const { world, replays } = await runPlan(plans, seed, serviceClass, settle, []);
  return { failure: verify(world, seed, replays), metrics: metricsOf(world), trace: world.trace({ seed }) };
}

/** Every key is reused with another payload shortly after its payment completed. */
export async function payloadMismatch(seed: number, serviceClass: ServiceClass, settle: () => Promise<void>): Promise<Outcome> {
  const rng = new Prng(seed).fork('plan');
  const plans = plan(rng, 6, 100, 200, 1000);
  const { world, replays } = await runPlan(plans, seed, serviceClass, settle, []);
  return { failure: verify(world, seed, replays), metrics: metricsOf(world), trace: world.trace({ seed }) };
}
