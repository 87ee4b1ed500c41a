import { describe, expect, it } from 'vitest';
import { RefreshAhead } from '../../../engine/cache/strategies/early-refresh';
import { fixedTtl, JitteredTtl } from '../../../engine/cache/strategies/ttl-policy';
import { runMassExpiry, type MassExpiryReport } from '../../../engine/cache/workloads/mass-expiry';

// Avalanche (缓存雪崩): 100,000 keys loaded at t = 0, read uniformly at 50 reads per virtual ms.
const base = { keys: 100_000, readsPerMs: 50, durationMs: 12_000 } as const;
const AVALANCHE_SEEDS = [1, 2, 3] as const;
const fixedRuns = new Map<number, MassExpiryReport>();
/** The one-TTL run of a seed, computed once and shared by the comparisons. */
function oneTtl(seed: number): MassExpiryReport {
  let r = fixedRuns.get(seed);
  if (r === undefined) {
    r = runMassExpiry({ ...base, seed, ttl: () => fixedTtl(5000) });
    fixedRuns.set(seed, r);
  }
  return r;
}

describe('100,000 keys set with one TTL', () => {
  it.each(AVALANCHE_SEEDS)('one TTL: no DB load until the TTL, then nearly every read hits the DB at once (seed %i)', (seed) => {
    const r = oneTtl(seed);
    expect(r.firstDbQueryMs, `seed ${seed}`).toBe(5000);
    // 50,000 reads in the first second after expiry; only refilled keys (a few per cent of 100k) hit.
    expect(r.peakDbQueriesPerSecond, `seed ${seed}`).toBeGreaterThan(0.7 * 50_000);
  });

  it.each(AVALANCHE_SEEDS)('TTL jitter spreads the expiries and cuts the DB peak by more than half (seed %i)', (seed) => {
    const fixed = oneTtl(seed);
    const jittered = runMassExpiry({ ...base, seed, ttl: (p) => new JitteredTtl(5000, 5000, p) });
    expect(jittered.peakDbQueriesPerSecond, `seed ${seed}`).toBeLessThan(0.5 * fixed.peakDbQueriesPerSecond);
    expect(jittered.firstDbQueryMs, `seed ${seed}`).toBeGreaterThanOrEqual(5000);
  });

  it.each(AVALANCHE_SEEDS)('early refresh reloads keys read shortly before expiry, so far fewer reads wait for the DB (seed %i)', (seed) => {
    const fixed = oneTtl(seed);
    const early = runMassExpiry({ ...base, seed, ttl: () => fixedTtl(5000), refresh: () => new RefreshAhead(2000) });
    expect(early.misses, `seed ${seed}`).toBeLessThan(0.5 * fixed.misses);
    // It does not flatten a synchronized cohort: every key enters its refresh window at the same moment.
    expect(early.firstDbQueryMs, `seed ${seed}`).toBe(3000);
    expect(early.peakDbQueriesPerSecond, `seed ${seed}`).toBeGreaterThan(0.5 * fixed.peakDbQueriesPerSecond);
  });
});
