import type { LeakyBucketLimit } from './leaky-bucket-meter';
import { assertPositiveInteger, KeyedState, REJECT, resolveLimit, type Decision, type PerKey, type RateLimiter } from './rate-limiter';

/**
 * Leaky bucket as a queue: requests are served strictly one per leakIntervalMs. A request that
 * arrives when the server is free is served at once (delay 0); otherwise it waits in a FIFO of at
 * most `capacity` requests and is served leakIntervalMs after the one before it; when the FIFO is
 * full it is rejected. Output is perfectly smooth; bursts turn into delay, not into load.
 */
export class LeakyBucketQueueLimiter implements RateLimiter {
  readonly name = 'leaky-bucket-queue';
  /** serviceTimesMs: when each admitted request still to be served is served, in order. */
  private readonly state = new KeyedState<{ serviceTimesMs: number[]; lastServiceMs: number }>(() => ({ serviceTimesMs: [], lastServiceMs: -Infinity }));

  constructor(private readonly limits: PerKey<LeakyBucketLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { capacity, leakIntervalMs } = resolveLimit(this.limits, key);
    assertPositiveInteger('capacity', capacity);
    assertPositiveInteger('leakIntervalMs', leakIntervalMs);
    const s = this.state.get(key, nowMs);
    let served = 0;
    while (served < s.serviceTimesMs.length && (s.serviceTimesMs[served] as number) <= nowMs) served++;
    if (served > 0) s.serviceTimesMs.splice(0, served);
    const serviceMs = Math.max(nowMs, s.lastServiceMs + leakIntervalMs);
    if (serviceMs > nowMs && s.serviceTimesMs.length >= capacity) return REJECT;
    s.lastServiceMs = serviceMs;
    if (serviceMs > nowMs) s.serviceTimesMs.push(serviceMs);
    return { admitted: true, delayMs: serviceMs - nowMs };
  }
}
