import { expect, forSeeds, stage, test } from '../../grader/harness/api';
import { FixedWindowLimiter as ReferenceFixed } from '../../engine/ratelimit/fixed-window';
import { SlidingWindowCounterLimiter as ReferenceSliding } from '../../engine/ratelimit/sliding-window-counter';
import { runTraffic } from '../../engine/ratelimit/run-traffic';
import { boundaryDoubleBurst, burst, merge, random, steady, type Arrival } from '../../engine/ratelimit/traffic';
import type { Prng } from '../../engine/sim/prng';
import type { WindowLimit } from './api';
import { compareOnTraffic, fail, type Mismatch } from '../../grader/harness/kits/limiter-compare';
import { FixedWindowLimiter, SlidingWindowCounterLimiter } from './solution';
import { fc } from '../../grader/harness/property';
import type { RateLimiter } from '../../engine/ratelimit/rate-limiter';
import { caseArbitrary, decisionsMatch } from '../../grader/harness/kits/limiter-generated';

const tiers = (key: string): WindowLimit => (key.startsWith('pro') ? { limit: 20, windowMs: 1000 } : key.startsWith('batch') ? { limit: 3, windowMs: 60_000 } : { limit: 5, windowMs: 1000 });

/**
 * The reference's decisions for the mismatching request's key, from the start of the run (the
 * mismatch's own history keeps only the last 40, too few for a window of a busy key).
 */
function keyHistory(reference: RateLimiter, arrivals: readonly Arrival[], m: Mismatch): [number, boolean][] {
  const out: [number, boolean][] = [];
  for (let i = 0; i < m.index; i++) {
    const a = arrivals[i]!;
    const d = reference.tryAcquire(a.key, a.atMs);
    if (a.key === m.arrival.key) out.push([a.atMs, d.admitted]);
  }
  return out;
}

function fixedAdvice(limit: (key: string) => WindowLimit, arrivals: readonly Arrival[]) {
  return (m: Mismatch) => {
    const { windowMs, limit: n } = limit(m.arrival.key);
    const windowStart = Math.floor(m.arrival.atMs / windowMs) * windowMs;
    const inWindow = keyHistory(new ReferenceFixed(limit), arrivals, m).filter(([t, ok]) => ok && t >= windowStart).length;
    return `Its aligned window is [${windowStart}, ${windowStart + windowMs}) (limit ${n}); the reference had admitted ${inWindow} there before. Windows are aligned to multiples of windowMs (floor(now / windowMs)), not to the key's first request, and a new window starts from 0.`;
  };
}

function slidingAdvice(limit: (key: string) => WindowLimit, arrivals: readonly Arrival[]) {
  return (m: Mismatch) => {
    const { windowMs, limit: n } = limit(m.arrival.key);
    const window = Math.floor(m.arrival.atMs / windowMs);
    const start = window * windowMs;
    const history = keyHistory(new ReferenceSliding(limit), arrivals, m);
    const current = history.filter(([t, ok]) => ok && t >= start).length;
    const previous = history.filter(([t, ok]) => ok && t >= start - windowMs && t < start).length;
    const elapsed = m.arrival.atMs - start;
    return `Reference counts for this key: previous window ${previous}, current ${current}, elapsed ${elapsed} of ${windowMs} ms, limit ${n}: ${previous}·${windowMs - elapsed} + ${current + 1}·${windowMs} ${previous * (windowMs - elapsed) + (current + 1) * windowMs <= n * windowMs ? '≤' : '>'} ${n}·${windowMs}. Check the weight (windowMs − elapsed), that only admitted requests count, and that a window older than the previous one counts as 0.`;
  };
}

const windowLimit: fc.Arbitrary<WindowLimit> = fc.record({
  limit: fc.integer({ min: 1, max: 12 }),
  windowMs: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 2000 })),
});
const showWindow = (l: WindowLimit) => `${l.limit} per ${l.windowMs} ms`;

