/**
 * Clock RATE skew: each node's local clock runs at its own rate r (per mille of true time: 1100
 * means 10% fast), fixed for the run and drawn from the seed. Offsets and rollbacks are
 * SkewedClock's business (clock.ts); a rate changes how long a node's "30 ticks" really last, which
 * is what lease-based reads must survive (Raft thesis §6.4.1: the lease is bounded by the election
 * timeout divided by the clock drift bound).
 *
 * Integer arithmetic only: a node's k-th tick after its first falls at
 * firstMs + floor(k · tickMs · 1000 / ratePerMille), so no rounding error accumulates.
 */
import type { Prng } from './prng';

export const NOMINAL_RATE_PER_MILLE = 1000;

export interface ClockRateRange {
  /** Slowest rate, per mille of true time (e.g. 900). */
  readonly minPerMille: number;
  /** Fastest rate, per mille (e.g. 1100). */
  readonly maxPerMille: number;
}

export function validateRate(ratePerMille: number): number {
  if (!Number.isInteger(ratePerMille) || ratePerMille < 100 || ratePerMille > 10_000) {
    throw new RangeError(`a clock rate must be an integer per mille in [100, 10000], got ${ratePerMille}`);
  }
  return ratePerMille;
}

/** The drift bound a range implies: the fastest clock over the slowest one (e.g. 1100/900 ≈ 1.22). */
export function driftBound(range: ClockRateRange): number {
  return range.maxPerMille / range.minPerMille;
}

/** One rate per id, uniform in [min, max] per mille, from `prng` (fork it per purpose: `clock-rate`). */
export function drawClockRates(prng: Prng, ids: readonly number[], range: ClockRateRange): Map<number, number> {
  validateRate(range.minPerMille);
  validateRate(range.maxPerMille);
  if (range.maxPerMille < range.minPerMille) throw new RangeError(`clock rate range [${range.minPerMille}, ${range.maxPerMille}] is empty`);
  const rates = new Map<number, number>();
  for (const id of ids) rates.set(id, prng.range(range.minPerMille, range.maxPerMille));
  return rates;
}

/**
 * A node's tick schedule in true virtual time. `next()` returns the true time of the next local
 * tick; at the nominal rate the ticks are exactly `tickMs` apart.
 */
export class LocalTicker {
  private count = 0;

  constructor(
    private readonly firstMs: number,
    private readonly tickMs: number,
    readonly ratePerMille: number = NOMINAL_RATE_PER_MILLE,
  ) {
    if (!Number.isInteger(firstMs) || firstMs < 0) throw new RangeError(`first tick time must be a non-negative integer, got ${firstMs}`);
    if (!Number.isInteger(tickMs) || tickMs < 1) throw new RangeError(`tickMs must be a positive integer, got ${tickMs}`);
    validateRate(ratePerMille);
  }

  /** True time of the k-th local tick (k = 0 is the first). */
  atMs(k: number): number {
    return this.firstMs + Math.floor((k * this.tickMs * 1000) / this.ratePerMille);
  }

  /** Ticks handed out so far. */
  ticks(): number {
    return this.count;
  }

  /** The true time of the next local tick (the first call returns firstMs). */
  next(): number {
    return this.atMs(this.count++);
  }
}
