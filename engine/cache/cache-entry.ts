/**
 * One cache entry. The links are owned by whichever eviction policy the cache uses, so a policy
 * moves entries in O(1) without a second hash lookup.
 */
export class CacheEntry<V> {
  prev: CacheEntry<V> | null = null;
  next: CacheEntry<V> | null = null;
  /** Owned by frequency-based policies (LFU); unused by LRU. */
  bucket: unknown = null;

  constructor(
    /** Mutable only so the cache can recycle an evicted entry object for the next insert. */
    public key: string,
    public value: V,
    public expiresAtMs: number,
    public sizeBytes: number,
  ) {}
}
