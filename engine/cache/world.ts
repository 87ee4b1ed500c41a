import { VirtualClock } from '../sim/clock';
import { Prng, type Seed } from '../sim/prng';
import type { CacheStore, TimeSource } from './cache-store';
import type { Latency } from './latency';
import { RemoteCache } from './remote-cache';
import { Scheduler } from './scheduler';
import { SimDb } from './sim-db';
import type { CacheDeps, CacheSlot } from './strategies/read-path';
import { TtlCache } from './ttl-cache';

export interface CacheWorldOptions<V> {
  seed: Seed;
  dbReadLatencyMs?: Latency;
  dbWriteLatencyMs?: Latency;
  cacheLatencyMs?: Latency;
  /** Build the cache store on the world's clock; default: an unbounded reference TtlCache. A lab passes the learner's class here. */
  makeStore?: (clock: TimeSource) => CacheStore<CacheSlot<V>>;
}

/** Everything one seeded run of a cache workload is made of. */
export interface CacheWorld<V> extends CacheDeps<V> {
  seed: number;
  prng: Prng;
  clock: VirtualClock;
  store: CacheStore<CacheSlot<V>>;
}

export function createCacheWorld<V>(options: CacheWorldOptions<V>): CacheWorld<V> {
  const prng = new Prng(options.seed);
  const clock = new VirtualClock();
  const sched = new Scheduler({ prng: prng.fork('scheduler'), clock });
  const db = new SimDb<V>(sched, { readLatencyMs: options.dbReadLatencyMs, writeLatencyMs: options.dbWriteLatencyMs });
  const store = options.makeStore?.(clock) ?? new TtlCache<CacheSlot<V>>({ clock });
  const cache = new RemoteCache(store, sched, options.cacheLatencyMs ?? 0);
  return { seed: prng.seed, prng: prng.fork('workload'), clock, sched, db, store, cache };
}
