import type { CacheDeps, WritePathOptions } from '../../api';

/**
 * Bug: write-through without versions. After the commit the writer puts its value in the cache,
 * but a slow reader's fill of the old row (or another writer's set) can land after it.
 */
export class CacheAsideWriter<V> {
  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly options: WritePathOptions,
  ) {}

  async write(key: string, value: V): Promise<void> {
    const version = await this.deps.db.write(key, value);
    await this.deps.cache.set(key, { value, version, expiresAtMs: Infinity }, { ttlMs: Infinity });
  }
}
