import type { CacheDeps, WritePathOptions } from './api';

/**
 * Writes the DB and leaves the cache alone: readers keep the old value for ever (the read path
 * caches without a TTL). Keep the cache consistent with the DB.
 */
export class CacheAsideWriter<V> {
  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly options: WritePathOptions,
  ) {}

  async write(key: string, value: V): Promise<void> {
    await this.deps.db.write(key, value);
  }
}
