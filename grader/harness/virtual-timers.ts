/**
 * setTimeout/setInterval on the harness's virtual clock. Timers never fire on their own: the
 * runner fires the earliest one (ties broken by creation order) when a test is waiting.
 */
interface Timer {
  id: number;
  dueMs: number;
  intervalMs: number | null;
  callback: () => void;
}

const maxTimers = 10_000;

export class VirtualTimers {
  private timers: Timer[] = [];
  private nextId = 1;
  private nowMsValue = 0;

  nowMs(): number {
    return this.nowMsValue;
  }

  /** Clears every timer and sets the clock back to zero (between tests). */
  reset(): void {
    this.timers = [];
    this.nowMsValue = 0;
  }

  hasPending(): boolean {
    return this.timers.length > 0;
  }

  schedule(callback: unknown, delayMs: unknown, intervalMs: number | null, args: unknown[]): number {
    if (typeof callback !== 'function') throw new TypeError('setTimeout/setInterval need a function callback');
    if (this.timers.length >= maxTimers) throw new RangeError(`more than ${maxTimers} pending timers`);
    const delay = Math.max(0, Math.floor(Number(delayMs) || 0));
    const timer: Timer = {
      id: this.nextId++,
      dueMs: this.nowMsValue + delay,
      intervalMs: intervalMs === null ? null : Math.max(1, delay),
      callback: () => (callback as (...a: unknown[]) => void)(...args),
    };
    this.timers.push(timer);
    return timer.id;
  }

  cancel(id: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== id);
  }

  /** Advances the clock to the earliest timer and runs it. Returns false if none is pending. */
  fireNext(): boolean {
    if (this.timers.length === 0) return false;
    let earliest = this.timers[0] as Timer;
    for (const timer of this.timers) if (timer.dueMs < earliest.dueMs || (timer.dueMs === earliest.dueMs && timer.id < earliest.id)) earliest = timer;
    this.nowMsValue = Math.max(this.nowMsValue, earliest.dueMs);
    if (earliest.intervalMs === null) this.cancel(earliest.id);
    else earliest.dueMs = this.nowMsValue + earliest.intervalMs;
    earliest.callback();
    return true;
  }

  /** The global functions handed to code in the sandbox. */
  globals(): Record<string, (...args: unknown[]) => unknown> {
    return {
      setTimeout: (callback, delayMs, ...args) => this.schedule(callback, delayMs, null, args),
      setInterval: (callback, delayMs, ...args) => this.schedule(callback, delayMs, 0, args),
      setImmediate: (callback, ...args) => this.schedule(callback, 0, null, args),
      clearTimeout: (id) => this.cancel(id),
      clearInterval: (id) => this.cancel(id),
      clearImmediate: (id) => this.cancel(id),
      queueMicrotask: (callback) => {
        if (typeof callback !== 'function') throw new TypeError('queueMicrotask needs a function');
        void Promise.resolve().then(() => (callback as () => void)());
      },
    };
  }
}
