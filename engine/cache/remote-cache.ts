import type { Prng } from '../sim/prng';
import type { CacheStore, SetOptions } from './cache-store';
import { drawLatencyMs, type Latency } from './latency';
import type { Scheduler } from './scheduler';

/**
 * A cache reached over the network (think Redis): each operation reaches the store after a drawn
 * latency and is applied there atomically. Wraps any CacheStore, including a learner's.
 */
export class RemoteCache<V> {
  private readonly prng: Prng;
  readonly counts = { get: 0, set: 0, delete: 0, update: 0 };

  constructor(
    readonly store: CacheStore<V>,
    private readonly sched: Scheduler,
    private readonly latencyMs: Latency = 0,
  ) {
    this.prng = sched.prng.fork('remote-cache');
  }

  async get(key: string): Promise<V | undefined> {
    this.counts.get++;
    await this.hop();
    return this.store.get(key);
  }

  async set(key: string, value: V, options?: SetOptions): Promise<void> {
    this.counts.set++;
    await this.hop();
    this.store.set(key, value, options);
  }

  async delete(key: string): Promise<boolean> {
    this.counts.delete++;
    await this.hop();
    return this.store.delete(key);
  }

  /**
   * Atomic read-modify-write on the server (a Lua script or WATCH/MULTI in Redis): `decide` sees the
   * current live value and returns the value to store, or undefined to leave the entry untouched.
   */
  async update(key: string, decide: (current: V | undefined) => V | undefined, options?: SetOptions): Promise<boolean> {
    this.counts.update++;
    await this.hop();
    const next = decide(this.store.has(key) ? this.store.get(key) : undefined);
    if (next === undefined) return false;
    this.store.set(key, next, options);
    return true;
  }

  private hop(): Promise<void> {
    return this.sched.sleep(drawLatencyMs(this.latencyMs, this.prng));
  }
}
