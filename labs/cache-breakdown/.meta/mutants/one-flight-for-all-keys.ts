/** Bug: one flight for the whole cache, not per key: a reader of key B can be handed key A's value. */
export class Singleflight {
  private flight: Promise<unknown> | undefined;

  run<T>(_key: string, load: () => Promise<T>): Promise<T> {
    if (this.flight !== undefined) return this.flight as Promise<T>;
    const flight = (async () => {
      try {
        return await load();
      } finally {
        this.flight = undefined;
      }
    })();
    this.flight = flight;
    return flight;
  }

  get inFlightCount(): number {
    return this.flight === undefined ? 0 : 1;
  }
}
