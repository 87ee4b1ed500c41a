import type { RemoteCache } from '../remote-cache';
import type { Scheduler } from '../scheduler';
import type { SimDb } from '../sim-db';

/**
 * What the strategies keep in the cache for a key: the DB value with the DB version it was read
 * at (so checkers can tell stale from fresh), or value null for "absent in the DB" (null caching).
 */
export interface CacheSlot<V> {
  value: V | null;
  /** DB row version; 0 for a cached absence. */
  version: number;
  /** Virtual time after which the slot counts as expired (physical TTL end, or logical expiry). */
  expiresAtMs: number;
}

/** Where a read's answer came from: a fresh cache hit, the DB, a filter that ruled the key out, or a stale slot served on purpose. */
export type ReadSource = 'cache' | 'db' | 'filtered' | 'stale';

export interface ReadResult<V> {
  value: V | null;
  version: number;
  source: ReadSource;
}

/** The read-side seam: every read strategy (and a learner's) implements this. */
export interface ReadPath<V> {
  read(key: string): Promise<ReadResult<V>>;
}

/** The write-side seam: write paths keep DB and cache in step in their own (flawed or fixed) way. */
export interface WritePath<V> {
  write(key: string, value: V): Promise<void>;
}

/** What a strategy is built on. */
export interface CacheDeps<V> {
  sched: Scheduler;
  db: SimDb<V>;
  cache: RemoteCache<CacheSlot<V>>;
}
