import type { Decision, PerKey, RateLimiter, WindowLimit } from '../../api';

/**
 * Alternative: the stored state is only written when a request is admitted. Each decision reads
 * the counts the stored window implies for the request's window (same window: as stored; the
 * window right after: the stored current count becomes the previous one; later: nothing), so a
 * rejected request never touches the state.
 */
function limitOf(limits: PerKey<WindowLimit>, key: string): WindowLimit {
  if (typeof limits === 'function') return limits(key);
  return limits;
}

interface Counts {
  window: number;
  current: number;
  previous: number;
}

function countsAt(stored: Counts | undefined, window: number): Counts {
  if (stored === undefined) return { window, current: 0, previous: 0 };
  if (stored.window === window) return { ...stored };
  if (stored.window === window - 1) return { window, current: 0, previous: stored.current };
  return { window, current: 0, previous: 0 };
}

export class FixedWindowLimiter implements RateLimiter {
  readonly name = 'fixed-window';
  private readonly counts = new Map<string, Counts>();

  constructor(private readonly limits: PerKey<WindowLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { limit, windowMs } = limitOf(this.limits, key);
    const c = countsAt(this.counts.get(key), Math.floor(nowMs / windowMs));
    const admitted = c.current + 1 <= limit;
    if (admitted) this.counts.set(key, { ...c, current: c.current + 1 });
    return { admitted, delayMs: 0 };
  }
}

export class SlidingWindowCounterLimiter implements RateLimiter {
  readonly name = 'sliding-window-counter';
  private readonly counts = new Map<string, Counts>();

  constructor(private readonly limits: PerKey<WindowLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { limit, windowMs } = limitOf(this.limits, key);
    const window = Math.floor(nowMs / windowMs);
    const c = countsAt(this.counts.get(key), window);
    const elapsed = nowMs % windowMs;
    const admitted = c.previous * (windowMs - elapsed) + (c.current + 1) * windowMs <= limit * windowMs;
    if (admitted) this.counts.set(key, { ...c, current: c.current + 1 });
    return { admitted, delayMs: 0 };
  }
}
