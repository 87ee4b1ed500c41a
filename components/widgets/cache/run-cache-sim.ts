/**
 * The cache simulator's runs: thin wiring of engine/cache's reference strategies into its measured
 * workloads (the same ones the caching labs are graded with). Deterministic for a seed.
 */
import { BloomFilter } from '@/engine/cache/bloom-filter';
import type { Series } from '@/engine/cache/series';
import { CacheAside } from '@/engine/cache/strategies/cache-aside';
import { Singleflight } from '@/engine/cache/strategies/singleflight';
import { fixedTtl, JitteredTtl } from '@/engine/cache/strategies/ttl-policy';
import { runHotKeyExpiry } from '@/engine/cache/workloads/hot-key-expiry';
import { runMassExpiry } from '@/engine/cache/workloads/mass-expiry';
import { runPenetrationFlood } from '@/engine/cache/workloads/penetration-flood';

export type CacheMode = 'breakdown' | 'avalanche' | 'penetration';

export interface CacheSimOptions {
  mode: CacheMode;
  seed: number;
  /** breakdown: coalesce concurrent misses of the hot key. */
  singleflight: boolean;
  /** avalanche: spread the TTLs of keys loaded together. */
  jitter: boolean;
  /** penetration: a Bloom filter of existing keys in front of cache and DB. */
  bloom: boolean;
  /** penetration: cache "not found" for a while. */
  nullCaching: boolean;
  /** breakdown: concurrent readers of the hot key; avalanche: keys loaded at t = 0; penetration: lookups. */
  load: number;
}

/** Which figure a stat is (its label is widgets.cache.stats.<id>). */
export type CacheStatId =
  | 'dbLoadsHot'
  | 'peakConcurrent'
  | 'readers'
  | 'maxLatency'
  | 'peakPerSecond'
  | 'peakPer100ms'
  | 'dbQueries'
  | 'reads'
  | 'dbQueriesAbsent'
  | 'filtered'
  | 'falseNegatives'
  | 'legitAbsent';

export interface CacheSimStat {
  id: CacheStatId;
  value: number;
  /** A second figure shown as "value / value2". */
  value2?: number;
  unit?: 'ms';
  tone?: 'ok' | 'bad' | 'warn';
}

/** What happened and whether the property held: a key of widgets.cache.verdicts and its numbers. */
export type CacheVerdictKey = 'singleflight' | 'breakdown' | 'jitter' | 'avalanche' | 'defended' | 'defendedBloom' | 'penetration';

export interface CacheSimResult {
  series: Series[];
  /** The target line; its label is widgets.cache.bounds.<key>. */
  bound: { value: number; key: 'oneLoad' | 'capacity' | 'threePercent'; values?: Record<string, number> };
  stats: CacheSimStat[];
  verdict: { key: CacheVerdictKey; values: Record<string, number> };
  ok: boolean;
  /** The series' bucket: per ms, per 100 ms or per 10 ms (widgets.cache.per.<per>). */
  per: 'ms' | 'hundredMs' | 'tenMs';
}

/** The load slider per mode (its label is widgets.cache.load.<mode>). */
export const LOAD_RANGE: Record<CacheMode, { min: number; max: number; step: number; default: number }> = {
  breakdown: { min: 100, max: 3000, step: 100, default: 1000 },
  avalanche: { min: 2000, max: 40_000, step: 2000, default: 10_000 },
  penetration: { min: 500, max: 8000, step: 500, default: 3000 },
};

const AVALANCHE_TTL_MS = 3000;
const AVALANCHE_JITTER_MS = 3000;
/** What the simulated DB can take in the avalanche run, per 100 ms bucket. */
const DB_CAPACITY_PER_100MS = 500;

