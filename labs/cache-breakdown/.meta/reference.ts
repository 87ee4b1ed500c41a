/**
 * In-process singleflight (Go's golang.org/x/sync/singleflight): one map from key to the promise
 * of the load in flight. The entry is removed when the load settles, success or failure, so the
 * next miss after that loads fresh data and a failure is not remembered.
 */
export class Singleflight {
  private readonly flights = new Map<string, Promise<unknown>>();

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.flights.get(key);
    if (existing !== undefined) return existing as Promise<T>;
    const flight = (async () => {
      try {
        return await load();
      } finally {
        this.flights.delete(key);
      }
    })();
    this.flights.set(key, flight);
    return flight;
  }

  get inFlightCount(): number {
    return this.flights.size;
  }
}
