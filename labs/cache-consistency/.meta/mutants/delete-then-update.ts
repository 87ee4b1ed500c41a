import type { CacheDeps, WritePathOptions } from '../../api';

/**
 * Bug: the naive order. Delete the cache entry, then update the DB: a reader that misses between
 * the delete and the commit reads the old row and puts it back, and it stays there.
 */
export class CacheAsideWriter<V> {
  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly options: WritePathOptions,
  ) {}

  async write(key: string, value: V): Promise<void> {
    await this.deps.cache.delete(key);
    await this.deps.db.write(key, value);
  }
}
