import type { Prng } from '../../sim/prng';

/**
 * Decides, on a cache hit, whether to reload the value in the background before it expires.
 * Used by EarlyRefreshRead and by the mass-expiry workload.
 */
export interface RefreshPolicy {
  shouldRefresh(nowMs: number, expiresAtMs: number): boolean;
}

/** Refresh-ahead: any hit within `windowMs` of expiry triggers a reload. */
export class RefreshAhead implements RefreshPolicy {
  constructor(private readonly windowMs: number) {
    if (!Number.isInteger(windowMs) || windowMs < 0) throw new RangeError(`windowMs must be a non-negative integer, got ${windowMs}`);
  }

  shouldRefresh(nowMs: number, expiresAtMs: number): boolean {
    return nowMs >= expiresAtMs - this.windowMs;
  }
}

/**
 * Probabilistic early expiration (Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic
 * Cache Stampede Prevention", VLDB 2015, "XFetch"): refresh when
 * now − recomputeMs · beta · ln(u) ≥ expiry, u uniform in (0, 1]. The closer to expiry, the likelier.
 */
export class ProbabilisticEarlyRefresh implements RefreshPolicy {
  constructor(
    private readonly recomputeMs: number,
    private readonly beta: number,
    private readonly prng: Prng,
  ) {}

  shouldRefresh(nowMs: number, expiresAtMs: number): boolean {
    const u = 1 - this.prng.float(); // (0, 1]
    return nowMs - this.recomputeMs * this.beta * Math.log(u) >= expiresAtMs;
  }
}
