import type { LruTtlCacheOptions, SetOptions, TimeSource } from '../../api';

/**
 * Alternative: the recency list lives in parallel arrays indexed by slot (a node pool with
 * integer prev/next links and a free list), with a sentinel at slot 0 whose next is the least
 * recently used entry and whose prev is the most recently used; the map holds key → slot.
 */
export class LruTtlCache<V> {
  private readonly index: Map<string, number>;
  private readonly clock: TimeSource;
  private readonly maxEntries: number;
  private readonly defaultTtlMs: number;
  private readonly keys: (string | undefined)[] = [undefined];
  private readonly values: (V | undefined)[] = [undefined];
  private readonly deadlines: number[] = [0];
  private readonly prev: number[] = [0];
  private readonly next: number[] = [0];
  private readonly free: number[] = [];

  constructor(options: LruTtlCacheOptions) {
    const { maxEntries } = options;
    if (typeof maxEntries !== 'number' || !Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be ≥ 1');
    const d = options.defaultTtlMs ?? Infinity;
    if (!validTtl(d)) throw new RangeError('defaultTtlMs must be a positive integer or Infinity');
    this.clock = options.clock;
    this.maxEntries = maxEntries;
    this.defaultTtlMs = d;
    this.index = options.newMap<string, number>();
  }

  get size(): number {
    return this.index.size;
  }

  get(key: string): V | undefined {
    const slot = this.find(key);
    if (slot === 0) return undefined;
    this.detach(slot);
    this.appendNewest(slot);
    return this.values[slot];
  }

  has(key: string): boolean {
    return this.find(key) !== 0;
  }

  set(key: string, value: V, options?: SetOptions): void {
    const ttl = options?.ttlMs ?? this.defaultTtlMs;
    if (!validTtl(ttl)) throw new RangeError('ttlMs must be a positive integer or Infinity');
    const deadline = this.clock.nowMs() + ttl;
    let slot = this.index.get(key);
    if (slot !== undefined) {
      this.detach(slot);
    } else {
      if (this.index.size >= this.maxEntries) this.drop(this.next[0]!);
      slot = this.allocate();
      this.keys[slot] = key;
      this.index.set(key, slot);
    }
    this.values[slot] = value;
    this.deadlines[slot] = deadline;
    this.appendNewest(slot);
  }

  delete(key: string): boolean {
    const slot = this.index.get(key);
    if (slot === undefined) return false;
    const live = this.deadlines[slot]! > this.clock.nowMs();
    this.drop(slot);
    return live;
  }

  /** The slot of a live entry, 0 if absent; an expired entry is dropped on the way. */
  private find(key: string): number {
    const slot = this.index.get(key);
    if (slot === undefined) return 0;
    if (this.deadlines[slot]! <= this.clock.nowMs()) {
      this.drop(slot);
      return 0;
    }
    return slot;
  }

  private allocate(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    this.keys.push(undefined);
    this.values.push(undefined);
    this.deadlines.push(0);
    this.prev.push(0);
    this.next.push(0);
    return this.keys.length - 1;
  }

  private drop(slot: number): void {
    this.index.delete(this.keys[slot]!);
    this.detach(slot);
    this.keys[slot] = undefined;
    this.values[slot] = undefined;
    this.free.push(slot);
  }

  private detach(slot: number): void {
    const p = this.prev[slot]!;
    const n = this.next[slot]!;
    this.next[p] = n;
    this.prev[n] = p;
  }

  private appendNewest(slot: number): void {
    const newest = this.prev[0]!;
    this.next[newest] = slot;
    this.prev[slot] = newest;
    this.next[slot] = 0;
    this.prev[0] = slot;
  }
}

function validTtl(ttl: number): boolean {
  return ttl === Infinity || (Number.isInteger(ttl) && ttl > 0);
}
