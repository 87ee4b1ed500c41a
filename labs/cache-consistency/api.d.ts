/** What the read path keeps in the cache: a DB value with the DB version it was read at. */
export interface CacheSlot<V> {
  value: V | null;
  version: number;
  expiresAtMs: number;
}

/** The world a write path runs in (engine/cache): the scheduler, the simulated DB and the remote cache. */
export interface CacheDeps<V> {
  sched: {
    nowMs(): number;
    /** Resume after ms virtual milliseconds. The only way to wait. */
    sleep(ms: number): Promise<void>;
    /** Run body as a separate task starting delayMs from now (fire and forget; its errors fail the run). */
    spawn(name: string, body: () => Promise<unknown>, delayMs?: number): unknown;
  };
  db: {
    /** Commits when its latency has passed; resolves with the new row version. */
    write(key: string, value: V): Promise<number>;
    read(key: string): Promise<{ value: V; version: number } | undefined>;
  };
  cache: {
    get(key: string): Promise<CacheSlot<V> | undefined>;
    set(key: string, slot: CacheSlot<V>, options?: { ttlMs?: number }): Promise<void>;
    /** Reaches the cache server after a network hop; true if a live entry was removed. */
    delete(key: string): Promise<boolean>;
  };
}

export interface WritePathOptions {
  /**
   * The longest a cache-aside read can take from the moment its DB query takes its snapshot to the
   * moment its cache fill lands. A read that started before your commit can put the old row in the
   * cache up to this long after the commit.
   */
  maxReadMs: number;
  /** Every read must be fresh if it starts more than this long after the commit it could have missed. */
  staleBoundMs: number;
}

/**
 * The write side of cache-aside. Readers use the reference read path: cache get; on a miss, DB
 * read and cache set (with no TTL: a stale fill stays until someone deletes it).
 */
export declare class CacheAsideWriter<V> {
  constructor(deps: CacheDeps<V>, options: WritePathOptions);
  /** Make the write durable in the DB and keep the cache from serving the old value for longer than the bound. */
  write(key: string, value: V): Promise<void>;
}
