import type { CacheDeps, CacheSlot, WritePath } from './read-path';
import type { TtlPolicy } from './ttl-policy';

export interface WriteThroughOptions {
  ttl: TtlPolicy;
  /**
   * Only replace the cached slot if the new one has a higher DB version (an atomic compare on the
   * cache server). Without it, two concurrent writers whose cache sets arrive in the opposite order
   * of their commits leave the older value cached.
   */
  versioned: boolean;
}

/** Write-through: commit to the DB, then put the new value in the cache. */
export class WriteThrough<V> implements WritePath<V> {
  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly options: WriteThroughOptions,
  ) {}

  async write(key: string, value: V): Promise<void> {
    const version = await this.deps.db.write(key, value);
    const ttlMs = this.options.ttl.ttlMsFor(key);
    const slot: CacheSlot<V> = { value, version, expiresAtMs: this.deps.sched.nowMs() + ttlMs };
    if (this.options.versioned) {
      await this.deps.cache.update(key, (current) => (current !== undefined && current.version >= version ? undefined : slot), { ttlMs });
    } else {
      await this.deps.cache.set(key, slot, { ttlMs });
    }
  }
}
