import type { CacheDeps, WritePathOptions } from '../../api';

/**
 * Bug: update the DB, then delete once. A read that took its snapshot before the commit can fill
 * the cache after the delete, and nothing removes that old row.
 */
export class CacheAsideWriter<V> {
  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly options: WritePathOptions,
  ) {}

  async write(key: string, value: V): Promise<void> {
    await this.deps.db.write(key, value);
    await this.deps.cache.delete(key);
  }
}
