/** Anything that tells the virtual time in milliseconds. Never read the real clock. */
export interface TimeSource {
  nowMs(): number;
}

export interface SetOptions {
  /** Time to live in virtual milliseconds: a positive integer, or Infinity for "never expires". Omitted: the cache's defaultTtlMs. */
  ttlMs?: number;
}

export interface LruTtlCacheOptions {
  /** The virtual clock TTLs are measured on. */
  clock: TimeSource;
  /** The most entries the cache holds, live or expired-but-not-yet-removed. An integer ≥ 1. */
  maxEntries: number;
  /** TTL of a set() that gives none. Default: Infinity (no expiry). */
  defaultTtlMs?: number;
  /**
   * Create every Map your cache keeps with this. It returns a real Map that also counts its
   * operations, which is how the tests check that each cache operation does O(1) work.
   */
  newMap: <K, V>() => Map<K, V>;
}

/** The cache seam of the reference engine (engine/cache CacheStore), string keys. */
export declare class LruTtlCache<V> {
  constructor(options: LruTtlCacheOptions);
  /** The live value, or undefined if absent or expired. A hit makes the key the most recently used. An expired entry found here is removed. */
  get(key: string): V | undefined;
  /**
   * Insert or replace the value and restart its TTL; the key becomes the most recently used.
   * Replacing a key never evicts. Inserting a new key into a full cache first evicts the least
   * recently used entry, expired or not. Throws RangeError for a TTL that is not a positive integer or Infinity.
   */
  set(key: string, value: V, options?: SetOptions): void;
  /** Remove the key; true only if a live (unexpired) entry was removed. */
  delete(key: string): boolean;
  /** Whether a live entry exists. Does not count as a use. An expired entry found here is removed. */
  has(key: string): boolean;
  /** Entries held, including expired ones nothing has removed yet. */
  readonly size: number;
}
