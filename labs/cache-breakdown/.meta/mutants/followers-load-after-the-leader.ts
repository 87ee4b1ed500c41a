/**
 * Bug: a lock, not a shared result. Callers that find a load in flight wait for it to finish and
 * then run their own load, so the DB still sees one query per reader, only later.
 */
export class Singleflight {
  private readonly flights = new Map<string, Promise<unknown>>();

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.flights.get(key);
    if (existing !== undefined) return existing.then(load, load);
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
