import type { MembershipFilter } from '../bloom-filter';
import type { DbRow } from '../sim-db';
import type { CacheDeps, CacheSlot, ReadPath, ReadResult } from './read-path';
import { noCoalescing, type Coalescer } from './singleflight';
import type { TtlPolicy } from './ttl-policy';

export interface CacheAsideOptions {
  /** TTL of each fill (fixedTtl, or JitteredTtl against avalanches). */
  ttl: TtlPolicy;
  /** Cache "absent in the DB" for this long (null caching against penetration); omitted: never cache absence. */
  nullTtlMs?: number;
  /** Coalesce concurrent misses (Singleflight against breakdown); default: none. */
  coalescer?: Coalescer;
  /** Rule out keys that cannot exist before touching cache or DB (BloomFilter against penetration). */
  filter?: MembershipFilter;
}

/**
 * Cache-aside read path: look in the cache; on a miss read the DB and fill the cache.
 * Each defence against a classic failure is a separate, swappable piece (see CacheAsideOptions).
 */
export class CacheAside<V> implements ReadPath<V> {
  private readonly coalescer: Coalescer;

  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly options: CacheAsideOptions,
  ) {
    this.coalescer = options.coalescer ?? noCoalescing;
  }

  async read(key: string): Promise<ReadResult<V>> {
    if (this.options.filter !== undefined && !this.options.filter.mightContain(key)) {
      return { value: null, version: 0, source: 'filtered' };
    }
    const slot = await this.deps.cache.get(key);
    if (slot !== undefined) return { value: slot.value, version: slot.version, source: 'cache' };
    const row = await this.coalescer.run(key, () => this.load(key));
    return { value: row?.value ?? null, version: row?.version ?? 0, source: 'db' };
  }

  private async load(key: string): Promise<DbRow<V> | undefined> {
    const row = await this.deps.db.read(key);
    const nowMs = this.deps.sched.nowMs();
    if (row !== undefined) {
      const ttlMs = this.options.ttl.ttlMsFor(key);
      const slot: CacheSlot<V> = { value: row.value, version: row.version, expiresAtMs: nowMs + ttlMs };
      await this.deps.cache.set(key, slot, { ttlMs });
    } else if (this.options.nullTtlMs !== undefined) {
      const ttlMs = this.options.nullTtlMs;
      await this.deps.cache.set(key, { value: null, version: 0, expiresAtMs: nowMs + ttlMs }, { ttlMs });
    }
    return row;
  }
}
