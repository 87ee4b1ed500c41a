import type { CacheDeps, CacheSlot, MembershipFilter, PenetrationGuardOptions, ReadResult } from '../../api';

// Bug: an exact Set of the keys instead of bits: no false positives, but memory grows with the keys and ignores the budget.
export class BloomFilter implements MembershipFilter {
  readonly hashCount = 1;
  private readonly keys = new Set<string>();

  constructor(
    private readonly bits: Uint32Array,
    private readonly expectedItems: number,
  ) {}

  add(key: string): void {
    this.keys.add(key);
    this.bits[0] = this.keys.size;
  }

  mightContain(key: string): boolean {
    return this.keys.has(key);
  }
}

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
      const slot: CacheSlot<V> = { value: null, version: 0, expiresAtMs: nowMs + ttlMs };
      await this.deps.cache.set(key, slot, { ttlMs });
      return { value: null, version: 0, source: 'db' };
    }
    const ttlMs = this.options.ttlMs;
    await this.deps.cache.set(key, { value: row.value, version: row.version, expiresAtMs: nowMs + ttlMs }, { ttlMs });
    return { value: row.value, version: row.version, source: 'db' };
  }
}
