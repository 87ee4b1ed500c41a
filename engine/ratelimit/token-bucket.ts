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
    return takeToken(this.state.get(key, nowMs), resolveLimit(this.limits, key), nowMs) ? ADMIT : REJECT;
  }
}

/** One bucket's state: whole tokens left, and the time of the last whole refill. */
export interface TokenBucketState {
  tokens: number;
  refilledAtMs: number;
}

/**
 * The token-bucket step on one bucket, in place: refill the whole intervals elapsed since refilledAtMs, then take one
 * token if there is one. True when admitted. Shared by the in-memory limiter above and the database-backed buckets
 * of the web servers (lib/auth/shared-limiter.ts), so the maths exists once.
 */
export function takeToken(s: TokenBucketState, limit: TokenBucketLimit, nowMs: number): boolean {
  const { capacity, refillTokens, refillIntervalMs } = limit;
  assertPositiveInteger('capacity', capacity);
  assertPositiveInteger('refillTokens', refillTokens);
  assertPositiveInteger('refillIntervalMs', refillIntervalMs);
  const intervals = Math.floor((nowMs - s.refilledAtMs) / refillIntervalMs);
  if (intervals > 0) {
    s.tokens = Math.min(capacity, s.tokens + intervals * refillTokens);
    // Keep the partial interval unless the bucket is full (a full bucket has nothing to accrue).
    s.refilledAtMs = s.tokens === capacity ? nowMs : s.refilledAtMs + intervals * refillIntervalMs;
  } else if (s.tokens >= capacity) {
    s.refilledAtMs = nowMs;
  }
  if (s.tokens < 1) return false;
  s.tokens--;
  return true;
}
