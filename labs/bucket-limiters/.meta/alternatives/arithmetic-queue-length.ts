import type { Decision, LeakyBucketLimit, PerKey, RateLimiter, TokenBucketLimit } from '../../api';

/**
 * Alternative: the leaky bucket keeps no queue at all. Requests that wait are served exactly
 * leakIntervalMs apart, back to back, ending at the last service time, so the number still waiting
 * is ceil((lastServiceMs − now) / leakIntervalMs). The token bucket keeps the partial interval with
 * a remainder (refilledAtMs = now − elapsed mod interval).
 */
function limitFor<C>(limits: PerKey<C>, key: string): C {
  return typeof limits === 'function' ? (limits as (key: string) => C)(key) : limits;
}

export class TokenBucketLimiter implements RateLimiter {
  readonly name = 'token-bucket';
  private readonly buckets = new Map<string, { tokens: number; refilledAtMs: number }>();

  constructor(private readonly limits: PerKey<TokenBucketLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { capacity, refillTokens, refillIntervalMs } = limitFor(this.limits, key);
    const b = this.buckets.get(key) ?? { tokens: capacity, refilledAtMs: nowMs };
    this.buckets.set(key, b);
    const elapsed = nowMs - b.refilledAtMs;
    if (elapsed >= refillIntervalMs) {
      const added = Math.floor(elapsed / refillIntervalMs) * refillTokens;
      if (b.tokens + added >= capacity) {
        b.tokens = capacity;
        b.refilledAtMs = nowMs;
      } else {
        b.tokens += added;
        b.refilledAtMs = nowMs - (elapsed % refillIntervalMs);
      }
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { admitted: true, delayMs: 0 };
    }
    return { admitted: false, delayMs: 0 };
  }
}

export class LeakyBucketLimiter implements RateLimiter {
  readonly name = 'leaky-bucket';
  private readonly lastService = new Map<string, number>();

  constructor(private readonly limits: PerKey<LeakyBucketLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { capacity, leakIntervalMs } = limitFor(this.limits, key);
    const last = this.lastService.get(key);
    if (last === undefined || last + leakIntervalMs <= nowMs) {
      this.lastService.set(key, nowMs);
      return { admitted: true, delayMs: 0 };
    }
    const waiting = last > nowMs ? Math.ceil((last - nowMs) / leakIntervalMs) : 0;
    if (waiting >= capacity) return { admitted: false, delayMs: 0 };
    const serviceMs = last + leakIntervalMs;
    this.lastService.set(key, serviceMs);
    return { admitted: true, delayMs: serviceMs - nowMs };
  }
}
