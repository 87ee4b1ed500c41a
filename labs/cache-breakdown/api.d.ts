/**
 * Request coalescing (the engine/cache Coalescer seam): concurrent calls for the same key share
 * one execution of `load`. The read path calls it on every cache miss:
 *
 *   const row = await coalescer.run(key, () => this.loadFromDbAndFillCache(key));
 */
export interface Coalescer {
  run<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export declare class Singleflight implements Coalescer {
  constructor();
  /**
   * If a load for `key` is in flight, return a promise of its outcome (value or error) without
   * calling `load`. Otherwise call `load` once and share its promise with every caller that
   * arrives before it settles. Once it settles, the next call for `key` loads again.
   */
  run<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** How many keys have a load in flight right now. */
  readonly inFlightCount: number;
}
