import type { Seed } from '../../sim/prng';
import type { Latency } from '../latency';
import { seriesOf, type Series } from '../series';
import type { ReadPath } from '../strategies/read-path';
import { createCacheWorld, type CacheWorld, type CacheWorldOptions } from '../world';

export interface HotKeyExpiryOptions {
  seed: Seed;
  /** Build the read path under test on the world (CacheAside with or without Singleflight, LogicalExpiryRead, ...). */
  readPath: (world: CacheWorld<string>) => ReadPath<string>;
  readers?: number;
  /** Readers arrive uniformly over [expiry + arrivalOffsetMs, expiry + arrivalOffsetMs + arrivalWindowMs]; the default offset of 2 ms clears the cache hop, so every arrival finds the entry expired. */
  arrivalWindowMs?: number;
  arrivalOffsetMs?: number;
  dbReadLatencyMs?: Latency;
  cacheLatencyMs?: Latency;
  makeStore?: CacheWorldOptions<string>['makeStore'];
}

export interface HotKeyExpiryReport {
  seed: number;
  readers: number;
  /** Virtual time at which the warmed entry expired. */
  expiryMs: number;
  /** DB queries for the hot key after the warm-up: the breakdown measure. */
  dbLoads: number;
  peakConcurrentDbQueries: number;
  /** Reads answered with a value past its expiry (logical expiry serves these on purpose). */
  staleReads: number;
  readerLatencyMsMax: number;
  readerLatencyMsMean: number;
  /** Per virtual millisecond from the first arrival: DB queries started, reads started. */
  series: Series[];
}

export const HOT_KEY = 'hot:item';

/**
 * Breakdown (缓存击穿): one hot key expires while many readers want it at once. The key is warmed
 * by one read at t = 0, then `readers` concurrent reads arrive around its expiry.
 */
export async function runHotKeyExpiry(options: HotKeyExpiryOptions): Promise<HotKeyExpiryReport> {
  const readers = options.readers ?? 1000;
  const arrivalWindowMs = options.arrivalWindowMs ?? 10;
  const world = createCacheWorld<string>({
    seed: options.seed,
    dbReadLatencyMs: options.dbReadLatencyMs ?? [40, 60],
    cacheLatencyMs: options.cacheLatencyMs ?? [0, 1],
    makeStore: options.makeStore,
  });
  world.db.preload(HOT_KEY, 'v1');
  const path = options.readPath(world);

  world.sched.spawn('warm-up', () => path.read(HOT_KEY));
  await world.sched.run();
  const warmed = world.store.get(HOT_KEY);
  if (warmed === undefined) throw new Error(`warm-up did not fill the cache (seed ${world.seed})`);
  const expiryMs = warmed.expiresAtMs;
  if (!Number.isFinite(expiryMs)) throw new Error('the warmed entry never expires; give the read path a finite TTL');
  const warmLoads = world.db.reads.total;

  const firstArrivalMs = expiryMs + (options.arrivalOffsetMs ?? 2);
  if (firstArrivalMs < world.clock.nowMs()) throw new Error(`arrivals would start at ${firstArrivalMs}, before the warm-up ended`);
  const latenciesMs: number[] = [];
  const arrivalsMs: number[] = [];
  let staleReads = 0;
  for (let i = 0; i < readers; i++) {
    const atMs = firstArrivalMs + world.prng.int(arrivalWindowMs + 1);
    arrivalsMs.push(atMs);
    world.sched.spawn(
      `reader ${i}`,
      async () => {
        const result = await path.read(HOT_KEY);
        latenciesMs.push(world.sched.nowMs() - atMs);
        if (result.source === 'stale') staleReads++;
      },
      atMs - world.clock.nowMs(),
    );
  }
  const run = await world.sched.run();
  if (run.unfinishedTasks.length > 0) throw new Error(`${run.unfinishedTasks.length} readers never finished (seed ${world.seed})`);

  const endMs = world.clock.nowMs() + 1;
  const dbStarts = world.db.reads.startTimesMs().slice(warmLoads);
  return {
    seed: world.seed,
    readers,
    expiryMs,
    dbLoads: world.db.reads.total - warmLoads,
    peakConcurrentDbQueries: world.db.reads.peakConcurrent,
    staleReads,
    readerLatencyMsMax: latenciesMs.reduce((m, x) => Math.max(m, x), 0),
    readerLatencyMsMean: latenciesMs.reduce((s, x) => s + x, 0) / Math.max(1, latenciesMs.length),
    series: [seriesOf('db queries', dbStarts, firstArrivalMs, endMs, 1), seriesOf('reads', arrivalsMs, firstArrivalMs, endMs, 1)],
  };
}