/** The name labels the limiter's series in reports and traces. */
function hasName(limiter: { name: unknown }, starter: string): void {
  if (typeof limiter.name !== 'string' || limiter.name.length === 0) fail(`the limiter's name must be a non-empty string (the starter's '${starter}'), got ${JSON.stringify(limiter.name)}.`);
}

/** Random multi-key traffic with tiers, bursts, boundary bursts and a long idle gap. */
function shapedTraffic(rng: Prng): Arrival[] {
  const keys = ['free-1', 'free-2', 'pro-1', 'batch-1'];
  const streams: Arrival[][] = [];
  for (const key of keys) {
    streams.push(random(key, 0, 4000, rng.range(5, 40), rng));
    streams.push(random(key, 64_000 + rng.range(0, 500), 3000, rng.range(5, 60), rng));
    for (let b = 0; b < 3; b++) streams.push(burst(key, rng.range(0, 70_000), rng.range(2, 30)));
    const boundary = (rng.range(1, 60) * 1000) as number;
    streams.push(boundaryDoubleBurst(key, boundary, rng.range(2, 25)));
  }
  return merge(...streams);
}

stage('fixed-window', () => {
  test('the fixed window has a name', () => hasName(new FixedWindowLimiter({ limit: 1, windowMs: 1 }), 'fixed-window'));

  // Generated limits (1 ms windows too), per-key tiers, several instances alive at once (state
  // must live in the instance), keys a plain object would confuse, a start anywhere in time.
  forSeeds('generated limits, keys, instances and gaps: every decision equals the reference', [31, 32, 33, 34], (seed) =>
    decisionsMatch({
      what: 'fixed window on a generated workload',
      seed,
      arbitrary: caseArbitrary(windowLimit, 2000),
      learner: (l) => new FixedWindowLimiter(l),
      reference: (l) => new ReferenceFixed(l),
      showLimit: showWindow,
      advice: 'Window id floor(now / windowMs), aligned to multiples of windowMs; at most limit admitted per key and window, a new window starts from 0; keep the counts per instance and per key.',
    }),
  );

  test('hand-computed: steady 10/s against 5/s, two bursts, and the boundary double burst (fixed windows let it through)', () => {
    const limiter = new FixedWindowLimiter({ limit: 5, windowMs: 1000 });
    const steadyReport = runTraffic(limiter, steady('steady', 250, 100, 30), 1000);
    expect(steadyReport.admittedAtMs, 'steady 10/s from 250 ms: admitted at').toEqual([250, 350, 450, 550, 650, 1050, 1150, 1250, 1350, 1450, 2050, 2150, 2250, 2350, 2450, 3050, 3150]);
    const bursts = runTraffic(limiter, merge(burst('bursty', 100, 8), burst('bursty', 900, 8), burst('bursty', 1100, 8)), 1000);
    expect(bursts.admittedAtMs, 'bursts of 8 at 100, 900 and 1100 ms: admitted at').toEqual([100, 100, 100, 100, 100, 1100, 1100, 1100, 1100, 1100]);
    const boundary = runTraffic(limiter, boundaryDoubleBurst('edge', 5000, 5), 1000);
    expect(boundary.admitted, 'boundary double burst (5 at 4999 ms, 5 at 5000 ms): a fixed window admits all').toBe(10);
  });

  test('per-key tiers: a function chooses each key’s limit', () => {
    const arrivals = merge(burst('free-a', 10, 10), burst('pro-a', 10, 30), burst('batch-a', 10, 10), burst('batch-a', 59_999, 5), burst('batch-a', 60_000, 5));
    compareOnTraffic({ what: 'tiers', seed: undefined, learner: new FixedWindowLimiter(tiers), reference: new ReferenceFixed(tiers), arrivals, bucketMs: 1000, explain: fixedAdvice(tiers, arrivals) });
  });

  forSeeds('shaped multi-key traffic, decision for decision', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (seed, rng) => {
    const single = [{ limit: 5, windowMs: 1000 }, { limit: 1, windowMs: 250 }, { limit: 100, windowMs: 60_000 }][seed % 3]!;
    const limits = seed % 2 === 0 ? tiers : () => single;
    const arrivals = shapedTraffic(rng);
    compareOnTraffic({ what: 'shaped traffic', seed, learner: new FixedWindowLimiter(seed % 2 === 0 ? tiers : single), reference: new ReferenceFixed(seed % 2 === 0 ? tiers : single), arrivals, bucketMs: 1000, explain: fixedAdvice(limits, arrivals) });
  });
});

