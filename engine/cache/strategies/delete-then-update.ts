import type { CacheDeps, WritePath } from './read-path';

/**
 * "Delete the cache entry, then update the DB".
 * Anomaly it allows (often): between the delete and the commit, a reader misses, reads the old row
 * and fills the cache with it; the cache then serves the old value after the write has finished,
 * until the TTL ends (for ever without one). DelayedDoubleDelete is the fix.
 */
export class DeleteThenUpdate<V> implements WritePath<V> {
  constructor(private readonly deps: CacheDeps<V>) {}

  async write(key: string, value: V): Promise<void> {
    await this.deps.cache.delete(key);
    await this.deps.db.write(key, value);
  }
}
