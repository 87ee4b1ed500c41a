import type { Decision, LeakyBucketLimit, PerKey, RateLimiter, TokenBucketLimit } from '../../api';

function resolve<C>(limits: PerKey<C>, key: string): C {
  return typeof limits === 'function' ? (limits as (key: string) => C)(key) : limits;
}

export class TokenBucketLimiter implements RateLimiter {
  readonly name = 'token-bucket';
  /** Buckets by key (a plain object as the dictionary). */
  private readonly state: Record<string, { tokens: number; refilledAtMs: number }> = {};

  constructor(private readonly limits: PerKey<TokenBucketLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { capacity, refillTokens, refillIntervalMs } = resolve(this.limits, key);
    let s = this.state[key];
    if (s === undefined) {
      s = { tokens: capacity, refilledAtMs: nowMs };
      this.state[key] = s;
    }
    const intervals = Math.floor((nowMs - s.refilledAtMs) / refillIntervalMs);
    if (intervals > 0) {
      s.tokens = Math.min(capacity, s.tokens + intervals * refillTokens);
      // Keep the partial interval, unless the bucket is full: a full bucket accrues nothing, so its
      // refill clock restarts now.
      s.refilledAtMs = s.tokens === capacity ? nowMs : s.refilledAtMs + intervals * refillIntervalMs;
    }
    if (s.tokens < 1) return { admitted: false, delayMs: 0 };
    s.tokens--;
    return { admitted: true, delayMs: 0 };
  }
}

export class LeakyBucketLimiter implements RateLimiter {
  readonly name = 'leaky-bucket';
  /** Per key: when each queued request will be served (ascending), and when the last admitted one is served. */
  private readonly state = new Map<string, { queue: number[]; lastServiceMs: number }>();

  constructor(private readonly limits: PerKey<LeakyBucketLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { capacity, leakIntervalMs } = resolve(this.limits, key);
    let s = this.state.get(key);
    if (s === undefined) {
      s = { queue: [], lastServiceMs: -Infinity };
      this.state.set(key, s);
    }
    let served = 0;
    while (served < s.queue.length && (s.queue[served] as number) <= nowMs) served++;
    if (served > 0) s.queue.splice(0, served);
    const serviceMs = Math.max(nowMs, s.lastServiceMs + leakIntervalMs);
    if (serviceMs > nowMs && s.queue.length >= capacity) return { admitted: false, delayMs: 0 };
    s.lastServiceMs = serviceMs;
    if (serviceMs > nowMs) s.queue.push(serviceMs);
    return { admitted: true, delayMs: serviceMs - nowMs };
  }
}
