import type { Decision, PerKey, RateLimiter, WindowLimit } from '../../api';

/**
 * Alternative: the sliding estimate is computed in floating point, the way Cloudflare writes it,
 * dividing once at the end (previous · (windowMs − elapsed) / windowMs + current + 1 ≤ limit);
 * both limiters keep the start of the current window in ms rather than its id.
 */
const config = (limits: PerKey<WindowLimit>, key: string): WindowLimit => (typeof limits === 'function' ? limits(key) : limits);

export class FixedWindowLimiter implements RateLimiter {
  readonly name = 'fixed-window';
  private readonly windows = new Map<string, { startMs: number; admitted: number }>();
  private readonly limits: PerKey<WindowLimit>;

  constructor(limits: PerKey<WindowLimit>) {
    this.limits = limits;
  }

  tryAcquire(key: string, nowMs: number): Decision {
    const { limit, windowMs } = config(this.limits, key);
    const startMs = nowMs - (nowMs % windowMs);
    const w = this.windows.get(key);
    if (w === undefined || w.startMs !== startMs) {
      if (limit < 1) {
        this.windows.set(key, { startMs, admitted: 0 });
        return { admitted: false, delayMs: 0 };
      }
      this.windows.set(key, { startMs, admitted: 1 });
      return { admitted: true, delayMs: 0 };
    }
    if (w.admitted < limit) {
      w.admitted += 1;
      return { admitted: true, delayMs: 0 };
    }
    return { admitted: false, delayMs: 0 };
  }
}

export class SlidingWindowCounterLimiter implements RateLimiter {
  readonly name = 'sliding-window-counter';
  private readonly windows = new Map<string, { startMs: number; current: number; previous: number }>();
  private readonly limits: PerKey<WindowLimit>;

  constructor(limits: PerKey<WindowLimit>) {
    this.limits = limits;
  }

  tryAcquire(key: string, nowMs: number): Decision {
    const { limit, windowMs } = config(this.limits, key);
    const startMs = nowMs - (nowMs % windowMs);
    let w = this.windows.get(key);
    if (w === undefined) {
      w = { startMs, current: 0, previous: 0 };
      this.windows.set(key, w);
    } else if (w.startMs !== startMs) {
      w.previous = w.startMs === startMs - windowMs ? w.current : 0;
      w.current = 0;
      w.startMs = startMs;
    }
    const estimate = (w.previous * (windowMs - (nowMs - startMs))) / windowMs + w.current;
    if (estimate + 1 > limit) return { admitted: false, delayMs: 0 };
    w.current += 1;
    return { admitted: true, delayMs: 0 };
  }
}
