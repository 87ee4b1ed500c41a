/**
 * Request coalescing seam: concurrent calls for the same key share one execution of `load`.
 * A learner's singleflight implements Coalescer; `noCoalescing` is the baseline that shows the
 * breakdown (every concurrent miss loads).
 */
export interface Coalescer {
  run<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export const noCoalescing: Coalescer = {
  run: (_key, load) => load(),
};

/** Go's golang.org/x/sync/singleflight, in-process: the first caller loads, the others await its promise. */
export class Singleflight implements Coalescer {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Calls that joined an existing flight instead of loading. */
  shared = 0;

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing !== undefined) {
      this.shared++;
      return existing as Promise<T>;
    }
    const flight = (async () => {
      try {
        return await load();
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, flight);
    return flight;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }
}
