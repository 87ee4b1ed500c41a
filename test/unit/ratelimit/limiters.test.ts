import { describe, expect, it } from 'vitest';
import { Prng } from '../../../engine/sim/prng';
import { FixedWindowLimiter } from '../../../engine/ratelimit/fixed-window';
import { LeakyBucketMeterLimiter } from '../../../engine/ratelimit/leaky-bucket-meter';
import { LeakyBucketQueueLimiter } from '../../../engine/ratelimit/leaky-bucket-queue';
import type { RateLimiter } from '../../../engine/ratelimit/rate-limiter';
import { runTraffic } from '../../../engine/ratelimit/run-traffic';
import { SlidingLogLimiter } from '../../../engine/ratelimit/sliding-log';
import { SlidingWindowCounterLimiter } from '../../../engine/ratelimit/sliding-window-counter';
import { TokenBucketLimiter } from '../../../engine/ratelimit/token-bucket';
import { boundaryDoubleBurst, burst, merge, random, steady, type Arrival } from '../../../engine/ratelimit/traffic';

// Window limiters: 5 per 1000 ms. Bucket limiters: capacity 5, one unit per 200 ms (5 per second).
// The leaky-bucket queue holds 4 waiting requests besides the one being served.
const limiters = (): Record<string, RateLimiter> => ({
  fixed: new FixedWindowLimiter({ limit: 5, windowMs: 1000 }),
  log: new SlidingLogLimiter({ limit: 5, windowMs: 1000 }),
  counter: new SlidingWindowCounterLimiter({ limit: 5, windowMs: 1000 }),
  token: new TokenBucketLimiter({ capacity: 5, refillTokens: 1, refillIntervalMs: 200 }),
  meter: new LeakyBucketMeterLimiter({ capacity: 5, leakIntervalMs: 200 }),
  queue: new LeakyBucketQueueLimiter({ capacity: 4, leakIntervalMs: 200 }),
});

function admittedTimes(limiter: RateLimiter, arrivals: Arrival[]): number[] {
  return runTraffic(limiter, arrivals, 1000).admittedAtMs;
}

const hundreds = (from: number, to: number, step = 100) => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

describe('steady traffic: 10 per second for 3 s against 5 per second', () => {
  const traffic = steady('u', 0, 100, 30);

  it('fixed window and sliding log admit the first 5 of every second', () => {
    const expected = [...hundreds(0, 400), ...hundreds(1000, 1400), ...hundreds(2000, 2400)];
    expect(admittedTimes(limiters().fixed!, traffic)).toEqual(expected);
    expect(admittedTimes(limiters().log!, traffic)).toEqual(expected);
  });

  it('sliding window counter admits when prev·(1000−elapsed) + (cur+1)·1000 ≤ 5000', () => {
    // window 1: prev 5 → admits at 1200, 1400, 1600, 1800; window 2: prev 4 → 2000, 2300, 2500, 2800.
    expect(admittedTimes(limiters().counter!, traffic)).toEqual([0, 100, 200, 300, 400, 1200, 1400, 1600, 1800, 2000, 2300, 2500, 2800]);
  });

  it('token bucket and leaky meter admit the 5-burst plus 4 refills by 800 ms, then every other request', () => {
    const expected = [...hundreds(0, 800), ...hundreds(1000, 2800, 200)];
    expect(admittedTimes(limiters().token!, traffic)).toEqual(expected);
    expect(admittedTimes(limiters().meter!, traffic)).toEqual(expected);
  });

  it('leaky queue admits the same requests but delays them into a smooth 200 ms cadence', () => {
    const report = runTraffic(limiters().queue!, traffic, 1000);
    expect(report.admittedAtMs).toEqual([...hundreds(0, 800), ...hundreds(1000, 2800, 200)]);
    const delays = report.decisions.filter((d) => d.admitted).map((d) => d.delayMs);
    expect(delays).toEqual([...hundreds(0, 800), ...Array(10).fill(800)]);
    const served = report.admittedAtMs.map((t, i) => t + (delays[i] as number));
    expect(served).toEqual(hundreds(0, 3600, 200));
  });

  it('reports admitted and rejected per second as plottable series', () => {
    const report = runTraffic(limiters().fixed!, traffic, 1000);
    expect(report.series).toEqual([
      { name: 'admitted', startMs: 0, bucketMs: 1000, values: [5, 5, 5] },
      { name: 'rejected', startMs: 0, bucketMs: 1000, values: [5, 5, 5] },
    ]);
    expect(JSON.parse(JSON.stringify(report.series))).toEqual(report.series);
  });
});

