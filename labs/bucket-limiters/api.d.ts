/** What a limiter answers for one request. */
export interface Decision {
  admitted: boolean;
  /** How long an admitted request waits before it is served (the leaky bucket queue); 0 otherwise, and 0 when rejected. */
  delayMs: number;
}

/** The common limiter seam: time is passed in (integer virtual ms, never decreasing per key). */
export interface RateLimiter {
  readonly name: string;
  tryAcquire(key: string, nowMs: number): Decision;
}

/** One limit for every key, or a function choosing the limit per key (per-user tiers). */
export type PerKey<C> = C | ((key: string) => C);

export interface TokenBucketLimit {
  /** Bucket size: the largest burst admitted at once. A key's bucket starts full. */
  capacity: number;
  /** Tokens added per whole refillIntervalMs (never fractions of an interval). */
  refillTokens: number;
  refillIntervalMs: number;
}

export interface LeakyBucketLimit {
  /** How many admitted requests may wait in the queue (the one being served does not count). */
  capacity: number;
  /** The bucket serves one request every leakIntervalMs. */
  leakIntervalMs: number;
}

export declare class TokenBucketLimiter implements RateLimiter {
  readonly name: string;
  constructor(limits: PerKey<TokenBucketLimit>);
  tryAcquire(key: string, nowMs: number): Decision;
}

export declare class LeakyBucketLimiter implements RateLimiter {
  readonly name: string;
  constructor(limits: PerKey<LeakyBucketLimit>);
  tryAcquire(key: string, nowMs: number): Decision;
}
