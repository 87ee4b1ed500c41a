import { VirtualClock } from '../../sim/clock';
import { Prng, type Seed } from '../../sim/prng';
import type { CacheStore, TimeSource } from '../cache-store';
import { drawLatencyMs, type Latency } from '../latency';
import { LoadMeter } from '../load-meter';
import { bucketCounts, maxOf, type Series } from '../series';
import type { RefreshPolicy } from '../strategies/early-refresh';
import type { CacheSlot } from '../strategies/read-path';
import type { TtlPolicy } from '../strategies/ttl-policy';
import { TtlCache } from '../ttl-cache';

export interface MassExpiryOptions {
  seed: Seed;
  /** TTL of every fill, warm-up included (fixedTtl: the avalanche; JitteredTtl: the fix). */
  ttl: (prng: Prng) => TtlPolicy;
  /** Optional early refresh on hits. */
  refresh?: (prng: Prng) => RefreshPolicy;
  keys?: number;
  readsPerMs?: number;
  durationMs?: number;
  dbReadLatencyMs?: Latency;
  makeStore?: (clock: TimeSource) => CacheStore<CacheSlot<string>>;
}

export interface MassExpiryReport {
  seed: number;
  reads: number;
  /** Reads that found no live entry and had to wait for the DB. */
  misses: number;
  dbQueries: number;
  peakDbQueriesPerSecond: number;
  peakConcurrentDbQueries: number;
  /** Virtual second of the first DB query (undefined if none). */
  firstDbQueryMs: number | undefined;
  /** DB queries and misses per 100 virtual ms. */
  series: Series[];
}

/**
 * Avalanche (缓存雪崩): `keys` entries are loaded together at t = 0 with one TTL, then read
 * uniformly at `readsPerMs`. Time-stepped (one step per virtual ms) rather than task-based, so
 * 100,000 keys and millions of reads stay fast; a DB read is modelled as a query that starts on a
 * miss (or on an early refresh) and fills the cache when its latency has passed. Concurrent misses
 * on one key each query the DB (no coalescing), as in the plain cache-aside path.
 */
export function runMassExpiry(options: MassExpiryOptions): MassExpiryReport {
  const keyCount = options.keys ?? 100_000;
  const readsPerMs = options.readsPerMs ?? 100;
  const durationMs = options.durationMs ?? 25_000;
  const dbReadLatencyMs = options.dbReadLatencyMs ?? [5, 20];
  const root = new Prng(options.seed);
  const prng = root.fork('reads');
  const latencyPrng = root.fork('db');
  const ttl = options.ttl(root.fork('ttl'));
  const refresh = options.refresh?.(root.fork('refresh'));
  const clock = new VirtualClock();
  const store = options.makeStore?.(clock) ?? new TtlCache<CacheSlot<string>>({ clock });
  const meter = new LoadMeter();
  const keys: string[] = [];
  for (let i = 0; i < keyCount; i++) keys.push(`item:${i}`);

  const fill = (key: string, nowMs: number): void => {
    const ttlMs = ttl.ttlMsFor(key);
    store.set(key, { value: `value of ${key}`, version: 1, expiresAtMs: nowMs + ttlMs }, { ttlMs });
  };
  for (const key of keys) fill(key, 0);

  /** landings[t] = keys whose DB read completes at virtual ms t. */
  const landings = new Map<number, string[]>();
  const refreshing = new Set<string>();
  const startQuery = (key: string, nowMs: number): void => {
    meter.begin(nowMs, key);
    const atMs = nowMs + Math.max(1, drawLatencyMs(dbReadLatencyMs, latencyPrng));
    const list = landings.get(atMs);
    if (list === undefined) landings.set(atMs, [key]);
    else list.push(key);
  };

  const missTimesMs: number[] = [];
  let reads = 0;
  for (let t = 0; t < durationMs; t++) {
    clock.advanceToMs(t);
    const landed = landings.get(t);
    if (landed !== undefined) {
      landings.delete(t);
      for (const key of landed) {
        meter.end();
        refreshing.delete(key);
        fill(key, t);
      }
    }
    for (let r = 0; r < readsPerMs; r++) {
      const key = keys[prng.int(keyCount)] as string;
      reads++;
      const slot = store.get(key);
      if (slot === undefined) {
        missTimesMs.push(t);
        startQuery(key, t);
      } else if (refresh !== undefined && !refreshing.has(key) && refresh.shouldRefresh(t, slot.expiresAtMs)) {
        refreshing.add(key);
        startQuery(key, t);
      }
    }
  }

  const starts = meter.startTimesMs();
  const perSecond = meter.perBucket(0, durationMs, 1000);
  return {
    seed: root.seed,
    reads,
    misses: missTimesMs.length,
    dbQueries: meter.total,
    peakDbQueriesPerSecond: maxOf(perSecond),
    peakConcurrentDbQueries: meter.peakConcurrent,
    firstDbQueryMs: starts[0],
    series: [
      { name: 'db queries', startMs: 0, bucketMs: 100, values: meter.perBucket(0, durationMs, 100) },
      { name: 'misses', startMs: 0, bucketMs: 100, values: bucketCounts(missTimesMs, 0, durationMs, 100) },
    ],
  };
}