describe('double burst at a fixed-window boundary: 5 at 999 ms and 5 at 1000 ms', () => {
  const traffic = boundaryDoubleBurst('u', 1000, 5);
  it('fixed window admits all 10 within 2 ms: twice the limit', () => {
    expect(admittedTimes(limiters().fixed!, traffic)).toEqual([...Array(5).fill(999), ...Array(5).fill(1000)]);
  });

  it.each(['log', 'counter', 'token', 'meter', 'queue'])('%s admits only the first 5', (name) => {
    expect(admittedTimes(limiters()[name]!, traffic)).toEqual(Array(5).fill(999));
  });
});

describe('bursts: 12 at 0 ms and 12 at 500 ms', () => {
  const traffic = merge(burst('u', 0, 12), burst('u', 500, 12));
  it.each(['fixed', 'log', 'counter'])('%s admits 5 and nothing more in the same second', (name) => {
    expect(admittedTimes(limiters()[name]!, traffic)).toEqual(Array(5).fill(0));
  });

  it.each(['token', 'meter', 'queue'])('%s admits 5, then the 2 units refilled or drained by 500 ms', (name) => {
    expect(admittedTimes(limiters()[name]!, traffic)).toEqual([...Array(5).fill(0), 500, 500]);
  });

  it('the queue serves the second burst after the first: delays 500 and 700', () => {
    const report = runTraffic(limiters().queue!, traffic, 1000);
    expect(report.decisions.filter((d) => d.admitted).map((d) => d.delayMs)).toEqual([0, 200, 400, 600, 800, 500, 700]);
  });
});

describe('long idle then burst: one request, a minute of silence, then 20 at once', () => {
  const traffic = merge(burst('u', 0, 1), burst('u', 60_000, 20));
  it.each(Object.keys(limiters()))('%s admits at most one burst of 5 after idling (no credit piles up)', (name) => {
    expect(admittedTimes(limiters()[name]!, traffic)).toEqual([0, ...Array(5).fill(60_000)]);
  });
});

describe('per-key limits', () => {
  it.each(['fixed', 'log', 'counter'])('%s keeps one state per key and applies each key its own limit', (name) => {
    const tier = (key: string) => ({ limit: key.startsWith('free:') ? 2 : 5, windowMs: 1000 });
    const limiter =
      name === 'fixed' ? new FixedWindowLimiter(tier) : name === 'log' ? new SlidingLogLimiter(tier) : new SlidingWindowCounterLimiter(tier);
    const traffic = merge(burst('free:ann', 0, 10), burst('pro:bob', 0, 10), burst('free:cid', 0, 10));
    const report = runTraffic(limiter, traffic, 1000);
    const byKey = (key: string) => traffic.filter((a, i) => a.key === key && report.decisions[i]?.admitted).length;
    expect([byKey('free:ann'), byKey('pro:bob'), byKey('free:cid')]).toEqual([2, 5, 2]);
  });

  it('bucket limiters take per-key capacities too', () => {
    const token = new TokenBucketLimiter((key) => ({ capacity: key === 'vip' ? 10 : 3, refillTokens: 1, refillIntervalMs: 100 }));
    const meter = new LeakyBucketMeterLimiter((key) => ({ capacity: key === 'vip' ? 10 : 3, leakIntervalMs: 100 }));
    for (const limiter of [token, meter]) {
      const report = runTraffic(limiter, merge(burst('vip', 0, 20), burst('std', 0, 20)), 1000);
      expect(report.admitted).toBe(13);
    }
  });

  it('refuses time running backwards for a key', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillTokens: 1, refillIntervalMs: 10 });
    limiter.tryAcquire('k', 100);
    expect(() => limiter.tryAcquire('k', 99)).toThrow(RangeError);
    expect(() => limiter.tryAcquire('other', 5)).not.toThrow();
  });
});

