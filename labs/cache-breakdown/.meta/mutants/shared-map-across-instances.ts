/**
 * Bug: the flights live in a module-level map shared by every Singleflight instance, so two caches
 * (two instances) coalesce each other's loads: a reader of cache B waits on cache A's load, and
 * A's inFlightCount counts B's keys.
 */
const flights = new Map<string, Promise<unknown>>();

export class Singleflight {
  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const existing = flights.get(key);
    if (existing !== undefined) return existing as Promise<T>;
    const flight = (async () => {
      try {
        return await load();
      } finally {
        flights.delete(key);
      }
    })();
    flights.set(key, flight);
    return flight;
  }

  get inFlightCount(): number {
    return flights.size;
  }
}
