import { CacheEntry } from './cache-entry';
import type { CacheStats, CacheStore, RemovalReason, SetOptions, TimeSource } from './cache-store';
import type { EvictionPolicy } from './eviction-policy';
import { LfuPolicy } from './lfu-policy';
import { LruPolicy } from './lru-policy';

export interface TtlCacheOptions<V> {
  /** Virtual time source; TTLs are measured on it. */
  clock: TimeSource;
  /** Capacity by entry count (default: unbounded). */
  maxEntries?: number;
  /** Capacity by bytes (default: unbounded); each entry is charged sizeBytes or sizeOf(value). */
  maxBytes?: number;
  /** Eviction policy: 'lru' (default), 'lfu', or any EvictionPolicy (a learner's, for instance). */
  policy?: 'lru' | 'lfu' | EvictionPolicy<V>;
  /** TTL applied when set() is given none; Infinity (default) means no expiry. */
  defaultTtlMs?: number;
  /** Size of a value in bytes when set() is given none; default 1 per entry. */
  sizeOf?: (value: V, key: string) => number;
  /** Called after an entry leaves the cache for any reason. */
  onRemove?: (key: string, value: V, reason: RemovalReason) => void;
}

/**
 * Reference key–value cache: TTL on the virtual clock (expired entries are dropped lazily when
 * touched, or all at once by purgeExpired), pluggable O(1) eviction, capacity by entries and bytes,
 * and hit/miss/eviction counters. Every operation is O(1) except purgeExpired.
 */
export class TtlCache<V> implements CacheStore<V> {
  private readonly map = new Map<string, CacheEntry<V>>();
  private readonly clock: TimeSource;
  private readonly policy: EvictionPolicy<V>;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly defaultTtlMs: number;
  private readonly sizeOf: ((value: V, key: string) => number) | undefined;
  private readonly onRemove: ((key: string, value: V, reason: RemovalReason) => void) | undefined;
  private bytes = 0;
  private readonly counters: CacheStats = { hits: 0, misses: 0, sets: 0, deletes: 0, evictions: 0, expirations: 0 };

