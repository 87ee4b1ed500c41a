import type { CacheDeps, WritePath } from './read-path';

/**
 * "Delete the cache, update the DB, and delete again after a delay" (延时双删).
 * The second delete removes any old value a concurrent reader put back during the write, provided
 * delayMs is longer than a read (DB read plus cache fill) can take. Stale reads are still possible
 * inside that window; what it guarantees is that the cache converges to the DB.
 * The second delete runs in its own task, so the writer returns after the commit.
 */
export class DelayedDoubleDelete<V> implements WritePath<V> {
  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly delayMs: number,
  ) {
    if (!Number.isInteger(delayMs) || delayMs < 0) throw new RangeError(`delayMs must be a non-negative integer, got ${delayMs}`);
  }

  async write(key: string, value: V): Promise<void> {
    await this.deps.cache.delete(key);
    await this.deps.db.write(key, value);
    this.deps.sched.spawn(`second delete ${key}`, async () => {
      await this.deps.sched.sleep(this.delayMs);
      await this.deps.cache.delete(key);
    });
  }
}
