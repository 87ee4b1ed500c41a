import { ADMIT, assertPositiveInteger, KeyedState, REJECT, resolveLimit, type Decision, type PerKey, type RateLimiter } from './rate-limiter';

export interface TokenBucketLimit {
  /** Bucket size: the largest burst admitted at once. */
  capacity: number;
  /** Tokens added every refillIntervalMs (whole intervals only, so decisions are exact). */
  refillTokens: number;
  refillIntervalMs: number;
}

/**
 * Token bucket: a key starts with a full bucket; each whole refill interval adds refillTokens, up to
 * capacity; a request takes one token or is rejected. Allows bursts up to capacity, then the
 * refill rate on average.
 */
export class TokenBucketLimiter implements RateLimiter {
  readonly name = 'token-bucket';
  private readonly state: KeyedState<{ tokens: number; refilledAtMs: number }>;

  constructor(private readonly limits: PerKey<TokenBucketLimit>) {
    this.state = new KeyedState((key, nowMs) => ({ tokens: resolveLimit(this.limits, key).capacity, refilledAtMs: nowMs }));
  }

  tryAcquire(key: string, nowMs: number): Decision {
    const { capacity, refillTokens, refillIntervalMs } = resolveLimit(this.limits, key);
    assertPositiveInteger('capacity', capacity);
    assertPositiveInteger('refillTokens', refillTokens);
    assertPositiveInteger('refillIntervalMs', refillIntervalMs);
    const s = this.state.get(key, nowMs);
    const intervals = Math.floor((nowMs - s.refilledAtMs) / refillIntervalMs);
    if (intervals > 0) {
      s.tokens = Math.min(capacity, s.tokens + intervals * refillTokens);
      // Keep the partial interval unless the bucket is full (a full bucket has nothing to accrue).
      s.refilledAtMs = s.tokens === capacity ? nowMs : s.refilledAtMs + intervals * refillIntervalMs;
    } else if (s.tokens >= capacity) {
      s.refilledAtMs = nowMs;
    }
    if (s.tokens < 1) return REJECT;
    s.tokens--;
    return ADMIT;
  }
}
