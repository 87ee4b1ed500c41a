import type { CacheEntry } from './cache-entry';

/**
 * An eviction policy orders the entries of one cache. Every method must be O(1).
 * The cache calls `add` once per new entry, `touch` on every hit or overwrite, `remove` when an
 * entry leaves for any reason, and `victim` when it is over capacity (the policy does not remove
 * the victim itself; the cache then calls `remove`).
 */
export interface EvictionPolicy<V> {
  readonly name: string;
  add(entry: CacheEntry<V>): void;
  touch(entry: CacheEntry<V>): void;
  remove(entry: CacheEntry<V>): void;
  victim(): CacheEntry<V> | undefined;
  clear(): void;
}
