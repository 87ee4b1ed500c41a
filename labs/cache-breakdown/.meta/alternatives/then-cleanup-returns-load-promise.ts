/**
 * Alternative: every caller gets the very promise load() returned; the entry is removed by a
 * `then(forget, forget)` attached to it (rather than a try/finally wrapper), only if the map still
 * holds that same flight. A load that throws synchronously is turned into a rejected promise.
 */
export class Singleflight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const shared = this.inFlight.get(key);
    if (shared !== undefined) return shared as Promise<T>;
    let flight: Promise<T>;
    try {
      flight = Promise.resolve(load());
    } catch (error) {
      flight = Promise.reject(error);
    }
    this.inFlight.set(key, flight);
    const forget = () => {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    };
    flight.then(forget, forget);
    return flight;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }
}
