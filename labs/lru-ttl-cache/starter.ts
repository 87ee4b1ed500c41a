import type { LruTtlCacheOptions, SetOptions } from './api';

/**
 * A cache that never forgets and never evicts: it ignores maxEntries and TTLs, and delete is not
 * written yet. Make it an O(1) LRU cache with TTLs on the virtual clock.
 *
 * One way to start (see the hints in the task): keep a Map from key to a node
 * { key, value, expiresAtMs, prev, next } made with options.newMap(), plus a doubly linked list
 * in recency order (most recent at the head, the victim at the tail).
 */
export class LruTtlCache<V> {
  private readonly map: Map<string, V>;

  constructor(private readonly options: LruTtlCacheOptions) {
    // TODO: a maxEntries below 1 is a RangeError.
    this.map = options.newMap<string, V>();
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    // TODO: an expired entry is removed and reads as absent; a hit becomes the most recently used.
    return this.map.get(key);
  }

  set(key: string, value: V, _options?: SetOptions): void {
    // TODO: check the TTL first, store the deadline, evict the least recently used on a new key in a full cache.
    this.map.set(key, value);
  }

  delete(key: string): boolean {
    // TODO: remove the key (and its node); true only if a live, unexpired entry was removed.
    throw new Error(`TODO: delete(${key}) is not written yet`);
  }

  has(key: string): boolean {
    // TODO: like get, but not a use: do not change the recency order.
    return this.map.has(key);
  }
}