export async function runCacheSim(o: CacheSimOptions): Promise<CacheSimResult> {
  switch (o.mode) {
    case 'breakdown': {
      const r = await runHotKeyExpiry({
        seed: o.seed,
        readers: o.load,
        readPath: (w) => new CacheAside(w, { ttl: fixedTtl(1000), coalescer: o.singleflight ? new Singleflight() : undefined }),
      });
      const ok = r.dbLoads <= 1;
      return {
        series: r.series,
        bound: { value: 1, key: 'oneLoad' },
        per: 'ms',
        ok,
        verdict: ok ? { key: 'singleflight', values: { readers: r.readers } } : { key: 'breakdown', values: { loads: r.dbLoads, readers: r.readers, peak: r.peakConcurrentDbQueries } },
        stats: [
          { id: 'dbLoadsHot', value: r.dbLoads, tone: ok ? 'ok' : 'bad' },
          { id: 'peakConcurrent', value: r.peakConcurrentDbQueries, tone: r.peakConcurrentDbQueries > 1 ? 'bad' : 'ok' },
          { id: 'readers', value: r.readers },
          { id: 'maxLatency', value: r.readerLatencyMsMax, unit: 'ms' },
        ],
      };
    }
    case 'avalanche': {
      const r = runMassExpiry({
        seed: o.seed,
        keys: o.load,
        readsPerMs: 20,
        durationMs: 10_000,
        ttl: (prng) => (o.jitter ? new JitteredTtl(AVALANCHE_TTL_MS, AVALANCHE_JITTER_MS, prng) : fixedTtl(AVALANCHE_TTL_MS)),
      });
      const peak = Math.max(...(r.series[0]?.values ?? [0]));
      const ok = peak <= DB_CAPACITY_PER_100MS;
      return {
        series: r.series,
        bound: { value: DB_CAPACITY_PER_100MS, key: 'capacity', values: { capacity: DB_CAPACITY_PER_100MS } },
        per: 'hundredMs',
        ok,
        verdict: ok
          ? { key: 'jitter', values: { ttl: AVALANCHE_TTL_MS, jitter: AVALANCHE_JITTER_MS, peak } }
          : { key: 'avalanche', values: { keys: o.load, ttl: AVALANCHE_TTL_MS, peak } },
        stats: [
          { id: 'peakPerSecond', value: r.peakDbQueriesPerSecond, tone: ok ? 'ok' : 'bad' },
          { id: 'peakPer100ms', value: peak, tone: ok ? 'ok' : 'bad' },
          { id: 'dbQueries', value: r.dbQueries },
          { id: 'reads', value: r.reads },
        ],
      };
    }
    case 'penetration': {
      const r = await runPenetrationFlood({
        seed: o.seed,
        lookups: o.load,
        absentKeyPool: Math.max(1, Math.floor(o.load / 4)),
        readPath: (w, keys) => {
          let filter: BloomFilter | undefined;
          if (o.bloom) {
            filter = BloomFilter.forExpected(keys.length, 0.01);
            for (const k of keys) filter.add(k);
          }
          return new CacheAside(w, { ttl: fixedTtl(60_000), filter, nullTtlMs: o.nullCaching ? 30_000 : undefined });
        },
      });
      const target = Math.ceil(r.absentLookups * 0.03);
      const ok = r.dbQueriesForAbsentKeys <= target && r.falseNegatives === 0;
      return {
        series: r.series,
        bound: { value: Math.max(1, Math.ceil(0.03 * Math.max(...(r.series[1]?.values ?? [0])))), key: 'threePercent' },
        per: 'tenMs',
        ok,
        verdict: ok
          ? { key: o.bloom ? 'defendedBloom' : 'defended', values: { queries: r.dbQueriesForAbsentKeys, absent: r.absentLookups, filtered: r.filtered } }
          : { key: 'penetration', values: { queries: r.dbQueriesForAbsentKeys, absent: r.absentLookups } },
        stats: [
          { id: 'dbQueriesAbsent', value: r.dbQueriesForAbsentKeys, tone: ok ? 'ok' : 'bad' },
          { id: 'filtered', value: r.filtered },
          { id: 'falseNegatives', value: r.falseNegatives, tone: r.falseNegatives === 0 ? 'ok' : 'bad' },
          { id: 'legitAbsent', value: r.legitLookups, value2: r.absentLookups },
        ],
      };
    }
    default: {
      const never: never = o.mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
}
