import type { CacheDeps, WritePath } from './read-path';

export interface WriteBehindOptions {
  /** Delay between a write being queued and the flush that persists it; keep it above the DB write latency so a replay after a crash cannot overtake a commit in flight. */
  flushIntervalMs: number;
  /** Whether the queue survives a crash (a journal on disk) or is lost with the process memory. */
  durableQueue: boolean;
}

/** Version written into cache slots that the DB has not seen yet. */
export const PENDING_VERSION = -1;

/**
 * Write-behind (write-back): the write goes to the cache and a flush queue and is acknowledged at
 * once; a flusher persists the queue to the DB later, coalescing repeated writes to a key.
 * Anomalies it allows: the DB lags the cache (anyone reading the DB directly sees old values), and
 * a crash before the flush loses acknowledged writes unless the queue is durable.
 */
export class WriteBehind<V> implements WritePath<V> {
  private pending = new Map<string, V>();
  /** Entries taken by a flush and not yet committed; survive a crash only with a durable queue. */
  private inFlush = new Map<string, V>();
  private flushScheduled = false;
  /** The key whose DB write is in flight: it commits even if the process dies meanwhile. */
  private committingKey: string | undefined = undefined;
  private epoch = 0;
  acknowledged = 0;
  flushedWrites = 0;
  lostWrites = 0;

  constructor(
    private readonly deps: CacheDeps<V>,
    private readonly options: WriteBehindOptions,
  ) {}

  async write(key: string, value: V): Promise<void> {
    await this.deps.cache.set(key, { value, version: PENDING_VERSION, expiresAtMs: Infinity }, { ttlMs: Infinity });
    this.pending.set(key, value);
    this.acknowledged++;
    this.scheduleFlush();
  }

  /** Writes queued or being flushed. */
  get backlog(): number {
    return this.pending.size + this.inFlush.size;
  }

  /**
   * The writer process dies and restarts at once. Its in-memory queue is lost (counted in
   * lostWrites) unless durable, in which case the restarted process replays it.
   */
  crash(): void {
    this.epoch++;
    this.flushScheduled = false;
    this.committingKey = undefined;
    if (this.options.durableQueue) {
      const replay = new Map([...this.inFlush, ...this.pending]);
      this.pending = replay;
      this.inFlush = new Map();
      if (this.pending.size > 0) this.scheduleFlush();
    } else {
      const committing = this.committingKey !== undefined && this.inFlush.has(this.committingKey) && !this.pending.has(this.committingKey) ? 1 : 0;
      this.lostWrites += this.pending.size + this.inFlush.size - committing;
      this.pending = new Map();
      this.inFlush = new Map();
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const epoch = this.epoch;
    this.deps.sched.spawn('write-behind flush', async () => {
      await this.deps.sched.sleep(this.options.flushIntervalMs);
      if (epoch !== this.epoch) return;
      const batch = this.pending;
      this.pending = new Map();
      for (const [key, value] of batch) this.inFlush.set(key, value);
      for (const [key, value] of batch) {
        this.committingKey = key;
        await this.deps.db.write(key, value);
        if (epoch !== this.epoch) return; // crashed mid-flush: crash() accounted for the rest of the batch
        this.committingKey = undefined;
        if (this.inFlush.get(key) === value) this.inFlush.delete(key);
        this.flushedWrites++;
      }
      // One flush at a time, so two commits to one key can never be reordered.
      this.flushScheduled = false;
      if (this.pending.size > 0) this.scheduleFlush();
    });
  }
}
