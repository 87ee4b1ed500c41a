import type { LruTtlCacheOptions, SetOptions, TimeSource } from '../../api';

interface Slot<V> {
  value: V;
  expiresAtMs: number;
}

/**
 * Alternative: no linked list. A Map keeps insertion order, so a use deletes and re-inserts the key
 * (it moves to the newest end) and the victim is the first key of the map's iteration order. The
 * default TTL is validated when a set falls back to it rather than in the constructor.
 */
export class LruTtlCache<V> {
  private readonly entries: Map<string, Slot<V>>;
  private readonly clock: TimeSource;
  private readonly capacity: number;
  private readonly defaultTtl: number;

  constructor(options: LruTtlCacheOptions) {
    if (!(Number.isInteger(options.maxEntries) && options.maxEntries >= 1)) throw new RangeError(`maxEntries must be an integer of at least 1: ${options.maxEntries}`);
    this.clock = options.clock;
    this.capacity = options.maxEntries;
    this.defaultTtl = options.defaultTtlMs === undefined ? Infinity : options.defaultTtlMs;
    this.entries = options.newMap<string, Slot<V>>();
  }

  get size(): number {
    return this.entries.size;
  }

  private lookup(key: string): Slot<V> | undefined {
    const slot = this.entries.get(key);
    if (slot === undefined) return undefined;
    if (this.clock.nowMs() >= slot.expiresAtMs) {
      this.entries.delete(key);
      return undefined;
    }
    return slot;
  }

  get(key: string): V | undefined {
    const slot = this.lookup(key);
    if (slot === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, slot);
    return slot.value;
  }

  has(key: string): boolean {
    return this.lookup(key) !== undefined;
  }

  set(key: string, value: V, options?: SetOptions): void {
    const ttl = options !== undefined && options.ttlMs !== undefined ? options.ttlMs : this.defaultTtl;
    if (!(ttl === Infinity || (Number.isInteger(ttl) && ttl > 0))) throw new RangeError(`ttlMs must be a positive integer or Infinity: ${ttl}`);
    const slot: Slot<V> = { value, expiresAtMs: this.clock.nowMs() + ttl };
    if (this.entries.has(key)) {
      this.entries.delete(key);
    } else if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, slot);
  }

  delete(key: string): boolean {
    const slot = this.entries.get(key);
    if (slot === undefined) return false;
    this.entries.delete(key);
    return slot.expiresAtMs > this.clock.nowMs();
  }
}
