/**
 * Server-only: generated payment workloads for a property test. A case is a few payments (payers
 * with money, without enough, or unknown to the processor; both payees; amounts), each maybe
 * double-clicked, reused later with another payer, payee or amount (a probe), or sent again
 * unchanged after its answer (a late retry); zero to two crashes at generated steps; and the seed of
 * the world's latencies. Every property of `verify` must hold; a failing case is shrunk (fewer
 * payments, fewer crashes, plainer requests) and the message names the minimal one and the seed.
 */
import { fc } from '../../grader/harness/property';
import type { PaymentRequest } from './api';
import type { CrashPoint, ServiceClass } from './payments-world';
import { PAYEES, runPlan, verify, type PayloadChange, type Plan } from './hidden-scenarios';

export interface PaymentsCase {
  readonly worldSeed: number;
  readonly plans: readonly Plan[];
  readonly crashes: readonly CrashPoint[];
}

const change: fc.Arbitrary<PayloadChange> = fc.constantFrom('amount', 'payer', 'payee', 'all');

const plan: fc.Arbitrary<Omit<Plan, 'request'> & { request: Omit<PaymentRequest, 'idempotencyKey'> }> = fc
  .record({
    at: fc.integer({ min: 0, max: 60 }),
    // 'erin' has no card at the processor (declined: unknown card); dave has 100¢ (declined above that).
    payer: fc.constantFrom('alice', 'bob', 'carol', 'dave', 'erin'),
    payee: fc.constantFrom(...PAYEES),
    amountCents: fc.integer({ min: 1, max: 40 }).map((n) => n * 25),
    timeoutMs: fc.integer({ min: 5, max: 70 }),
    doubleClick: fc.boolean(),
    probe: fc.option(fc.record({ afterMs: fc.integer({ min: 1, max: 30 }), change }), { nil: null }),
    replayAfterMs: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  })
  .map(({ at, payer, payee, amountCents, timeoutMs, doubleClick, probe, replayAfterMs }) => ({
    at,
    request: { payer, payee, amountCents },
    timeoutMs,
    doubleClick,
    probeAfterMs: probe?.afterMs ?? null,
    probeChange: probe?.change ?? 'amount',
    replayAfterMs,
  }));

export const paymentsCase: fc.Arbitrary<PaymentsCase> = fc.record({
  worldSeed: fc.integer({ min: 1, max: 1_000_000 }),
  // Keys are distinct per payment; payloads may repeat (two payments may look alike and still both charge).
  plans: fc.array(plan, { minLength: 1, maxLength: 4 }).map((ps) => ps.map((p, i): Plan => ({ ...p, request: { idempotencyKey: `pay-${i + 1}`, ...p.request } }))),
  crashes: fc.array(fc.record({ step: fc.integer({ min: 0, max: 40 }), when: fc.constantFrom('before' as const, 'after' as const) }), { maxLength: 2 }),
});

export function describeCase(c: PaymentsCase): string {
  const payments = c.plans.map((p) => {
    const r = p.request;
    const extras = [
      p.doubleClick ? 'double-clicked' : '',
      p.probeAfterMs !== null ? `reused with another ${p.probeChange === 'all' ? 'payer, payee and amount' : p.probeChange} ${p.probeAfterMs} ms after its answer` : '',
      p.replayAfterMs != null ? `sent again ${p.replayAfterMs} ms after its answer` : '',
    ].filter((x) => x !== '');
    return `${r.idempotencyKey}: ${r.payer} → ${r.payee} ${r.amountCents}¢ at t=${p.at}, timeout ${p.timeoutMs} ms${extras.length ? ` (${extras.join(', ')})` : ''}`;
  });
  const crashes = c.crashes.map((k) => ('step' in k ? `crash ${k.when} step #${k.step}` : '')).join(', ');
  return `world seed ${c.worldSeed}; ${payments.join('; ')}; ${crashes || 'no crash'}`;
}

/**
 * Runs the generated cases; returns null when all hold, or the message for the minimal failing
 * case and its world's trace.
 */
export async function generatedPayments(seed: number, serviceClass: ServiceClass, settle: () => Promise<void>, numRuns: number): Promise<{ failure: string; trace: unknown } | null> {
  const check = async (c: PaymentsCase): Promise<string | null> => {
    const { world, replays } = await runPlan(c.plans, c.worldSeed, serviceClass, settle, c.crashes);
    return verify(world, c.worldSeed, replays);
  };
  const details = await fc.check(
    fc.asyncProperty(paymentsCase, async (c) => (await check(c)) === null),
    { seed, numRuns },
  );
  if (!details.failed || details.counterexample === null) return null;
  const minimal = details.counterexample[0];
  const { world, replays } = await runPlan(minimal.plans, minimal.worldSeed, serviceClass, settle, minimal.crashes);
  const why = verify(world, minimal.worldSeed, replays) ?? 'it failed while searching but not on its own (state kept between runs?)';
  return {
    failure: `generated payments (seed ${seed}): minimal counter-example after ${details.numRuns} cases and ${details.numShrinks} shrinks: ${describeCase(minimal)} — ${why}`,
    trace: world.trace({ seed, case: describeCase(minimal) }),
  };
}
