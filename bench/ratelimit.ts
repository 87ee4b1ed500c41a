/**
 * Rate-limiter decisions per second, each algorithm on the same pre-generated arrivals
 * (10,000 keys, about 3 requests per key per virtual second). Run: npx tsx bench/ratelimit.ts
 */
import { Prng } from '../engine/sim/prng';
import { FixedWindowLimiter } from '../engine/ratelimit/fixed-window';
import { LeakyBucketMeterLimiter } from '../engine/ratelimit/leaky-bucket-meter';
import { LeakyBucketQueueLimiter } from '../engine/ratelimit/leaky-bucket-queue';
import type { RateLimiter } from '../engine/ratelimit/rate-limiter';
import { SlidingLogLimiter } from '../engine/ratelimit/sliding-log';
import { SlidingWindowCounterLimiter } from '../engine/ratelimit/sliding-window-counter';
import { TokenBucketLimiter } from '../engine/ratelimit/token-bucket';

function main(): void {
  const n = 1_000_000;
  const prng = new Prng(1);
  const keyNames = Array.from({ length: 10_000 }, (_, i) => `user:${i}`);
  const keys: string[] = [];
  const times: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    if (prng.chance(30)) t++;
    keys.push(keyNames[prng.int(keyNames.length)] as string);
    times.push(t);
  }
  const makers: [string, () => RateLimiter][] = [
    ['fixed window', () => new FixedWindowLimiter({ limit: 5, windowMs: 1000 })],
    ['sliding log', () => new SlidingLogLimiter({ limit: 5, windowMs: 1000 })],
    ['sliding window counter', () => new SlidingWindowCounterLimiter({ limit: 5, windowMs: 1000 })],
    ['token bucket', () => new TokenBucketLimiter({ capacity: 5, refillTokens: 1, refillIntervalMs: 200 })],
    ['leaky bucket (meter)', () => new LeakyBucketMeterLimiter({ capacity: 5, leakIntervalMs: 200 })],
    ['leaky bucket (queue)', () => new LeakyBucketQueueLimiter({ capacity: 4, leakIntervalMs: 200 })],
  ];
  console.log(`ratelimit: decisions per second, ${n.toLocaleString('en')} decisions over ${keyNames.length.toLocaleString('en')} keys, best of 5`);
  for (const [name, make] of makers) {
    let best = Infinity;
    let admitted = 0;
    for (let round = 0; round < 5; round++) {
      const limiter = make();
      admitted = 0;
      const start = performance.now();
      for (let i = 0; i < n; i++) if (limiter.tryAcquire(keys[i] as string, times[i] as number).admitted) admitted++;
      best = Math.min(best, performance.now() - start);
    }
    console.log(`  ${name.padEnd(24)} ${((n / best) * 1000 / 1e6).toFixed(2)}M decisions/s (admitted ${((admitted / n) * 100).toFixed(1)}%)`);
  }
}

main();