describe('definitions hold on random traffic', () => {
  const SEEDS = [1, 2, 3, 4, 5];
  it.each(SEEDS)('fixed window: admitted iff fewer than 5 already admitted in the same aligned window (seed %i)', (seed) => {
    const traffic = random('u', 0, 20_000, 30, new Prng(seed));
    const report = runTraffic(new FixedWindowLimiter({ limit: 5, windowMs: 1000 }), traffic, 1000);
    const admitted: number[] = [];
    traffic.forEach((a, i) => {
      const expected = admitted.filter((t) => Math.floor(t / 1000) === Math.floor(a.atMs / 1000)).length < 5;
      expect(report.decisions[i]?.admitted, `seed ${seed}, request ${i} at ${a.atMs}`).toBe(expected);
      if (expected) admitted.push(a.atMs);
    });
  });

  it.each(SEEDS)('sliding log: admitted iff fewer than 5 admitted in (t − 1000, t] (seed %i)', (seed) => {
    const traffic = random('u', 0, 20_000, 30, new Prng(seed));
    const report = runTraffic(new SlidingLogLimiter({ limit: 5, windowMs: 1000 }), traffic, 1000);
    const admitted: number[] = [];
    traffic.forEach((a, i) => {
      const expected = admitted.filter((t) => t > a.atMs - 1000).length < 5;
      expect(report.decisions[i]?.admitted, `seed ${seed}, request ${i} at ${a.atMs}`).toBe(expected);
      if (expected) admitted.push(a.atMs);
    });
  });

  it.each(SEEDS)('token bucket and leaky meter agree (GCRA ≡ token bucket) and never exceed capacity + refills (seed %i)', (seed) => {
    const traffic = random('u', 0, 20_000, 30, new Prng(seed));
    const token = runTraffic(new TokenBucketLimiter({ capacity: 5, refillTokens: 1, refillIntervalMs: 200 }), traffic, 1000);
    const meter = runTraffic(new LeakyBucketMeterLimiter({ capacity: 5, leakIntervalMs: 200 }), traffic, 1000);
    expect(meter.admittedAtMs, `seed ${seed}`).toEqual(token.admittedAtMs);
    const times = token.admittedAtMs;
    for (let i = 0; i < times.length; i++) {
      for (let j = i; j < Math.min(times.length, i + 40); j++) {
        const span = (times[j] as number) - (times[i] as number);
        expect(j - i + 1, `seed ${seed}: ${j - i + 1} admitted in ${span} ms`).toBeLessThanOrEqual(5 + Math.floor(span / 200));
      }
    }
  });

  it.each(SEEDS)('leaky queue: serves one request per 200 ms at most and never holds more than 4 waiting (seed %i)', (seed) => {
    const traffic = random('u', 0, 20_000, 30, new Prng(seed));
    const report = runTraffic(new LeakyBucketQueueLimiter({ capacity: 4, leakIntervalMs: 200 }), traffic, 1000);
    const served = report.decisions.filter((d) => d.admitted).map((d, i) => (report.admittedAtMs[i] as number) + d.delayMs);
    for (let i = 1; i < served.length; i++) expect((served[i] as number) - (served[i - 1] as number), `seed ${seed}`).toBeGreaterThanOrEqual(200);
    traffic.forEach((a, i) => {
      const waiting = served.filter((s, k) => (report.admittedAtMs[k] as number) <= a.atMs && s > a.atMs).length;
      expect(waiting, `seed ${seed} at ${a.atMs}`).toBeLessThanOrEqual(4);
      if (!report.decisions[i]?.admitted) expect(waiting, `seed ${seed}: rejected at ${a.atMs} with room`).toBe(4);
    });
  });
});
