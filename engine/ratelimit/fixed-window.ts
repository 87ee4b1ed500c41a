import { ADMIT, assertPositiveInteger, KeyedState, REJECT, resolveLimit, type Decision, type PerKey, type RateLimiter } from './rate-limiter';

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/**
 * Fixed window counter: time is cut into aligned windows [k·windowMs, (k+1)·windowMs); at most
 * `limit` requests are admitted per window. Flaw: up to 2·limit can pass in 2 ms across a boundary.
 */
export class FixedWindowLimiter implements RateLimiter {
  readonly name = 'fixed-window';
  private readonly state = new KeyedState<{ window: number; count: number }>(() => ({ window: -1, count: 0 }));

  constructor(private readonly limits: PerKey<WindowLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { limit, windowMs } = resolveLimit(this.limits, key);
    assertPositiveInteger('limit', limit);
    assertPositiveInteger('windowMs', windowMs);
    const s = this.state.get(key, nowMs);
    const window = Math.floor(nowMs / windowMs);
    if (window !== s.window) {
      s.window = window;
      s.count = 0;
    }
    if (s.count >= limit) return REJECT;
    s.count++;
    return ADMIT;
  }
}
