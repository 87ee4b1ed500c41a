import type { WindowLimit } from './fixed-window';
import { ADMIT, assertPositiveInteger, KeyedState, REJECT, resolveLimit, type Decision, type PerKey, type RateLimiter } from './rate-limiter';

/**
 * Sliding log: keep the time of every admitted request; admit at t if fewer than `limit` admitted
 * requests lie in (t − windowMs, t]. Exact, at O(limit) memory per key. Rejections are not logged.
 */
export class SlidingLogLimiter implements RateLimiter {
  readonly name = 'sliding-log';
  private readonly state = new KeyedState<{ times: number[]; head: number }>(() => ({ times: [], head: 0 }));

  constructor(private readonly limits: PerKey<WindowLimit>) {}

  tryAcquire(key: string, nowMs: number): Decision {
    const { limit, windowMs } = resolveLimit(this.limits, key);
    assertPositiveInteger('limit', limit);
    assertPositiveInteger('windowMs', windowMs);
    const s = this.state.get(key, nowMs);
    while (s.head < s.times.length && (s.times[s.head] as number) <= nowMs - windowMs) s.head++;
    if (s.head > 1024 && s.head * 2 > s.times.length) {
      s.times = s.times.slice(s.head);
      s.head = 0;
    }
    if (s.times.length - s.head >= limit) return REJECT;
    s.times.push(nowMs);
    return ADMIT;
  }
}
