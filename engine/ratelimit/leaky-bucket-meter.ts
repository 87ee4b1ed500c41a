import { ADMIT, assertPositiveInteger, KeyedState, REJECT, resolveLimit, type Decision, type PerKey, type RateLimiter } from './rate-limiter';

export interface LeakyBucketLimit {
  /** How many requests the bucket holds (meter) or how many may wait (queue). */
  capacity: number;
  /** One request leaks out (is served) every leakIntervalMs. */
  leakIntervalMs: number;
}

/**
 * Leaky bucket as a meter: each admitted request pours one unit into a bucket that drains one unit
 * per leakIntervalMs, continuously; a request that would overflow capacity is rejected and served
 * immediately otherwise. Level is kept in milliseconds of drain time (level · leakIntervalMs), so
 * the arithmetic is exact: admit iff drainMs + leakIntervalMs ≤ capacity · leakIntervalMs.
 * (This is GCRA, the cell-rate algorithm of ATM networks.)
 */
export class LeakyBucketMeterLimiter implements RateLimiter {
  readonly name = 'leaky-bucket-meter';
  private readonly state = new KeyedState<{ drainMs: number; atMs: number }>((_key, nowMs) => ({ drainMs: 0, atMs: nowMs }));

  constructor(private readonly limits: PerKey<LeakyBucketLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { capacity, leakIntervalMs } = resolveLimit(this.limits, key);
    assertPositiveInteger('capacity', capacity);
    assertPositiveInteger('leakIntervalMs', leakIntervalMs);
    const s = this.state.get(key, nowMs);
    s.drainMs = Math.max(0, s.drainMs - (nowMs - s.atMs));
    s.atMs = nowMs;
    if (s.drainMs + leakIntervalMs > capacity * leakIntervalMs) return REJECT;
    s.drainMs += leakIntervalMs;
    return ADMIT;
  }
}
