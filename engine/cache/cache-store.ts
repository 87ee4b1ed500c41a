/**
 * The cache seam. The reference TtlCache implements it, and so does a learner's LRU/TTL cache in
 * the lru-ttl-cache lab; strategies and workloads only ever talk to this interface (through
 * RemoteCache when they need network latency).
 */
export interface SetOptions {
  /** Time to live on the virtual clock; omitted means the cache's default (possibly no expiry). */
  ttlMs?: number;
  /** Size charged against a byte capacity; omitted means the cache's sizeOf(value), or 1. */
  sizeBytes?: number;
}

export interface CacheStore<V> {
  /** The live value, or undefined if absent or expired. Counts as a use for eviction. */
  get(key: string): V | undefined;
  /** Insert or replace; may evict other entries to respect capacity. */
  set(key: string, value: V, options?: SetOptions): void;
  /** Remove; true if a live entry was removed. */
  delete(key: string): boolean;
  /** Whether a live (unexpired) entry exists; does not count as a use. */
  has(key: string): boolean;
  /** Number of entries held (expired entries not yet purged may be included). */
  readonly size: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  sets: number;
  deletes: number;
  evictions: number;
  expirations: number;
}

/** Why an entry left the cache, as passed to onEvict. */
export type RemovalReason = 'evicted' | 'expired' | 'deleted' | 'replaced' | 'oversized';

/** Anything that can tell the time in virtual milliseconds (VirtualClock, SkewedClock, Scheduler). */
export interface TimeSource {
  nowMs(): number;
}
