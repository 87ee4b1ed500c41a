import type { Prng } from '../../sim/prng';

/** Chooses the TTL of each cache fill: the avalanche lab's seam. */
export interface TtlPolicy {
  ttlMsFor(key: string): number;
}

/** The same TTL for every fill; Infinity means fills never expire. */
export function fixedTtl(ttlMs: number): TtlPolicy {
  if (ttlMs !== Infinity && (!Number.isInteger(ttlMs) || ttlMs <= 0)) throw new RangeError(`ttlMs must be a positive integer or Infinity, got ${ttlMs}`);
  return { ttlMsFor: () => ttlMs };
}

/** Base TTL plus a uniform random extra in [0, jitterMs], so fills made together expire apart. */
export class JitteredTtl implements TtlPolicy {
  constructor(
    private readonly baseMs: number,
    private readonly jitterMs: number,
    private readonly prng: Prng,
  ) {
    if (!Number.isInteger(baseMs) || baseMs <= 0) throw new RangeError(`baseMs must be a positive integer, got ${baseMs}`);
    if (!Number.isInteger(jitterMs) || jitterMs < 0) throw new RangeError(`jitterMs must be a non-negative integer, got ${jitterMs}`);
  }

  ttlMsFor(): number {
    return this.baseMs + this.prng.int(this.jitterMs + 1);
  }
}
