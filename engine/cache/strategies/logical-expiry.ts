import type { CacheDeps, CacheSlot, ReadPath, ReadResult } from './read-path';
import { KeyMutex } from './key-mutex';

export interface LogicalExpiryOptions {
  /** How long a fill counts as fresh; the cache entry itself never expires. */
  logicalTtlMs: number;
  /** Lease on the rebuild lock, so a crashed rebuilder cannot block rebuilds for ever. */
  lockLeaseMs: number;
  mutex?: KeyMutex;
}

/**
 * Mutex with logical expiry, against hot-key breakdown: entries carry their own expiry time but
 * stay in the cache. A reader that finds a logically expired entry tries a per-key lock; the
 * winner rebuilds in a background task, and everyone (winner included) is served the stale value
 * at once. Trade-off: no reader waits and the DB sees one load, but reads are stale until the
 * rebuild lands. Keys must be warmed first (warm()); a cold miss loads synchronously.
 */
export class LogicalExpiryRead<V> implements ReadPath<V> {
  readonly mutex: KeyMutex;
  rebuilds = 0;
  private holderSeq = 0;

  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly options: LogicalExpiryOptions,
  ) {
    this.mutex = options.mutex ?? new KeyMutex();
  }

  async read(key: string): Promise<ReadResult<V>> {
    const slot = await this.deps.cache.get(key);
    if (slot === undefined) {
      const fresh = await this.rebuild(key);
      return { value: fresh.value, version: fresh.version, source: 'db' };
    }
    if (slot.expiresAtMs > this.deps.sched.nowMs()) return { value: slot.value, version: slot.version, source: 'cache' };
    const holder = `rebuild-${this.holderSeq++}`;
    if (this.mutex.tryAcquire(key, holder, this.deps.sched.nowMs(), this.options.lockLeaseMs)) {
      this.deps.sched.spawn(`rebuild ${key}`, async () => {
        try {
          await this.rebuild(key);
        } finally {
          this.mutex.release(key, holder);
        }
      });
    }
    return { value: slot.value, version: slot.version, source: 'stale' };
  }

  /** Load from the DB and store with a fresh logical expiry (also the warm-up step). */
  async warm(key: string): Promise<void> {
    await this.rebuild(key);
  }

  private async rebuild(key: string): Promise<CacheSlot<V>> {
    this.rebuilds++;
    const row = await this.deps.db.read(key);
    const slot: CacheSlot<V> = {
      value: row?.value ?? null,
      version: row?.version ?? 0,
      expiresAtMs: this.deps.sched.nowMs() + this.options.logicalTtlMs,
    };
    await this.deps.cache.set(key, slot, { ttlMs: Infinity });
    return slot;
  }
}
