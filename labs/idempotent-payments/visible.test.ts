import { attachTrace, expect, stage, test } from '../../grader/harness/api';
import { Prng } from '../../engine/sim/prng';
import type { PaymentRequest } from './api';
import { PaymentsWorld, type CrashPoint, type Payment } from './payments-world';
import { PaymentService } from './solution';

const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown };
const settle = (): Promise<void> => new Promise<void>((resolve) => void timers.setTimeout(resolve, 0));

function world(crashes: CrashPoint[] = []): PaymentsWorld {
  return new PaymentsWorld({ rng: new Prng(1), serviceClass: PaymentService, settle, cards: { alice: 2_000, dave: 100 }, crashes });
}

const order: PaymentRequest = { idempotencyKey: 'order-1', payer: 'alice', payee: 'shop', amountCents: 700 };

/** Pays, waits for the final answer, then sends the same request again (a retry after success). */
async function payTwice(w: PaymentsWorld, request: PaymentRequest): Promise<[Payment, Payment]> {
  const first = w.pay(request, { timeoutMs: 200 });
  await w.run(1000);
  const again = w.pay(request, { timeoutMs: 200 });
  await w.run(2000);
  attachTrace(w.trace());
  return [first, again];
}

stage('keys', () => {
  test('a payment charges the card once and credits the payee', async () => {
    const w = world();
    const p = w.pay(order, { timeoutMs: 200 });
    await w.run(1000);
    attachTrace(w.trace());
    expect(w.problems, 'service errors').toEqual([]);
    expect(p.final?.status, 'answer').toBe('succeeded');
    expect(w.charges.length, 'processor charges').toBe(1);
    expect(w.read('balance/shop'), 'balance/shop').toBe(700);
  });

  test('a retry with the same key gets the original response and charges nothing more', async () => {
    const w = world();
    const [first, again] = await payTwice(w, order);
    expect(w.problems, 'service errors').toEqual([]);
    expect(again.final, 'the retry answer').toEqual(first.final);
    expect(w.charges.length, 'processor charges').toBe(1);
    expect(w.read('balance/shop'), 'balance/shop').toBe(700);
  });

  test('a declined payment is declined again on retry, without a second attempt', async () => {
    const w = world();
    const [first, again] = await payTwice(w, { ...order, payer: 'dave' });
    expect(first.final?.status, 'answer').toBe('declined');
    expect(again.final, 'the retry answer').toEqual(first.final);
    expect(w.charges.length, 'processor attempts').toBe(1);
  });

  test('the same key with another amount is refused as a mismatch', async () => {
    const w = world();
    w.pay(order, { timeoutMs: 200 });
    await w.run(1000);
    const reused = w.pay({ ...order, amountCents: 900 }, { timeoutMs: 200 });
    await w.run(2000);
    attachTrace(w.trace());
    expect(reused.final?.status, 'answer to the reused key').toBe('mismatch');
    expect(w.charges.length, 'processor charges').toBe(1);
  });
});

stage('crashes', () => {
  test('a crash right after the charge: the retry completes the payment without charging again', async () => {
    // The process dies just after the processor charged the card, before it heard back.
    const w = world([{ first: 'charge', when: 'after' }]);
    const p = w.pay(order, { timeoutMs: 50 });
    await w.run(3000);
    attachTrace(w.trace());
    expect(w.problems, 'service errors').toEqual([]);
    expect(w.crashCount, 'crashes').toBe(1);
    expect(p.final?.status, 'answer after the crash').toBe('succeeded');
    expect(w.charges.length, 'processor charges').toBe(1);
    expect(w.read('balance/shop'), 'balance/shop').toBe(700);
  });
});
