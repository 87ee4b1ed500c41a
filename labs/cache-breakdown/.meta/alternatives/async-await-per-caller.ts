/**
 * Alternative: run() is an async method, so every caller gets its own promise; the first caller
 * stores load()'s promise, awaits it and forgets it in a finally, and later callers await the
 * stored promise. The outcome (value or error) is the same for all of them.
 */
export class Singleflight {
  private readonly pending = new Map<string, Promise<unknown>>();

  async run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const joined = this.pending.get(key);
    if (joined !== undefined) return (await joined) as T;
    const started = load();
    this.pending.set(key, started);
    try {
      return await started;
    } finally {
      this.pending.delete(key);
    }
  }

  get inFlightCount(): number {
    return this.pending.size;
  }
}
