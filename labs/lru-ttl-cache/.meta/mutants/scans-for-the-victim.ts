import type { LruTtlCacheOptions, SetOptions, TimeSource } from '../../api';

interface Entry<V> {
  value: V;
  expiresAtMs: number;
  lastUsed: number;
}

/** Bug: each entry records when it was last used and eviction scans the whole map for the oldest: O(n) per eviction. */
export class LruTtlCache<V> {
  private readonly map: Map<string, Entry<V>>;
  private readonly clock: TimeSource;
  private readonly maxEntries: number;
  private readonly defaultTtlMs: number;
  private useCounter = 0;

  constructor(options: LruTtlCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new RangeError('maxEntries must be an integer ≥ 1');
    this.clock = options.clock;
    this.maxEntries = options.maxEntries;
    this.defaultTtlMs = options.defaultTtlMs ?? Infinity;
    this.map = options.newMap<string, Entry<V>>();
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const entry = this.live(key);
    if (entry === undefined) return undefined;
    entry.lastUsed = ++this.useCounter;
    return entry.value;
  }

  has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  set(key: string, value: V, options?: SetOptions): void {
    const ttlMs = options?.ttlMs ?? this.defaultTtlMs;
    if (ttlMs !== Infinity && (!Number.isInteger(ttlMs) || ttlMs <= 0)) throw new RangeError(`bad ttlMs ${ttlMs}`);
    const expiresAtMs = ttlMs === Infinity ? Infinity : this.clock.nowMs() + ttlMs;
    if (!this.map.has(key) && this.map.size >= this.maxEntries) {
      let oldestKey: string | undefined;
      let oldest = Infinity;
      for (const [k, e] of this.map) {
        if (e.lastUsed < oldest) {
          oldest = e.lastUsed;
          oldestKey = k;
        }
      }
      if (oldestKey !== undefined) this.map.delete(oldestKey);
    }
    this.map.set(key, { value, expiresAtMs, lastUsed: ++this.useCounter });
  }

  delete(key: string): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    this.map.delete(key);
    return entry.expiresAtMs > this.clock.nowMs();
  }

  private live(key: string): Entry<V> | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= this.clock.nowMs()) {
      this.map.delete(key);
      return undefined;
    }
    return entry;
  }
}
