import type { CacheDeps, WritePath } from './read-path';

/**
 * "Update the DB, then delete the cache entry" (the usual cache-aside write).
 * Anomaly it allows: a reader that missed reads the old row, the write commits and deletes, then
 * the reader fills the cache with the old row, which stays until its TTL ends. It needs a miss
 * plus a read that straddles the commit, so it is rare unless reads are slow and writes frequent.
 */
export class UpdateThenDelete<V> implements WritePath<V> {
  constructor(private readonly deps: CacheDeps<V>) {}

  async write(key: string, value: V): Promise<void> {
    await this.deps.db.write(key, value);
    await this.deps.cache.delete(key);
  }
}
