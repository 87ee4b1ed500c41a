/** The engine/cache MembershipFilter seam: a set that may answer "maybe" but never wrongly "no". */
export interface MembershipFilter {
  add(key: string): void;
  /** False means definitely absent; true means possibly present. */
  mightContain(key: string): boolean;
}

export declare class BloomFilter implements MembershipFilter {
  /**
   * `bits` is the filter's whole memory: bitCount = bits.length × 32, all zero at the start. Keep
   * every bit of membership state in it (a second filter built over a copy must answer the same).
   * `expectedItems` is n, how many keys will be added; choose the number of hash functions from it.
   */
  constructor(bits: Uint32Array, expectedItems: number);
  /** k, the number of bit positions per key. */
  readonly hashCount: number;
  add(key: string): void;
  mightContain(key: string): boolean;
}

/** What the read path keeps in the cache: a DB row with its version, or value null for "absent in the DB". */
export interface CacheSlot<V> {
  value: V | null;
  /** DB row version; 0 for a cached absence. */
  version: number;
  /** When the slot stops being served (now + the TTL it was set with). */
  expiresAtMs: number;
}

export interface ReadResult<V> {
  value: V | null;
  version: number;
  /** 'filtered': the filter ruled the key out; 'cache': served from a cache slot (a cached absence too); 'db': loaded. */
  source: 'cache' | 'db' | 'filtered' | 'stale';
}

/** The world the read path runs in (engine/cache): virtual time, the simulated DB and the remote cache. */
export interface CacheDeps<V> {
  sched: { nowMs(): number };
  db: {
    /** A query; takes DB latency. undefined if the row does not exist. */
    read(key: string): Promise<{ value: V; version: number } | undefined>;
  };
  cache: {
    get(key: string): Promise<CacheSlot<V> | undefined>;
    /** ttlMs: a positive integer or Infinity. */
    set(key: string, slot: CacheSlot<V>, options?: { ttlMs?: number }): Promise<void>;
    delete(key: string): Promise<boolean>;
  };
}

export interface PenetrationGuardOptions {
  filter: MembershipFilter;
  /** TTL of a cached row. */
  ttlMs: number;
  /** TTL of a cached absence (null caching). */
  nullTtlMs: number;
}

/** Cache-aside read path that keeps floods of absent keys away from the DB. */
export declare class PenetrationGuard<V> {
  constructor(deps: CacheDeps<V>, options: PenetrationGuardOptions);
  read(key: string): Promise<ReadResult<V>>;
}
