/**
 * Alternative (the shape of Go's singleflight.Group): a call record per key holds the waiters of
 * that key; the first caller runs load(), and when it settles the record is removed from the map
 * first and then every waiter is resolved or rejected with the same outcome.
 */
interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Call {
  waiters: Waiter[];
}

export class Singleflight {
  private readonly calls: Map<string, Call> = new Map();

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = { resolve: resolve as (value: unknown) => void, reject };
      const existing = this.calls.get(key);
      if (existing !== undefined) {
        existing.waiters.push(waiter);
        return;
      }
      const call: Call = { waiters: [waiter] };
      this.calls.set(key, call);
      const settle = (ok: boolean, outcome: unknown) => {
        this.calls.delete(key);
        for (const w of call.waiters) {
          if (ok) w.resolve(outcome);
          else w.reject(outcome);
        }
      };
      let pending: Promise<T>;
      try {
        pending = load();
      } catch (error) {
        settle(false, error);
        return;
      }
      Promise.resolve(pending).then(
        (value) => settle(true, value),
        (error: unknown) => settle(false, error),
      );
    });
  }

  get inFlightCount(): number {
    return this.calls.size;
  }
}
