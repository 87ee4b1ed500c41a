/** The seeded random source of the simulation (engine/sim Prng). Use it, never Math.random. */
export interface Prng {
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform integer in [lo, hi], both inclusive. */
  range(lo: number, hi: number): number;
  /** Uniform float in [0, 1). */
  float(): number;
}

/** Chooses the TTL of each cache fill (the engine/cache TtlPolicy seam). */
export interface TtlPolicy {
  ttlMsFor(key: string): number;
}

/** Decides, on a cache hit, whether to reload the entry in the background before it expires (the engine/cache RefreshPolicy seam). */
export interface RefreshPolicy {
  shouldRefresh(nowMs: number, expiresAtMs: number): boolean;
}

export declare class JitteredTtl implements TtlPolicy {
  /** baseMs: a positive integer; jitterMs: a non-negative integer. Throw RangeError otherwise. */
  constructor(baseMs: number, jitterMs: number, prng: Prng);
  /** A fresh draw for every fill: an integer uniform in [baseMs, baseMs + jitterMs], both ends included. */
  ttlMsFor(key: string): number;
}

export declare class EarlyRefresh implements RefreshPolicy {
  /** windowMs: a positive integer. */
  constructor(windowMs: number, prng: Prng);
  /**
   * Never before expiresAtMs − windowMs. Inside the window, true with probability
   * (nowMs − (expiresAtMs − windowMs) + 1) / windowMs: about 0 at its start, 1 on its last millisecond.
   */
  shouldRefresh(nowMs: number, expiresAtMs: number): boolean;
}