stage('sliding-window', () => {
  test('the sliding window counter has a name', () => hasName(new SlidingWindowCounterLimiter({ limit: 1, windowMs: 1 }), 'sliding-window-counter'));

  forSeeds('generated limits, keys, instances and gaps: every decision equals the reference', [41, 42, 43, 44], (seed) =>
    decisionsMatch({
      what: 'sliding window counter on a generated workload',
      seed,
      arbitrary: caseArbitrary(windowLimit, 2000),
      learner: (l) => new SlidingWindowCounterLimiter(l),
      reference: (l) => new ReferenceSliding(l),
      showLimit: showWindow,
      advice: 'Admit iff previous · (windowMs − elapsed) + (current + 1) · windowMs ≤ limit · windowMs, in integers, elapsed = now − floor(now / windowMs) · windowMs; only admitted requests count; previous is 0 unless the stored window is the one right before; keep the counts per instance and per key.',
    }),
  );

  test('the boundary double burst is caught at every boundary', () => {
    const limiter = new SlidingWindowCounterLimiter({ limit: 5, windowMs: 1000 });
    for (const boundary of [1000, 7000, 42_000]) {
      const report = runTraffic(limiter, boundaryDoubleBurst(`edge-${boundary}`, boundary, 5), 1000);
      if (report.admitted !== 5) fail(`boundary double burst at ${boundary} ms: ${report.admitted} of 10 admitted, expected 5. Right after the boundary the previous window still weighs (windowMs − elapsed)/windowMs ≈ 1, so its 5 admitted leave no room.`);
    }
  });

  test('after a minute of silence a burst gets the full limit', () => {
    const limits = { limit: 10, windowMs: 1000 };
    const arrivals = [...burst('a', 500, 10), ...burst('a', 61_200, 12), ...burst('a', 62_100, 12)];
    compareOnTraffic({ what: 'idle then burst', seed: undefined, learner: new SlidingWindowCounterLimiter(limits), reference: new ReferenceSliding(limits), arrivals, bucketMs: 1000, explain: slidingAdvice(() => limits, arrivals) });
    const report = runTraffic(new SlidingWindowCounterLimiter(limits), arrivals, 1000);
    expect(report.admittedAtMs.filter((t) => t === 61_200).length, 'admitted at 61.2 s after a minute idle').toBe(10);
  });

  test('only admitted requests count: a rejected flood does not lock the key out', () => {
    const limits = { limit: 4, windowMs: 1000 };
    const arrivals = merge(burst('a', 100, 50), steady('a', 1100, 200, 15));
    compareOnTraffic({ what: 'rejected flood then steady', seed: undefined, learner: new SlidingWindowCounterLimiter(limits), reference: new ReferenceSliding(limits), arrivals, bucketMs: 500, explain: slidingAdvice(() => limits, arrivals) });
  });

  forSeeds('shaped multi-key traffic, decision for decision', [11, 12, 13, 14, 15, 16, 17, 18, 19, 20], (seed, rng) => {
    const single = [{ limit: 5, windowMs: 1000 }, { limit: 7, windowMs: 300 }, { limit: 100, windowMs: 60_000 }][seed % 3]!;
    const limits = seed % 2 === 0 ? tiers : () => single;
    const arrivals = shapedTraffic(rng);
    compareOnTraffic({ what: 'shaped traffic', seed, learner: new SlidingWindowCounterLimiter(seed % 2 === 0 ? tiers : single), reference: new ReferenceSliding(seed % 2 === 0 ? tiers : single), arrivals, bucketMs: 1000, explain: slidingAdvice(limits, arrivals) });
  });
});
