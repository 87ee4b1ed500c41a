import { TokenBucketLimiter, type TokenBucketLimit } from '@/engine/ratelimit/token-bucket';

export type LimitDecision = { ok: true } | { ok: false; retryAfterMs: number };
/**
 * What the callers use (sign-in, sign-up, submissions): take one token for `key` at `nowMs`. The in-process buckets
 * below answer at once; the database-backed ones shared by every server process (lib/auth/shared-limiter.ts, on
 * PostgreSQL) answer with a promise, so callers await the result.
 */
export type LoginLimiter = { take(key: string, nowMs: number): LimitDecision | Promise<LimitDecision> };

/**
 * Login attempts go through the project's token bucket (engine/ratelimit/token-bucket.ts, the same
 * engine the rate-limiting lessons and labs use). This adapter adds what a web server needs on top:
 * - wall-clock time may step backwards (NTP); the engine requires non-decreasing time, so time is clamped;
 * - a retry-after hint (at most one refill interval away, since a rejected bucket has < 1 token);
 * - bounded memory: past `maxKeys` distinct keys the buckets start afresh (an attacker spraying names
 *   gains at most one fresh bucket per key, which the per-client bucket still limits).
 * State is in memory, per server process (the SQLite default; on PostgreSQL see lib/auth/shared-limiter.ts).
 */
export class LoginBuckets implements LoginLimiter {
  private limiter: TokenBucketLimiter;
  private keys = new Set<string>();
  private lastMs = 0;

  constructor(
    private readonly limit: TokenBucketLimit,
    private readonly maxKeys = 50_000,
  ) {
    this.limiter = new TokenBucketLimiter(limit);
  }

  take(key: string, nowMs: number): LimitDecision {
    this.lastMs = Math.max(this.lastMs, Math.floor(nowMs));
    if (!this.keys.has(key) && this.keys.size >= this.maxKeys) {
      this.limiter = new TokenBucketLimiter(this.limit);
      this.keys = new Set();
    }
    this.keys.add(key);
    const decision = this.limiter.tryAcquire(key, this.lastMs);
    return decision.admitted ? { ok: true } : { ok: false, retryAfterMs: this.limit.refillIntervalMs };
  }
}
