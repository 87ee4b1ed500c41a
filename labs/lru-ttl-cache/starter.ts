import type { LruTtlCacheOptions, SetOptions } from './api';

/**
 * A cache that never forgets and never evicts: it ignores maxEntries and TTLs. Make it an O(1)
 * LRU cache with TTLs on the virtual clock.
 */
export class LruTtlCache<V> {
  private readonly map: Map<string, V>;

  constructor(private readonly options: LruTtlCacheOptions) {
    this.map = options.newMap<string, V>();
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V, _options?: SetOptions): void {
    this.map.set(key, value);
  }

  delete(key: string): boolean {
    return this.map.delete(key);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }
}
