/** Bug: a settled flight is never removed, so every later call for the key gets the first load's (stale) value. */
export class Singleflight {
  private readonly flights = new Map<string, Promise<unknown>>();

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.flights.get(key);
    if (existing !== undefined) return existing as Promise<T>;
    const flight = load();
    this.flights.set(key, flight);
    return flight;
  }

  get inFlightCount(): number {
    return this.flights.size;
  }
}
