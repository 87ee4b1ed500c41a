/** Scenarios for the cache-avalanche lab: the reference mass-expiry workload (engine/cache). */
import type { Prng } from '../../engine/sim/prng';
import type { RefreshPolicy } from '../../engine/cache/strategies/early-refresh';
import { fixedTtl, type TtlPolicy } from '../../engine/cache/strategies/ttl-policy';
import { runMassExpiry, type MassExpiryReport } from '../../engine/cache/workloads/mass-expiry';

/** 5,000 keys loaded at t = 0, read uniformly at 5 reads per virtual ms (5,000 per second, so each key about once a second) for 11 s. */
export const MASS_EXPIRY = { keys: 5000, readsPerMs: 5, durationMs: 11_000 } as const;
export const BASE_TTL_MS = 5000;
export const JITTER_MS = 5000;
export const REFRESH_WINDOW_MS = 2000;

/**
 * The one-TTL avalanche, run only to the end of the second after the expiry: every key expires at
 * BASE_TTL_MS, so its peak second is [BASE_TTL_MS, BASE_TTL_MS + 1000) (the refills spread the next
 * wave), and the shorter run has the same peak at about half the cost.
 */
export function oneTtl(seed: number): MassExpiryReport {
  return runMassExpiry({ ...MASS_EXPIRY, durationMs: BASE_TTL_MS + 1000, seed, ttl: () => fixedTtl(BASE_TTL_MS) });
}

export function withPolicies(seed: number, ttl: (prng: Prng) => TtlPolicy, refresh?: (prng: Prng) => RefreshPolicy): MassExpiryReport {
  return runMassExpiry({ ...MASS_EXPIRY, seed, ttl, refresh });
}

/** The report without its series, for traces. */
export function brief(report: MassExpiryReport): Omit<MassExpiryReport, 'series'> & { dbQueriesPerSecond: number[] } {
  const { series, ...rest } = report;
  const per100 = series[0]?.values ?? [];
  const perSecond: number[] = [];
  for (let i = 0; i < per100.length; i += 10) perSecond.push(per100.slice(i, i + 10).reduce((a, b) => a + b, 0));
  return { ...rest, dbQueriesPerSecond: perSecond };
}
