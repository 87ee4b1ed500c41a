/**
 * Wiring for the rate-limiter playground: build one of engine/ratelimit's reference limiters from the
 * widget's parameters, turn a traffic pattern into arrivals (seeded), and run it with runTraffic.
 */
import { FixedWindowLimiter } from '@/engine/ratelimit/fixed-window';
import { LeakyBucketMeterLimiter } from '@/engine/ratelimit/leaky-bucket-meter';
import { LeakyBucketQueueLimiter } from '@/engine/ratelimit/leaky-bucket-queue';
import type { RateLimiter } from '@/engine/ratelimit/rate-limiter';
import { runTraffic, type TrafficReport } from '@/engine/ratelimit/run-traffic';
import { SlidingLogLimiter } from '@/engine/ratelimit/sliding-log';
import { SlidingWindowCounterLimiter } from '@/engine/ratelimit/sliding-window-counter';
import { TokenBucketLimiter } from '@/engine/ratelimit/token-bucket';
import { boundaryDoubleBurst, burst, merge, random, steady, type Arrival } from '@/engine/ratelimit/traffic';
import { Prng } from '@/engine/sim/prng';

export const ALGORITHMS = ['token-bucket', 'leaky-bucket', 'fixed-window', 'sliding-log', 'sliding-window'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export interface LimiterParams {
  /** Windows: requests per window. Buckets: capacity. */
  limit: number;
  /** Windows: window length. Token bucket: refill interval. Leaky bucket: leak interval. */
  intervalMs: number;
  /** Token bucket: tokens added per interval. */
  refillTokens: number;
  /** Leaky bucket: 'queue' delays requests (smooth output), 'meter' (GCRA) admits or rejects at once. */
  leakyVariant: 'queue' | 'meter';
}

export const DEFAULT_PARAMS: Record<Algorithm, LimiterParams> = {
  'token-bucket': { limit: 10, intervalMs: 100, refillTokens: 1, leakyVariant: 'queue' },
  'leaky-bucket': { limit: 5, intervalMs: 100, refillTokens: 1, leakyVariant: 'queue' },
  'fixed-window': { limit: 10, intervalMs: 1000, refillTokens: 1, leakyVariant: 'queue' },
  'sliding-log': { limit: 10, intervalMs: 1000, refillTokens: 1, leakyVariant: 'queue' },
  'sliding-window': { limit: 10, intervalMs: 1000, refillTokens: 1, leakyVariant: 'queue' },
};

export function makeLimiter(algorithm: Algorithm, p: LimiterParams): RateLimiter {
  switch (algorithm) {
    case 'token-bucket':
      return new TokenBucketLimiter({ capacity: p.limit, refillTokens: p.refillTokens, refillIntervalMs: p.intervalMs });
    case 'leaky-bucket':
      return p.leakyVariant === 'queue' ? new LeakyBucketQueueLimiter({ capacity: p.limit, leakIntervalMs: p.intervalMs }) : new LeakyBucketMeterLimiter({ capacity: p.limit, leakIntervalMs: p.intervalMs });
    case 'fixed-window':
      return new FixedWindowLimiter({ limit: p.limit, windowMs: p.intervalMs });
    case 'sliding-log':
      return new SlidingLogLimiter({ limit: p.limit, windowMs: p.intervalMs });
    case 'sliding-window':
      return new SlidingWindowCounterLimiter({ limit: p.limit, windowMs: p.intervalMs });
    default: {
      const never: never = algorithm;
      throw new Error(`unknown algorithm ${String(never)}`);
    }
  }
}

/** The long-run admitted rate the limiter promises, per second. */
export function longRunPerSecond(algorithm: Algorithm, p: LimiterParams): number {
  if (algorithm === 'token-bucket') return (p.refillTokens * 1000) / p.intervalMs;
  if (algorithm === 'leaky-bucket') return 1000 / p.intervalMs;
  return (p.limit * 1000) / p.intervalMs;
}

export const PATTERNS = ['steady', 'bursts', 'boundary', 'random', 'drawn'] as const;
export type Pattern = (typeof PATTERNS)[number];

export const DURATION_MS = 4000;
export const BUCKET_MS = 100;
export const DRAWN_BUCKETS = DURATION_MS / BUCKET_MS;

/** Arrivals for a pattern; `drawn[i]` = requests in the i-th 100 ms bucket, spread by the seeded PRNG. */
export function arrivalsFor(pattern: Pattern, seed: number, drawn: readonly number[], windowMs: number): Arrival[] {
  const key = 'user';
  const prng = new Prng(seed).fork(`traffic/${pattern}`);
  switch (pattern) {
    case 'steady':
      return steady(key, 0, 50, DURATION_MS / 50);
    case 'bursts':
      return merge(burst(key, 200, 15), burst(key, 1400, 15), burst(key, 2600, 15), steady(key, 0, 200, DURATION_MS / 200));
    case 'boundary': {
      const boundary = Math.min(DURATION_MS - 1, Math.max(windowMs, 1000));
      return merge(steady(key, 0, 250, DURATION_MS / 250), boundaryDoubleBurst(key, boundary, 10));
    }
    case 'random':
      return random(key, 0, DURATION_MS, 25, prng);
    case 'drawn': {
      const out: Arrival[] = [];
      drawn.forEach((n, i) => {
        const times: number[] = [];
        for (let k = 0; k < n; k++) times.push(i * BUCKET_MS + prng.int(BUCKET_MS));
        times.sort((a, b) => a - b);
        for (const t of times) out.push({ atMs: t, key });
      });
      return out;
    }
    default: {
      const never: never = pattern;
      throw new Error(`unknown pattern ${String(never)}`);
    }
  }
}

/** Most admitted requests in any window (t − W, t] — where a fixed window lets 2× the limit through. */
export function maxInAnyWindow(admittedAtMs: readonly number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < admittedAtMs.length; hi++) {
    while ((admittedAtMs[lo] as number) <= (admittedAtMs[hi] as number) - windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

export interface LimiterRun {
  report: TrafficReport;
  arrivals: number;
  /** Largest admitted count in any sliding window of the algorithm's own window (windows) or 1 s (buckets). */
  maxInWindow: number;
  windowMs: number;
  /** Longest wait a queued request had (leaky-bucket queue only). */
  maxDelayMs: number;
}

export function runLimiter(algorithm: Algorithm, p: LimiterParams, pattern: Pattern, seed: number, drawn: readonly number[]): LimiterRun {
  const windowMs = algorithm === 'fixed-window' || algorithm === 'sliding-log' || algorithm === 'sliding-window' ? p.intervalMs : 1000;
  const arrivals = arrivalsFor(pattern, seed, drawn, windowMs);
  const report = runTraffic(makeLimiter(algorithm, p), arrivals, BUCKET_MS);
  // Normalize the series to start at 0 and cover the whole run, so patterns line up.
  for (const s of report.series) {
    const pad = Math.round(s.startMs / BUCKET_MS);
    const values = [...new Array<number>(pad).fill(0), ...s.values];
    while (values.length < DRAWN_BUCKETS) values.push(0);
    s.startMs = 0;
    s.values = values;
  }
  return {
    report,
    arrivals: arrivals.length,
    maxInWindow: maxInAnyWindow(report.admittedAtMs, windowMs),
    windowMs,
    maxDelayMs: report.decisions.reduce((m, d) => Math.max(m, d.delayMs), 0),
  };
}