  constructor(options: TtlCacheOptions<V>) {
    this.clock = options.clock;
    const policy = options.policy ?? 'lru';
    this.policy = policy === 'lru' ? new LruPolicy<V>() : policy === 'lfu' ? new LfuPolicy<V>() : policy;
    this.maxEntries = options.maxEntries ?? Infinity;
    this.maxBytes = options.maxBytes ?? Infinity;
    this.defaultTtlMs = options.defaultTtlMs ?? Infinity;
    this.sizeOf = options.sizeOf;
    this.onRemove = options.onRemove;
    if (!(this.maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1, got ${this.maxEntries}`);
    if (!(this.maxBytes >= 1)) throw new RangeError(`maxBytes must be at least 1, got ${this.maxBytes}`);
    assertTtl(this.defaultTtlMs);
  }

  get size(): number {
    return this.map.size;
  }

  /** Bytes currently charged against maxBytes. */
  get sizeBytes(): number {
    return this.bytes;
  }

  get policyName(): string {
    return this.policy.name;
  }

  stats(): CacheStats {
    return { ...this.counters };
  }

  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) {
      this.counters.misses++;
      return undefined;
    }
    if (entry.expiresAtMs !== Infinity && entry.expiresAtMs <= this.clock.nowMs()) {
      this.removeEntry(entry, 'expired');
      this.counters.misses++;
      return undefined;
    }
    this.policy.touch(entry);
    this.counters.hits++;
    return entry.value;
  }

  /** The live value without counting a use or a hit/miss. */
  peek(key: string): V | undefined {
    const entry = this.live(key);
    return entry?.value;
  }

  has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  /** Milliseconds until the entry expires (Infinity if it never does), or undefined if absent. */
  ttlRemainingMs(key: string): number | undefined {
    const entry = this.live(key);
    if (entry === undefined) return undefined;
    return entry.expiresAtMs === Infinity ? Infinity : entry.expiresAtMs - this.clock.nowMs();
  }

  set(key: string, value: V, options?: SetOptions): void {
    const ttlMs = options?.ttlMs ?? this.defaultTtlMs;
    assertTtl(ttlMs);
    const sizeBytes = options?.sizeBytes ?? (this.sizeOf === undefined ? 1 : this.sizeOf(value, key));
    if (!(sizeBytes >= 0)) throw new RangeError(`entry size must be non-negative, got ${sizeBytes}`);
    this.counters.sets++;
    const expiresAtMs = ttlMs === Infinity ? Infinity : this.clock.nowMs() + ttlMs;
    const existing = this.map.get(key);
    if (sizeBytes > this.maxBytes) {
      // Like lru-cache: an entry that can never fit is not stored, and it does not keep a stale one.
      if (existing !== undefined) this.removeEntry(existing, 'oversized');
      return;
    }
    if (existing !== undefined) {
      const old = existing.value;
      this.bytes += sizeBytes - existing.sizeBytes;
      existing.value = value;
      existing.sizeBytes = sizeBytes;
      existing.expiresAtMs = expiresAtMs;
      this.policy.touch(existing);
      if (this.onRemove !== undefined && old !== value) this.onRemove(key, old, 'replaced');
      this.evictUntil(0, 0);
    } else {
      // Make room first, so a policy never picks the newcomer (LFU would: it has the lowest count).
      // The last victim's object is recycled: it is unlinked and nobody else holds it.
      const recycled = this.evictUntil(1, sizeBytes);
      let entry: CacheEntry<V>;
      if (recycled === undefined) {
        entry = new CacheEntry(key, value, expiresAtMs, sizeBytes);
      } else {
        entry = recycled;
        entry.key = key;
        entry.value = value;
        entry.expiresAtMs = expiresAtMs;
        entry.sizeBytes = sizeBytes;
      }
      this.map.set(key, entry);
      this.bytes += sizeBytes;
      this.policy.add(entry);
    }
  }

  delete(key: string): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    const wasLive = entry.expiresAtMs === Infinity || entry.expiresAtMs > this.clock.nowMs();
    this.removeEntry(entry, wasLive ? 'deleted' : 'expired');
    if (wasLive) this.counters.deletes++;
    return wasLive;
  }

  clear(): void {
    this.map.clear();
    this.policy.clear();
    this.bytes = 0;
  }

  /** Drop every expired entry now (O(n)); returns how many were dropped. */
  purgeExpired(): number {
    const now = this.clock.nowMs();
    let dropped = 0;
    for (const entry of [...this.map.values()]) {
      if (entry.expiresAtMs <= now) {
        this.removeEntry(entry, 'expired');
        dropped++;
      }
    }
    return dropped;
  }

  /** Keys currently held, live or not yet purged, in insertion order. */
  keys(): string[] {
    return [...this.map.keys()];
  }

  private live(key: string): CacheEntry<V> | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs !== Infinity && entry.expiresAtMs <= this.clock.nowMs()) {
      this.removeEntry(entry, 'expired');
      return undefined;
    }
    return entry;
  }

  /** Evict until `extraEntries` more entries and `extraBytes` more bytes fit. */
  private evictUntil(extraEntries: number, extraBytes: number): CacheEntry<V> | undefined {
    let last: CacheEntry<V> | undefined;
    while (this.map.size + extraEntries > this.maxEntries || this.bytes + extraBytes > this.maxBytes) {
      const victim = this.policy.victim();
      if (victim === undefined) throw new Error(`eviction policy ${this.policy.name} returned no victim while over capacity`);
      const expired = victim.expiresAtMs !== Infinity && victim.expiresAtMs <= this.clock.nowMs();
      this.removeEntry(victim, expired ? 'expired' : 'evicted');
      last = victim;
    }
    return last;
  }

  private removeEntry(entry: CacheEntry<V>, reason: RemovalReason): void {
    this.map.delete(entry.key);
    this.policy.remove(entry);
    this.bytes -= entry.sizeBytes;
    if (reason === 'evicted') this.counters.evictions++;
    else if (reason === 'expired') this.counters.expirations++;
    if (this.onRemove !== undefined) this.onRemove(entry.key, entry.value, reason);
  }
}

function assertTtl(ttlMs: number): void {
  if (ttlMs !== Infinity && (!Number.isInteger(ttlMs) || ttlMs <= 0)) {
    throw new RangeError(`ttlMs must be a positive integer or Infinity, got ${ttlMs}`);
  }
}
