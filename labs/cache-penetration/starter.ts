import type { CacheDeps, MembershipFilter, PenetrationGuardOptions, ReadResult } from './api';

/**
 * A filter that cannot rule anything out, and whose add is not written yet. Make it a Bloom filter
 * over `bits`: m = bits.length × 32 bits, k positions per key, every bit of state in `bits`.
 */
export class BloomFilter implements MembershipFilter {
  // TODO: choose k from m and expectedItems (see the hint "How many hash functions, and which").
  readonly hashCount = 1;

  constructor(
    private readonly bits: Uint32Array,
    private readonly expectedItems: number,
  ) {}

  add(key: string): void {
    // TODO: set the key's k bit positions in this.bits.
    throw new Error(`TODO: BloomFilter.add(${JSON.stringify(key.slice(0, 20))}) is not written yet`);
  }

  mightContain(_key: string): boolean {
    // TODO: false as soon as one of the key's k positions is 0; true only if all are set.
    return true;
  }
}

/** Plain cache-aside: every lookup of an absent key goes to the DB. Add the filter and null caching. */
export class PenetrationGuard<V> {
  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly options: PenetrationGuardOptions,
  ) {}

  async read(key: string): Promise<ReadResult<V>> {
    const cached = await this.deps.cache.get(key);
    if (cached !== undefined) return { value: cached.value, version: cached.version, source: 'cache' };
    const row = await this.deps.db.read(key);
    if (row === undefined) return { value: null, version: 0, source: 'db' };
    const ttlMs = this.options.ttlMs;
    await this.deps.cache.set(key, { value: row.value, version: row.version, expiresAtMs: this.deps.sched.nowMs() + ttlMs }, { ttlMs });
    return { value: row.value, version: row.version, source: 'db' };
  }
}
