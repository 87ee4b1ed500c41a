// Bug: the ramp has no + 1, so the window's first millisecond never refreshes and its last one refreshes with probability (W − 1) / W, not 1.
import type { Prng, RefreshPolicy, TtlPolicy } from '../../api';

/** Base TTL plus a fresh uniform extra in [0, jitterMs] per fill, so keys loaded together expire apart. */
export class JitteredTtl implements TtlPolicy {
  constructor(
    private readonly baseMs: number,
    private readonly jitterMs: number,
    private readonly prng: Prng,
  ) {
    if (!Number.isInteger(baseMs) || baseMs <= 0) throw new RangeError(`baseMs must be a positive integer, got ${baseMs}`);
    if (!Number.isInteger(jitterMs) || jitterMs < 0) throw new RangeError(`jitterMs must be a non-negative integer, got ${jitterMs}`);
  }

  ttlMsFor(_key: string): number {
    return this.baseMs + this.prng.int(this.jitterMs + 1);
  }
}

/**
 * Probabilistic early refresh: in the last windowMs before expiry a hit reloads the entry with a
 * probability that rises linearly to 1, so the keys of one cohort are refreshed at different
 * moments rather than all at the start of the window (which would only move the stampede earlier).
 */
export class EarlyRefresh implements RefreshPolicy {
  constructor(
    private readonly windowMs: number,
    private readonly prng: Prng,
  ) {
    if (!Number.isInteger(windowMs) || windowMs <= 0) throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`);
  }

  shouldRefresh(nowMs: number, expiresAtMs: number): boolean {
    const windowStartMs = expiresAtMs - this.windowMs;
    if (nowMs < windowStartMs) return false;
    return this.prng.float() < (nowMs - windowStartMs) / this.windowMs;
  }
}
