import { expect, forSeeds, stage, test } from '../../grader/harness/api';
import { LeakyBucketQueueLimiter as ReferenceLeaky } from '../../engine/ratelimit/leaky-bucket-queue';
import { runTraffic } from '../../engine/ratelimit/run-traffic';
import { TokenBucketLimiter as ReferenceToken } from '../../engine/ratelimit/token-bucket';
import { burst, merge, random, steady, type Arrival } from '../../engine/ratelimit/traffic';
import type { Prng } from '../../engine/sim/prng';
import type { LeakyBucketLimit, TokenBucketLimit } from './api';
import { compareOnTraffic, fail, type Mismatch } from '../../grader/harness/kits/limiter-compare';
import { LeakyBucketLimiter, TokenBucketLimiter } from './solution';
import { fc } from '../../grader/harness/property';
import { caseArbitrary, decisionsMatch } from '../../grader/harness/kits/limiter-generated';

const tokenTiers = (key: string): TokenBucketLimit =>
  key.startsWith('pro') ? { capacity: 20, refillTokens: 5, refillIntervalMs: 250 } : key.startsWith('batch') ? { capacity: 3, refillTokens: 1, refillIntervalMs: 60_000 } : { capacity: 5, refillTokens: 1, refillIntervalMs: 200 };
const leakyTiers = (key: string): LeakyBucketLimit =>
  key.startsWith('pro') ? { capacity: 20, leakIntervalMs: 50 } : key.startsWith('batch') ? { capacity: 2, leakIntervalMs: 30_000 } : { capacity: 5, leakIntervalMs: 200 };

function tokenAdvice(limit: (key: string) => TokenBucketLimit) {
  return (m: Mismatch) => {
    const { capacity, refillTokens, refillIntervalMs } = limit(m.arrival.key);
    const last = m.history[m.history.length - 1];
    return `Limit: capacity ${capacity}, +${refillTokens} per whole ${refillIntervalMs} ms; this key's previous request was ${last === undefined ? 'none (a new key starts with a full bucket)' : `at ${last[0]} ms (${last[1] ? 'admitted' : 'rejected'})`}. Check: whole intervals only, the partial interval carries over (advance refilledAt by intervals · refillIntervalMs, not to now), the cap at capacity, and that a bucket a refill filled up accrues nothing: its refill clock restarts at now.`;
  };
}

/**
 * The reference's decisions for the mismatching request's key from the start of the run: [atMs,
 * admitted, delayMs]. (The mismatch's own history keeps the last 40; a queue of 50 needs more.)
 */
function keyHistory(reference: ReferenceLeaky, arrivals: readonly Arrival[], m: Mismatch): [number, boolean, number][] {
  const out: [number, boolean, number][] = [];
  for (let i = 0; i < m.index; i++) {
    const a = arrivals[i]!;
    const d = reference.tryAcquire(a.key, a.atMs);
    if (a.key === m.arrival.key) out.push([a.atMs, d.admitted, d.delayMs]);
  }
  return out;
}

function leakyAdvice(limit: (key: string) => LeakyBucketLimit, arrivals: readonly Arrival[]) {
  return (m: Mismatch) => {
    const { capacity, leakIntervalMs } = limit(m.arrival.key);
    const history = keyHistory(new ReferenceLeaky(limit), arrivals, m);
    const waiting = history.filter(([t, ok, d]) => ok && t + d > m.arrival.atMs).map(([t, , d]) => t + d);
    const lastService = history.filter(([, ok]) => ok).map(([t, , d]) => t + d).pop();
    return `Limit: capacity ${capacity} waiting, one served per ${leakIntervalMs} ms. For the reference, ${waiting.length} admitted requests of this key were still waiting at ${m.arrival.atMs} ms (served at ${waiting.slice(0, 6).join(', ') || '—'}${waiting.length > 6 ? ', …' : ''}), the last admitted one is served at ${lastService ?? '—'}. This one is served at max(now, lastService + ${leakIntervalMs}); a request whose service time is ≤ now has left the queue.`;
  };
}

