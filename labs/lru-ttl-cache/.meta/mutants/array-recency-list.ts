import type { LruTtlCacheOptions, SetOptions, TimeSource } from '../../api';

interface Entry<V> {
  value: V;
  expiresAtMs: number;
}

/** Bug: the recency order is an array of keys, so every use searches it with indexOf: O(n) per operation. */
export class LruTtlCache<V> {
  private readonly map: Map<string, Entry<V>>;
  private readonly order: string[] = [];
  private readonly clock: TimeSource;
  private readonly maxEntries: number;
  private readonly defaultTtlMs: number;

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
    this.touch(key);
    return entry.value;
  }

  has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  set(key: string, value: V, options?: SetOptions): void {
    const ttlMs = options?.ttlMs ?? this.defaultTtlMs;
    if (ttlMs !== Infinity && (!Number.isInteger(ttlMs) || ttlMs <= 0)) throw new RangeError(`bad ttlMs ${ttlMs}`);
    const expiresAtMs = ttlMs === Infinity ? Infinity : this.clock.nowMs() + ttlMs;
    if (this.map.has(key)) {
      this.map.set(key, { value, expiresAtMs });
      this.touch(key);
      return;
    }
    if (this.map.size >= this.maxEntries) this.drop(this.order[0] as string);
    this.map.set(key, { value, expiresAtMs });
    this.order.push(key);
  }

  delete(key: string): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    this.drop(key);
    return entry.expiresAtMs > this.clock.nowMs();
  }

  private live(key: string): Entry<V> | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= this.clock.nowMs()) {
      this.drop(key);
      return undefined;
    }
    return entry;
  }

  private touch(key: string): void {
    this.order.splice(this.order.indexOf(key), 1);
    this.order.push(key);
  }

  private drop(key: string): void {
    this.map.delete(key);
    this.order.splice(this.order.indexOf(key), 1);
  }
}
