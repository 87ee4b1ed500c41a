// Bug: the cached absence is set with the null TTL, but its expiresAtMs is computed with the row TTL, so the slot claims to live a minute.
import type { CacheDeps, CacheSlot, MembershipFilter, PenetrationGuardOptions, ReadResult } from '../../api';

/** FNV-1a over the UTF-16 code units, then the MurmurHash3 finalizer so that every input bit reaches every output bit. */
function hash32(key: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Bloom filter with k = round(m/n · ln 2) positions per key from two hashes by double hashing
 * (Kirsch and Mitzenmacher, 2006): position i is (h1 + i·h2) mod m.
 */
export class BloomFilter implements MembershipFilter {
  readonly hashCount: number;
  private readonly bitCount: number;

  constructor(
    private readonly bits: Uint32Array,
    expectedItems: number,
  ) {
    this.bitCount = bits.length * 32;
    if (this.bitCount === 0) throw new RangeError('a Bloom filter needs at least one word of bits');
    this.hashCount = Math.max(1, Math.round((this.bitCount / Math.max(1, expectedItems)) * Math.LN2));
  }

  add(key: string): void {
    const h1 = hash32(key, 0);
    const h2 = hash32(key, 0x9747b28c) | 1;
    for (let i = 0; i < this.hashCount; i++) {
      const bit = ((h1 + Math.imul(i, h2)) >>> 0) % this.bitCount;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  mightContain(key: string): boolean {
    const h1 = hash32(key, 0);
    const h2 = hash32(key, 0x9747b28c) | 1;
    for (let i = 0; i < this.hashCount; i++) {
      const bit = ((h1 + Math.imul(i, h2)) >>> 0) % this.bitCount;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/**
 * Cache-aside with both penetration defences: a Bloom filter of the keys that exist, consulted
 * before cache and DB, and null caching (a short-lived "absent" slot) for the absent keys the
 * filter lets through as false positives.
 */
export class PenetrationGuard<V> {
  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly options: PenetrationGuardOptions,
  ) {}

  async read(key: string): Promise<ReadResult<V>> {
    if (!this.options.filter.mightContain(key)) return { value: null, version: 0, source: 'filtered' };
    const cached = await this.deps.cache.get(key);
    if (cached !== undefined) return { value: cached.value, version: cached.version, source: 'cache' };
    const row = await this.deps.db.read(key);
    const nowMs = this.deps.sched.nowMs();
    if (row === undefined) {
      const ttlMs = this.options.nullTtlMs;
      const slot: CacheSlot<V> = { value: null, version: 0, expiresAtMs: nowMs + this.options.ttlMs };
      await this.deps.cache.set(key, slot, { ttlMs });
      return { value: null, version: 0, source: 'db' };
    }
    const ttlMs = this.options.ttlMs;
    await this.deps.cache.set(key, { value: row.value, version: row.version, expiresAtMs: nowMs + ttlMs }, { ttlMs });
    return { value: row.value, version: row.version, source: 'db' };
  }
}