/** Steady streams, bursts, a long idle gap and random arrivals over several keys and tiers. */
function shapedTraffic(rng: Prng): Arrival[] {
  const streams: Arrival[][] = [];
  for (const key of ['free-1', 'free-2', 'pro-1', 'batch-1']) {
    streams.push(steady(key, rng.range(0, 300), rng.range(20, 400), rng.range(20, 60)));
    streams.push(random(key, 0, 5000, rng.range(5, 50), rng));
    streams.push(random(key, 70_000 + rng.range(0, 999), 2000, rng.range(10, 80), rng));
    for (let b = 0; b < 3; b++) streams.push(burst(key, rng.range(0, 75_000), rng.range(2, 40)));
  }
  return merge(...streams);
}

const tokenLimit: fc.Arbitrary<TokenBucketLimit> = fc.record({
  capacity: fc.integer({ min: 1, max: 12 }),
  // More than the capacity too: one interval may overfill, and the cap must hold.
  refillTokens: fc.integer({ min: 1, max: 15 }),
  refillIntervalMs: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 1000 })),
});
const leakyLimit: fc.Arbitrary<LeakyBucketLimit> = fc.record({
  capacity: fc.integer({ min: 1, max: 8 }),
  leakIntervalMs: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 600 })),
});
const showToken = (l: TokenBucketLimit) => `capacity ${l.capacity}, +${l.refillTokens} per ${l.refillIntervalMs} ms`;
const showLeaky = (l: LeakyBucketLimit) => `capacity ${l.capacity}, one per ${l.leakIntervalMs} ms`;

/** The name labels the limiter's series in reports and traces. */
function hasName(limiter: { name: unknown }, starter: string): void {
  if (typeof limiter.name !== 'string' || limiter.name.length === 0) fail(`the limiter's name must be a non-empty string (the starter's '${starter}'), got ${JSON.stringify(limiter.name)}.`);
}

stage('token-bucket', () => {
  // Generated limits (refills larger than the capacity, 1 ms intervals), per-key tiers, several
  // instances alive at once (state must live in the instance) and generated gaps.
  forSeeds('generated limits, keys, instances and gaps: every decision equals the reference', [31, 32, 33, 34], (seed) =>
    decisionsMatch({
      what: 'token bucket on a generated workload',
      seed,
      arbitrary: caseArbitrary(tokenLimit, 1000),
      learner: (l) => new TokenBucketLimiter(l),
      reference: (l) => new ReferenceToken(l),
      showLimit: showToken,
      advice: 'A new key starts full with refilledAt = now; add refillTokens per whole interval since refilledAt, capped at capacity; keep the partial interval (refilledAt += intervals · refillIntervalMs) unless the refill filled the bucket (then refilledAt = now); keep the state per instance and per key.',
    }),
  );

  test('the token bucket has a name', () => hasName(new TokenBucketLimiter({ capacity: 1, refillTokens: 1, refillIntervalMs: 1 }), 'token-bucket'));

  test('a long idle refills to capacity, not beyond', () => {
    const limits = { capacity: 10, refillTokens: 2, refillIntervalMs: 1000 };
    const report = runTraffic(new TokenBucketLimiter(limits), [...burst('a', 0, 10), ...burst('a', 60_000, 15)], 1000);
    expect(report.admittedAtMs.filter((t) => t === 60_000).length, 'admitted of a burst of 15 after a minute idle (capacity 10)').toBe(10);
  });

  test('the partial interval carries over; a full bucket accrues nothing', () => {
    const limits = { capacity: 2, refillTokens: 1, refillIntervalMs: 1000 };
    const carry: Arrival[] = [...burst('carry', 0, 2), { atMs: 1500, key: 'carry' }, { atMs: 2000, key: 'carry' }, { atMs: 2100, key: 'carry' }, { atMs: 3000, key: 'carry' }];
    compareOnTraffic({ what: 'partial intervals', seed: undefined, learner: new TokenBucketLimiter(limits), reference: new ReferenceToken(limits), arrivals: carry, bucketMs: 500, explain: tokenAdvice(() => limits) });
    // Refilled to full at 1500 ms, so the refill clock restarts there: after two takes, the next token is due at 2500 ms, not 2000 ms.
    const full: Arrival[] = [{ atMs: 0, key: 'full' }, { atMs: 1500, key: 'full' }, { atMs: 1600, key: 'full' }, { atMs: 2000, key: 'full' }, { atMs: 2499, key: 'full' }, { atMs: 2500, key: 'full' }];
    compareOnTraffic({ what: 'full bucket', seed: undefined, learner: new TokenBucketLimiter(limits), reference: new ReferenceToken(limits), arrivals: full, bucketMs: 500, explain: tokenAdvice(() => limits) });
  });

  test('steady 10/s against 5/s with a burst allowance of 5', () => {
    const limits = { capacity: 5, refillTokens: 1, refillIntervalMs: 200 };
    const report = runTraffic(new TokenBucketLimiter(limits), steady('a', 0, 100, 40), 1000);
    expect(report.series[0]?.values, 'admitted per second').toEqual([9, 5, 5, 5]);
  });

  forSeeds('shaped multi-key traffic, decision for decision', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (seed, rng) => {
    const single = [{ capacity: 5, refillTokens: 1, refillIntervalMs: 200 }, { capacity: 1, refillTokens: 1, refillIntervalMs: 333 }, { capacity: 50, refillTokens: 10, refillIntervalMs: 1000 }][seed % 3]!;
    const limits = seed % 2 === 0 ? tokenTiers : () => single;
    compareOnTraffic({ what: 'shaped traffic', seed, learner: new TokenBucketLimiter(seed % 2 === 0 ? tokenTiers : single), reference: new ReferenceToken(seed % 2 === 0 ? tokenTiers : single), arrivals: shapedTraffic(rng), bucketMs: 1000, explain: tokenAdvice(limits) });
  });
});

