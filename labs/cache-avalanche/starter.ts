import type { Prng, RefreshPolicy, TtlPolicy } from './api';

/** Every fill gets the base TTL, so keys loaded together all expire together. Add the jitter. */
export class JitteredTtl implements TtlPolicy {
  constructor(
    private readonly baseMs: number,
    private readonly jitterMs: number,
    private readonly prng: Prng,
  ) {}

  ttlMsFor(_key: string): number {
    return this.baseMs;
  }
}

/** Never refreshes early: every key waits for a miss. Refresh hot keys before they expire. */
export class EarlyRefresh implements RefreshPolicy {
  constructor(
    private readonly windowMs: number,
    private readonly prng: Prng,
  ) {}

  shouldRefresh(_nowMs: number, _expiresAtMs: number): boolean {
    return false;
  }
}
