import { AssertionError, attachTrace, forSeeds, metric, stage } from '../../grader/harness/api';
import { concurrentDuplicates, crashAtEveryStep, payloadMismatch, randomCrashes, type Outcome } from './hidden-scenarios';
import { generatedPayments } from './hidden-generated';
import { PaymentService } from './solution';

/** Lets pending promise callbacks run between simulation events (the harness's virtual zero-delay timer). */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown };
const settle = (): Promise<void> => new Promise<void>((resolve) => void timers.setTimeout(resolve, 0));

const seeds = (n: number, from: number): number[] => Array.from({ length: n }, (_, i) => from + i);

function holds(outcome: Outcome): void {
  for (const [name, value] of Object.entries(outcome.metrics)) metric(name, value);
  if (outcome.trace !== null) attachTrace(outcome.trace);
  if (outcome.failure !== null) throw new AssertionError(outcome.failure);
}

stage('keys', () => {
  forSeeds('a key reused with another payload is refused, and charges nothing', seeds(8, 1), async (seed) => holds(await payloadMismatch(seed, PaymentService, settle)));
});

stage('concurrency', () => {
  forSeeds('duplicates in flight at once (double clicks, overtaking retries) charge once', seeds(12, 101), async (seed) => holds(await concurrentDuplicates(seed, PaymentService, settle)));
});

stage('crashes', () => {
  // Generated workloads: payers that decline, reuses that change the payer, payee or amount, late
  // retries of completed (also declined) payments, double clicks, zero to two crashes at any step.
  forSeeds('generated payments, reuses, late retries and crashes: every property holds (shrunk on failure)', seeds(4, 401), async (seed) => {
    const result = await generatedPayments(seed, PaymentService, settle, 20);
    if (result === null) return;
    attachTrace(result.trace);
    throw new AssertionError(result.failure);
  });

  forSeeds('a crash before or after every step boundary: each payment charged and credited exactly once', seeds(10, 201), async (seed) => holds(await crashAtEveryStep(seed, PaymentService, settle)));
  forSeeds('impatient clients and one to three crashes at random steps: exactly once, balances conserved', seeds(16, 301), async (seed) => holds(await randomCrashes(seed, PaymentService, settle)));
});
