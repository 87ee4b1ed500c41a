/**
 * Deterministic scheduler for concurrent client tasks in virtual time.
 *
 * Tasks are ordinary async functions. They wait for simulated I/O with `sleep(ms)` (or for each
 * other, through promises); the scheduler resumes exactly one sleeper at a time, in order of
 * virtual time, and breaks ties between sleepers due at the same millisecond with a key drawn from
 * the seeded PRNG when the sleep was requested. After each resumption it lets the microtask queue
 * run until the world is quiet, so the resumed task (and anything it wakes) runs to its next wait
 * before the clock moves again. A run is therefore a pure function of (code, seed).
 *
 * "Quiet" means `quietHops` consecutive microtask hops with no scheduler activity (a sleep, a spawn,
 * a task finishing, or an explicit `touch()`). Code that computes through more than `quietHops`
 * nested awaits without touching the scheduler would still run deterministically, but late in
 * virtual time; the default is far above what any strategy here needs.
 */
import { VirtualClock } from '../sim/clock';
import type { Prng } from '../sim/prng';

interface TimedEvent {
  atMs: number;
  tie: number;
  seq: number;
  fire: () => void;
}

export interface TaskHandle<T> {
  readonly name: string;
  /** Settles when the task finishes; never rejects (errors are kept in `error` and reported by run()). */
  readonly done: Promise<void>;
  readonly finished: boolean;
  readonly result: T | undefined;
  readonly error: unknown;
}

export interface RunResult {
  /** Events (resumptions, task starts, timer callbacks) processed in this run. */
  events: number;
  /** Virtual time when the run stopped. */
  endMs: number;
  /** Tasks that had not finished when the queue emptied (they wait on something nobody will resolve). */
  unfinishedTasks: string[];
}

export interface SchedulerOptions {
  prng: Prng;
  clock?: VirtualClock;
  quietHops?: number;
}

class MutableTask<T> implements TaskHandle<T> {
  finished = false;
  result: T | undefined = undefined;
  error: unknown = undefined;
  done!: Promise<void>;
  constructor(readonly name: string) {}
}

/** Min-heap on (atMs, tie, seq). */
class EventHeap {
  private items: TimedEvent[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): TimedEvent | undefined {
    return this.items[0];
  }

  push(ev: TimedEvent): void {
    const a = this.items;
    a.push(ev);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i] as TimedEvent, a[p] as TimedEvent)) break;
      [a[i], a[p]] = [a[p] as TimedEvent, a[i] as TimedEvent];
      i = p;
    }
  }

  pop(): TimedEvent | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l] as TimedEvent, a[m] as TimedEvent)) m = l;
        if (r < a.length && before(a[r] as TimedEvent, a[m] as TimedEvent)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as TimedEvent, a[i] as TimedEvent];
        i = m;
      }
    }
    return top;
  }
}

/** Settles nothing; settle() hangs its microtask hops on it. */
const RESOLVED: Promise<void> = Promise.resolve();

function before(x: TimedEvent, y: TimedEvent): boolean {
  if (x.atMs !== y.atMs) return x.atMs < y.atMs;
  if (x.tie !== y.tie) return x.tie < y.tie;
  return x.seq < y.seq;
}

export class Scheduler {
  readonly clock: VirtualClock;
  readonly prng: Prng;
  private readonly quietHops: number;
  private readonly heap = new EventHeap();
  private seq = 0;
  private activity = 0;
  private readonly tasks: MutableTask<unknown>[] = [];
  private readonly failures: { task: string; error: unknown }[] = [];
  private running = false;

  constructor(options: SchedulerOptions) {
    this.prng = options.prng;
    this.clock = options.clock ?? new VirtualClock();
    this.quietHops = options.quietHops ?? 32;
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  /** Mark activity so the settle loop keeps draining (for code that waits on non-scheduler promises). */
  touch(): void {
    this.activity++;
  }

  /** Resume the caller after `ms` virtual milliseconds (0 = yield to other tasks due now, in seeded order). */
  sleep(ms: number): Promise<void> {
    if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`sleep needs a non-negative integer, got ${ms}`);
    this.activity++;
    return new Promise<void>((resolve) => this.at(this.clock.nowMs() + ms, resolve));
  }

