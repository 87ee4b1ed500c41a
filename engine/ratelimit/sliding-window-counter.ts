import type { WindowLimit } from './fixed-window';
import { ADMIT, assertPositiveInteger, KeyedState, REJECT, resolveLimit, type Decision, type PerKey, type RateLimiter } from './rate-limiter';

/**
 * Sliding window counter: counts for the current and the previous aligned window, and the estimate
 * previous · (windowMs − elapsed)/windowMs + current, where elapsed is the time since the current
 * window began. Admit when estimate + 1 ≤ limit, i.e. (in integers, to stay exact)
 * previous · (windowMs − elapsed) + (current + 1) · windowMs ≤ limit · windowMs.
 */
export class SlidingWindowCounterLimiter implements RateLimiter {
  readonly name = 'sliding-window-counter';
  private readonly state = new KeyedState<{ window: number; current: number; previous: number }>(() => ({ window: -1, current: 0, previous: 0 }));

  constructor(private readonly limits: PerKey<WindowLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { limit, windowMs } = resolveLimit(this.limits, key);
    assertPositiveInteger('limit', limit);
    assertPositiveInteger('windowMs', windowMs);
    const s = this.state.get(key, nowMs);
    const window = Math.floor(nowMs / windowMs);
    if (window !== s.window) {
      s.previous = window === s.window + 1 ? s.current : 0;
      s.current = 0;
      s.window = window;
    }
    const elapsedMs = nowMs - window * windowMs;
    if (s.previous * (windowMs - elapsedMs) + (s.current + 1) * windowMs > limit * windowMs) return REJECT;
    s.current++;
    return ADMIT;
  }
}
