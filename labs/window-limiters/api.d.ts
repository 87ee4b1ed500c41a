/** What a limiter answers for one request. */
export interface Decision {
  admitted: boolean;
  /** How long an admitted request waits before it is served. Always 0 for window limiters. */
  delayMs: number;
}

/** The common limiter seam: time is passed in (integer virtual ms, never decreasing per key). */
export interface RateLimiter {
  readonly name: string;
  tryAcquire(key: string, nowMs: number): Decision;
}

/** One limit for every key, or a function choosing the limit per key (per-user tiers). */
export type PerKey<C> = C | ((key: string) => C);

export interface WindowLimit {
  /** Requests admitted per window. */
  limit: number;
  windowMs: number;
}

/** At most `limit` admitted requests per key in each aligned window [k·windowMs, (k+1)·windowMs). */
export declare class FixedWindowLimiter implements RateLimiter {
  readonly name: string;
  constructor(limits: PerKey<WindowLimit>);
  tryAcquire(key: string, nowMs: number): Decision;
}

/**
 * Per key, the admitted counts of the current aligned window and of the one just before it.
 * Admit iff previous · (windowMs − elapsed) / windowMs + current + 1 ≤ limit, where elapsed is the
 * time since the current window began (compute it in integers: multiply through by windowMs).
 */
export declare class SlidingWindowCounterLimiter implements RateLimiter {
  readonly name: string;
  constructor(limits: PerKey<WindowLimit>);
  tryAcquire(key: string, nowMs: number): Decision;
}
