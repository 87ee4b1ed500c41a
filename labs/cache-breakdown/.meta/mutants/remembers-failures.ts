/** Bug: the flight is removed only when the load succeeds, so one failure is served to every later caller. */
export class Singleflight {
  private readonly flights = new Map<string, Promise<unknown>>();

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.flights.get(key);
    if (existing !== undefined) return existing as Promise<T>;
    const flight = (async () => {
      const value = await load();
      this.flights.delete(key);
      return value;
    })();
    this.flights.set(key, flight);
    return flight;
  }

  get inFlightCount(): number {
    return this.flights.size;
  }
}
