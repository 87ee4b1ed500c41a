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

function paymentFor(world: PaymentsWorld, reference: string, payer: string, amountCents: number): Payment | undefined {
  const originals = world.payments.filter((p) => p.probeOf === null);
  return originals.find((p) => reference.includes(p.request.idempotencyKey)) ?? originals.find((p) => p.request.payer === payer && p.request.amountCents === amountCents);
}

/** Every property of a finished run; null when all hold. */
export function verify(world: PaymentsWorld, seed: number): string | null {
  const where = `(seed ${seed}, ${crashText(world)})`;
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
  for (const p of world.payments) {
    if (p.probeOf === null && p.final!.status === 'succeeded') {
      const id = (p.final as { chargeId: string }).chargeId;
      byCharge.set(id, [...(byCharge.get(id) ?? []), p]);
    }
  }
  const charged = world.charges.filter((c) => c.result.outcome === 'charged');
  for (const c of charged) {
    const id = (c.result as { chargeId: string }).chargeId;
    if (!byCharge.has(id)) {
      const p = paymentFor(world, c.reference, c.payer, c.amountCents);
      const all = p === undefined ? [] : charged.filter((x) => paymentFor(world, x.reference, x.payer, x.amountCents) === p);
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

  const expected = new Map<string, number>();
  for (const p of world.payments) {
    if (p.probeOf === null && p.final!.status === 'succeeded') expected.set(p.request.payee, (expected.get(p.request.payee) ?? 0) + p.request.amountCents);
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

const CARDS = { alice: 5_000, bob: 3_000, carol: 800, dave: 100 };
const PAYEES = ['shop-1', 'shop-2'];

interface Plan {
  readonly at: number;
  readonly request: PaymentRequest;
  readonly timeoutMs: number;
  readonly doubleClick: boolean;
  /** Send the same key with another amount this long after the payment completes. */
  readonly probeAfterMs: number | null;
}

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
    });
  }
  return out;
}

async function runPlan(plans: readonly Plan[], seed: number, serviceClass: ServiceClass, settle: () => Promise<void>, crashes: readonly CrashPoint[]): Promise<PaymentsWorld> {
  const world = new PaymentsWorld({ rng: new Prng(seed), serviceClass, settle, cards: CARDS, crashes, clientDeadlineMs: 5000 });
  for (const p of plans) {
    world.at(p.at, () => {
      const payment = world.pay(p.request, { timeoutMs: p.timeoutMs, doubleClick: p.doubleClick });
      if (p.probeAfterMs === null) return;
      const probe = (): void => {
        if (payment.final === null) {
          world.after(10, probe);
          return;
        }
        world.after(p.probeAfterMs!, () => world.pay({ ...p.request, amountCents: p.request.amountCents + 5 }, { timeoutMs: p.timeoutMs, probeOf: payment }));
      };
      world.after(1, probe);
    });
  }
  await world.run(6000);
  return world;
}

/**
 * A few payments (one double-clicked, one declined, one probed with another payload), run once
 * without faults to count the steps, then once per step boundary with a crash just before and
 * just after it.
 */
export async function crashAtEveryStep(seed: number, serviceClass: ServiceClass, settle: () => Promise<void>): Promise<Outcome> {
  const rng = new Prng(seed).fork('plan');
  const plans: Plan[] = [
    { at: 0, request: { idempotencyKey: `order-${rng.range(1000, 9999)}`, payer: rng.pick(['alice', 'bob']), payee: 'shop-1', amountCents: rng.range(4, 40) * 25 }, timeoutMs: rng.range(30, 60), doubleClick: true, probeAfterMs: rng.range(1, 20) },
    { at: rng.range(0, 30), request: { idempotencyKey: `order-${rng.range(1000, 9999)}`, payer: 'dave', payee: 'shop-2', amountCents: 500 }, timeoutMs: rng.range(30, 60), doubleClick: false, probeAfterMs: null },
    { at: rng.range(0, 30), request: { idempotencyKey: `order-${rng.range(1000, 9999)}`, payer: 'carol', payee: rng.pick(PAYEES), amountCents: rng.range(1, 30) * 25 }, timeoutMs: rng.range(30, 60), doubleClick: false, probeAfterMs: null },
  ];
  const clean = await runPlan(plans, seed, serviceClass, settle, []);
  const cleanFailure = verify(clean, seed);
  const metrics: Record<string, number> = { ...metricsOf(clean), crashRuns: 0 };
  if (cleanFailure !== null) return { failure: cleanFailure, metrics, trace: clean.trace({ seed }) };
  const steps = Math.min(clean.steps.length, 60);
  for (let step = 0; step < steps; step++) {
    for (const when of ['before', 'after'] as const) {
      const world = await runPlan(plans, seed, serviceClass, settle, [{ step, when }]);
      metrics.crashRuns!++;
      const failure = verify(world, seed);
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
  const world = await runPlan(plans, seed, serviceClass, settle, crashes);
  return { failure: verify(world, seed), metrics: metricsOf(world), trace: world.trace({ seed, crashes }) };
}

/** No crashes: duplicates in flight at the same time (double clicks, retries that overtake the original). */
export async function concurrentDuplicates(seed: number, serviceClass: ServiceClass, settle: () => Promise<void>): Promise<Outcome> {
  const rng = new Prng(seed).fork('plan');
  const plans = plan(rng, 8, 60, 700, 0).map((p) => ({ ...p, timeoutMs: rng.range(5, 25) }));
  const world = await runPlan(plans, seed, serviceClass, settle, []);
  return { failure: verify(world, seed), metrics: metricsOf(world), trace: world.trace({ seed }) };
}

/** Every key is reused with another payload shortly after its payment completed. */
export async function payloadMismatch(seed: number, serviceClass: ServiceClass, settle: () => Promise<void>): Promise<Outcome> {
  const rng = new Prng(seed).fork('plan');
  const plans = plan(rng, 6, 100, 200, 1000);
  const world = await runPlan(plans, seed, serviceClass, settle, []);
  return { failure: verify(world, seed), metrics: metricsOf(world), trace: world.trace({ seed }) };
}
