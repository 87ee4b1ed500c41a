import type { Decision, LeakyBucketLimit, PerKey, RateLimiter, TokenBucketLimit } from './api';

/** Resolves the limit for a key: one limit for all, or a function of the key. */
function resolve<C>(limits: PerKey<C>, key: string): C {
  return typeof limits === 'function' ? (limits as (key: string) => C)(key) : limits;
}

export class TokenBucketLimiter implements RateLimiter {
  readonly name = 'token-bucket';

  constructor(private readonly limits: PerKey<TokenBucketLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    // TODO step 1: per key, { tokens, refilledAtMs }. On each call add refillTokens for every whole
    // refillIntervalMs since refilledAtMs (cap at capacity), then take one token or reject.
    void resolve(this.limits, key);
    void nowMs;
    return { admitted: true, delayMs: 0 };
  }
}

export class LeakyBucketLimiter implements RateLimiter {
  readonly name = 'leaky-bucket';

  constructor(private readonly limits: PerKey<LeakyBucketLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    // TODO step 2: serve one request per leakIntervalMs. Free server: delay 0. Busy: queue it (at most
    // capacity waiting) with delayMs = when it will be served − nowMs. Full queue: reject.
    void resolve(this.limits, key);
    void nowMs;
    return { admitted: true, delayMs: 0 };
  }
}
