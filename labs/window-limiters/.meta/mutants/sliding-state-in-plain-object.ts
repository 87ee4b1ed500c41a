import type { Decision, PerKey, RateLimiter, WindowLimit } from '../../api';

function limitFor(limits: PerKey<WindowLimit>, key: string): WindowLimit {
  return typeof limits === 'function' ? limits(key) : limits;
}

export class FixedWindowLimiter implements RateLimiter {
  readonly name = 'fixed-window';
  private readonly state = new Map<string, { window: number; count: number }>();

  constructor(private readonly limits: PerKey<WindowLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { limit, windowMs } = limitFor(this.limits, key);
    const window = Math.floor(nowMs / windowMs);
    let s = this.state.get(key);
    if (s === undefined) {
      s = { window, count: 0 };
      this.state.set(key, s);
    }
    if (s.window !== window) {
      s.window = window;
      s.count = 0;
    }
    if (s.count >= limit) return { admitted: false, delayMs: 0 };
    s.count++;
    return { admitted: true, delayMs: 0 };
  }
}

export class SlidingWindowCounterLimiter implements RateLimiter {
  readonly name = 'sliding-window-counter';
  /** Counters by key (a plain object as the dictionary). */
  private readonly state: Record<string, { window: number; current: number; previous: number }> = {};

  constructor(private readonly limits: PerKey<WindowLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { limit, windowMs } = limitFor(this.limits, key);
    const window = Math.floor(nowMs / windowMs);
    let s = this.state[key];
    if (s === undefined) {
      s = { window, current: 0, previous: 0 };
      this.state[key] = s;
    }
    if (s.window !== window) {
      // The previous window only counts if it is the one right before; after a longer gap it is empty.
      s.previous = window === s.window + 1 ? s.current : 0;
      s.current = 0;
      s.window = window;
    }
    const elapsedMs = nowMs - window * windowMs;
    if (s.previous * (windowMs - elapsedMs) + (s.current + 1) * windowMs > limit * windowMs) return { admitted: false, delayMs: 0 };
    s.current++;
    return { admitted: true, delayMs: 0 };
  }
}
