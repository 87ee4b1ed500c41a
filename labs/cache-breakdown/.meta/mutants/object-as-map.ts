/**
 * Bug: a plain object as the map of flights. Keys it already has through its prototype
 * ('constructor', 'toString') look like a load in flight, so run('constructor', load) never loads
 * and hands back Object's constructor function instead of a promise of the value.
 */
export class Singleflight {
  private readonly flights: Record<string, Promise<unknown>> = {};
  private count = 0;

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.flights[key];
    if (existing !== undefined) return existing as Promise<T>;
    const flight = (async () => {
      try {
        return await load();
      } finally {
        delete this.flights[key];
        this.count--;
      }
    })();
    this.flights[key] = flight;
    this.count++;
    return flight;
  }

  get inFlightCount(): number {
    return this.count;
  }
}
