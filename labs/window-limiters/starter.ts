import type { Decision, PerKey, RateLimiter, WindowLimit } from './api';

/** Resolves the limit for a key: one limit for all, or a function of the key. */
function limitFor(limits: PerKey<WindowLimit>, key: string): WindowLimit {
  return typeof limits === 'function' ? limits(key) : limits;
}

export class FixedWindowLimiter implements RateLimiter {
  readonly name = 'fixed-window';

  constructor(private readonly limits: PerKey<WindowLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    // TODO step 1: per key, count admitted requests in the aligned window floor(nowMs / windowMs).
    void limitFor(this.limits, key);
    void nowMs;
    return { admitted: true, delayMs: 0 };
  }
}

export class SlidingWindowCounterLimiter implements RateLimiter {
  readonly name = 'sliding-window-counter';

  constructor(private readonly limits: PerKey<WindowLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    // TODO step 2: keep the current and the previous window's counts per key and weight the previous
    // one by the part of it the sliding window still covers. Integers only.
    void limitFor(this.limits, key);
    void nowMs;
    return { admitted: true, delayMs: 0 };
  }
}
