import type { CacheDeps, WritePathOptions } from '../api';

/**
 * Update the DB, delete the cache entry, and delete it again after a delay (延时双删 in its
 * update-first form). The first delete makes the common case fresh at once; the second removes an
 * old row that a read which started before the commit put back after the first delete. The delay
 * must exceed maxReadMs (so the stale fill has landed) and stay under staleBoundMs (so it does not
 * linger). The second delete runs in its own task, so the writer returns right after the commit.
 */
export class CacheAsideWriter<V> {
  private readonly delayMs: number;

  constructor(
    private readonly deps: CacheDeps<V>,
    options: WritePathOptions,
  ) {
    this.delayMs = Math.min(2 * options.maxReadMs, Math.floor((options.maxReadMs + options.staleBoundMs) / 2));
  }

  async write(key: string, value: V): Promise<void> {
    await this.deps.db.write(key, value);
    await this.deps.cache.delete(key);
    this.deps.sched.spawn('second delete ' + key, async () => {
      await this.deps.sched.sleep(this.delayMs);
      await this.deps.cache.delete(key);
    });
  }
}
