/**
 * A token bucket for login attempts: `capacity` tokens, refilled at `refillPerSecond`, one taken per
 * attempt. labs/ratelimit (the project's reference engines) did not exist when this was written, so this
 * is a small standalone one; it is in memory, per server process, keyed by whatever the caller chooses.
 */
export type BucketOptions = { capacity: number; refillPerSecond: number; maxKeys?: number };
export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterMs: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly options: BucketOptions) {}

  take(key: string, nowMs: number): TakeResult {
    const { capacity, refillPerSecond } = this.options;
    const b = this.buckets.get(key) ?? { tokens: capacity, at: nowMs };
    const tokens = Math.min(capacity, b.tokens + (Math.max(0, nowMs - b.at) / 1000) * refillPerSecond);
    this.buckets.delete(key); // re-insert: Map order doubles as least-recently-used order
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: nowMs });
      this.evict();
      return { ok: true, remaining: Math.floor(tokens - 1) };
    }
    this.buckets.set(key, { tokens, at: nowMs });
    this.evict();
    return { ok: false, retryAfterMs: Math.ceil(((1 - tokens) / refillPerSecond) * 1000) };
  }

  private evict() {
    const max = this.options.maxKeys ?? 10_000;
    while (this.buckets.size > max) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