stage('leaky-bucket', () => {
  forSeeds('generated limits, keys, instances and gaps: every decision and delay equals the reference', [41, 42, 43, 44], (seed) =>
    decisionsMatch({
      what: 'leaky bucket on a generated workload',
      seed,
      arbitrary: caseArbitrary(leakyLimit, 600),
      learner: (l) => new LeakyBucketLimiter(l),
      reference: (l) => new ReferenceLeaky(l),
      showLimit: showLeaky,
      advice: 'Serve at max(now, lastService + leakIntervalMs) with delayMs = service − now; a request served at or before now has left the queue; reject (delay 0) only when it would wait and capacity requests are already waiting; keep the state per instance and per key.',
    }),
  );

  test('the leaky bucket has a name', () => hasName(new LeakyBucketLimiter({ capacity: 1, leakIntervalMs: 1 }), 'leaky-bucket'));

  test('steady 10/s into a bucket that serves 5/s: served exactly every 200 ms, queue bounded', () => {
    const limits = { capacity: 3, leakIntervalMs: 200 };
    const arrivals = steady('a', 0, 100, 30);
    compareOnTraffic({ what: 'steady 10/s', seed: undefined, learner: new LeakyBucketLimiter(limits), reference: new ReferenceLeaky(limits), arrivals, bucketMs: 500, explain: leakyAdvice(() => limits, arrivals) });
  });

  forSeeds('shaped multi-key traffic: output cadence and queue bound, decision for decision', [11, 12, 13, 14, 15, 16, 17, 18, 19, 20], (seed, rng) => {
    const single = [{ capacity: 5, leakIntervalMs: 200 }, { capacity: 1, leakIntervalMs: 333 }, { capacity: 50, leakIntervalMs: 20 }][seed % 3]!;
    const limitOf = seed % 2 === 0 ? leakyTiers : () => single;
    const arrivals = shapedTraffic(rng);
    const decisions = compareOnTraffic({ what: 'shaped traffic', seed, learner: new LeakyBucketLimiter(seed % 2 === 0 ? leakyTiers : single), reference: new ReferenceLeaky(seed % 2 === 0 ? leakyTiers : single), arrivals, bucketMs: 1000, explain: leakyAdvice(limitOf, arrivals) });
    // The properties the exact comparison implies, stated on their own: smooth output, bounded queue.
    const lastServed = new Map<string, number>();
    arrivals.forEach((a, i) => {
      const d = decisions[i]!;
      if (!d.admitted) return;
      const at = a.atMs + d.delayMs;
      const prev = lastServed.get(a.key);
      const gap = limitOf(a.key).leakIntervalMs;
      if (prev !== undefined && at - prev < gap) fail(`key ${a.key}: two requests served ${at - prev} ms apart (at ${prev} and ${at}); the bucket leaks one per ${gap} ms (seed ${seed}).`);
      lastServed.set(a.key, at);
    });
  });
});
