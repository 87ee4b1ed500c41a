import type { Decision, LeakyBucketLimit, PerKey, RateLimiter, TokenBucketLimit } from '../../api';

/**
 * Alternative: the leaky bucket's queue is an array with a moving head index (compacted now and
 * then) instead of splicing; the token bucket stores the missing tokens (the deficit) rather than
 * the tokens left.
 */
const resolve = <C>(limits: PerKey<C>, key: string): C => (typeof limits === 'function' ? (limits as (key: string) => C)(key) : limits);

export class TokenBucketLimiter implements RateLimiter {
  readonly name = 'token-bucket';
  private readonly deficit = new Map<string, { missing: number; since: number }>();

  constructor(private readonly limits: PerKey<TokenBucketLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const limit = resolve(this.limits, key);
    let s = this.deficit.get(key);
    if (!s) {
      s = { missing: 0, since: nowMs };
      this.deficit.set(key, s);
    }
    const whole = Math.floor((nowMs - s.since) / limit.refillIntervalMs);
    if (whole > 0) {
      const missing = s.missing - whole * limit.refillTokens;
      if (missing <= 0) {
        s.missing = 0;
        s.since = nowMs;
      } else {
        s.missing = missing;
        s.since += whole * limit.refillIntervalMs;
      }
    }
    if (limit.capacity - s.missing >= 1) {
      s.missing += 1;
      return { admitted: true, delayMs: 0 };
    }
    return { admitted: false, delayMs: 0 };
  }
}

export class LeakyBucketLimiter implements RateLimiter {
  readonly name = 'leaky-bucket';
  private readonly queues = new Map<string, { times: number[]; head: number; last: number | null }>();

  constructor(private readonly limits: PerKey<LeakyBucketLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { capacity, leakIntervalMs } = resolve(this.limits, key);
    let q = this.queues.get(key);
    if (!q) {
      q = { times: [], head: 0, last: null };
      this.queues.set(key, q);
    }
    while (q.head < q.times.length && q.times[q.head]! <= nowMs) q.head++;
    if (q.head > 32 && q.head * 2 > q.times.length) {
      q.times = q.times.slice(q.head);
      q.head = 0;
    }
    const service = q.last === null ? nowMs : Math.max(nowMs, q.last + leakIntervalMs);
    const waiting = q.times.length - q.head;
    if (service > nowMs) {
      if (waiting >= capacity) return { admitted: false, delayMs: 0 };
      q.times.push(service);
    }
    q.last = service;
    return { admitted: true, delayMs: service - nowMs };
  }
}