  /** Run a synchronous callback at now + delayMs (a virtual timer). */
  after(delayMs: number, callback: () => void): void {
    if (!Number.isInteger(delayMs) || delayMs < 0) throw new RangeError(`after needs a non-negative integer, got ${delayMs}`);
    this.activity++;
    this.at(this.clock.nowMs() + delayMs, callback);
  }

  /** Start `body` as a task at now + delayMs. Its errors are collected and rethrown by run(). */
  spawn<T>(name: string, body: () => Promise<T>, delayMs = 0): TaskHandle<T> {
    const task = new MutableTask<T>(name);
    this.tasks.push(task as MutableTask<unknown>);
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    task.done = started
      .then(body)
      .then(
        (value) => {
          task.result = value;
        },
        (error: unknown) => {
          task.error = error;
          this.failures.push({ task: name, error });
        },
      )
      .finally(() => {
        task.finished = true;
        this.activity++;
      });
    this.after(delayMs, start);
    return task;
  }

  /** Events still queued. */
  get pendingEvents(): number {
    return this.heap.size;
  }

  /**
   * Process events in virtual-time order until none are left (or the next is after `untilMs`, in
   * which case the clock stops at `untilMs`). Throws if any task failed, naming the task and the seed.
   */
  async run(options: { untilMs?: number; maxEvents?: number } = {}): Promise<RunResult> {
    if (this.running) throw new Error('Scheduler.run is not reentrant');
    this.running = true;
    const maxEvents = options.maxEvents ?? 50_000_000;
    let events = 0;
    try {
      await this.settle();
      for (;;) {
        const next = this.heap.peek();
        if (next === undefined) break;
        if (options.untilMs !== undefined && next.atMs > options.untilMs) break;
        if (events >= maxEvents) throw new Error(`scheduler exceeded ${maxEvents} events (seed ${this.prng.seed})`);
        this.heap.pop();
        this.clock.advanceToMs(next.atMs);
        next.fire();
        events++;
        await this.settle();
      }
      if (options.untilMs !== undefined && this.clock.nowMs() < options.untilMs) this.clock.advanceToMs(options.untilMs);
    } finally {
      this.running = false;
    }
    if (this.failures.length > 0) {
      const first = this.failures[0] as { task: string; error: unknown };
      const message = first.error instanceof Error ? first.error.message : String(first.error);
      throw new Error(`task "${first.task}" failed (seed ${this.prng.seed}, ${this.failures.length} failure(s)): ${message}`, {
        cause: first.error,
      });
    }
    return {
      events,
      endMs: this.clock.nowMs(),
      unfinishedTasks: this.tasks.filter((t) => !t.finished).map((t) => t.name),
    };
  }

  private at(atMs: number, fire: () => void): void {
    this.heap.push({ atMs, tie: this.prng.nextU32(), seq: this.seq++, fire });
  }

  /**
   * One microtask hop at a time until `quietHops` pass without activity. A reaction on an already resolved promise per
   * hop: the same ticks as `await undefined` in an async loop (which it replaced; the scheduler tests pin the
   * interleaving hop for hop), with less to allocate and resume (a third of some suites' time was this loop).
   */
  private settle(): Promise<void> {
    return new Promise((resolve) => {
      let last = this.activity;
      let quiet = 0;
      const hop = (): void => {
        if (this.activity !== last) {
          last = this.activity;
          quiet = 0;
        } else {
          quiet++;
        }
        if (quiet < this.quietHops) void RESOLVED.then(hop);
        else resolve();
      };
      if (this.quietHops > 0) void RESOLVED.then(hop);
      else resolve();
    });
  }
}
