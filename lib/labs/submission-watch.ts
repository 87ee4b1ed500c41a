import 'server-only';
import type { SubmissionState, SubmissionStatus } from './lab-records';

/**
 * Long polling for submission results: GET /api/submissions/[id]?wait=… holds the request until the submission's
 * status, its tests done while running, or (in this server's own queue) its position differs from what the browser
 * last saw, or the wait ends.
 *
 * One watcher per process checks every waited-on submission with ONE query per interval, however many browsers
 * wait, so a class waiting for verdicts costs the database a query every few hundred milliseconds and the web server
 * a request per verdict instead of one per browser per second. Works the same for GRADER=local and =remote and on
 * both databases. Bounded: a client that opens many waits gets immediate answers past its share, and the process
 * holds at most `maxWaiters` in all (a client cannot stall the server by holding requests).
 */

export interface WatchDeps {
  /** Current status (and tests done while running) of these ids; a missing id means the submission is gone. */
  statusesOf(ids: readonly string[]): Promise<Map<string, SubmissionState>>;
  /** This server's queue position of an id, if it is in this server's own queue. */
  positionOf?(id: string): number | null;
  intervalMs?: number;
  maxWaiters?: number;
  maxWaitersPerClient?: number;
}

export interface WaitRequest {
  id: string;
  /** Who waits (the learner's id): limits how many waits one client can hold. */
  clientKey: string;
  knownStatus: SubmissionStatus;
  knownPosition: number | null;
  /** Tests done that the browser has seen (null: none reported yet). */
  knownDone?: number | null;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Why a wait ended: the submission changed, the wait timed out, the client left, or there was no room to wait. */
export type WaitOutcome = 'changed' | 'timeout' | 'aborted' | 'no-room';

interface Waiter {
  req: WaitRequest;
  resolve(outcome: WaitOutcome): void;
  timer: ReturnType<typeof setTimeout>;
}

export class SubmissionWatch {
  private readonly waiters = new Set<Waiter>();
  private readonly perClient = new Map<string, number>();
  private loop: ReturnType<typeof setTimeout> | null = null;
  private checking = false;
  /** A poke arrived while a check was running: check again as soon as it ends. */
  private pokedWhileChecking = false;
  private readonly intervalMs: number;
  private readonly maxWaiters: number;
  private readonly maxWaitersPerClient: number;

  constructor(private readonly deps: WatchDeps) {
    this.intervalMs = deps.intervalMs ?? 300;
    this.maxWaiters = deps.maxWaiters ?? 2000;
    this.maxWaitersPerClient = deps.maxWaitersPerClient ?? 4;
  }

  get waiting(): number {
    return this.waiters.size;
  }

  /** Resolves when the submission has changed, the timeout passed, the signal aborted, or at once when there is no room. */
  wait(req: WaitRequest): Promise<WaitOutcome> {
    if (req.signal?.aborted) return Promise.resolve('aborted');
    const mine = this.perClient.get(req.clientKey) ?? 0;
    if (this.waiters.size >= this.maxWaiters || mine >= this.maxWaitersPerClient) return Promise.resolve('no-room');
    return new Promise<WaitOutcome>((resolve) => {
      const waiter: Waiter = {
        req,
        resolve: (outcome) => {
          if (!this.waiters.delete(waiter)) return;
          clearTimeout(waiter.timer);
          req.signal?.removeEventListener('abort', onAbort);
          const left = (this.perClient.get(req.clientKey) ?? 1) - 1;
          if (left > 0) this.perClient.set(req.clientKey, left);
          else this.perClient.delete(req.clientKey);
          resolve(outcome);
        },
        timer: setTimeout(() => waiter.resolve('timeout'), Math.max(0, req.timeoutMs)),
      };
      waiter.timer.unref?.();
      const onAbort = () => waiter.resolve('aborted');
      req.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
      this.perClient.set(req.clientKey, mine + 1);
      this.schedule();
    });
  }

  /**
   * Checks now instead of at the next interval: this process has just changed a submission (claimed it, reported
   * progress, recorded its verdict), so its waiters hear of it at once rather than up to an interval later.
   */
  poke(): void {
    if (this.waiters.size === 0) return;
    if (this.checking) {
      this.pokedWhileChecking = true;
      return;
    }
    if (this.loop) {
      clearTimeout(this.loop);
      this.loop = null;
    }
    void this.check().finally(() => this.schedule());
  }

  private schedule(): void {
    if (this.loop || this.waiters.size === 0) return;
    this.loop = setTimeout(() => {
      this.loop = null;
      void this.check().finally(() => this.schedule());
    }, this.intervalMs);
    this.loop.unref?.();
  }

  /** One pass: a single query for every id waited on; wakes the waiters whose submission changed. */
  async check(): Promise<void> {
    if (this.checking || this.waiters.size === 0) return;
    this.checking = true;
    try {
      const ids = [...new Set([...this.waiters].map((w) => w.req.id))];
      let statuses: Map<string, SubmissionState>;
      try {
        statuses = await this.deps.statusesOf(ids);
      } catch (error) {
        console.error('[submission watch] status check failed; the waits go on until their timeout', error);
        return;
      }
      for (const w of [...this.waiters]) {
        const state = statuses.get(w.req.id);
        if (state === undefined || state.status !== w.req.knownStatus || (state.done ?? null) !== (w.req.knownDone ?? null)) {
          w.resolve('changed');
          continue;
        }
        const position = this.deps.positionOf?.(w.req.id) ?? null;
        if (position !== w.req.knownPosition) w.resolve('changed');
      }
    } finally {
      this.checking = false;
      if (this.pokedWhileChecking) {
        this.pokedWhileChecking = false;
        queueMicrotask(() => this.poke());
      }
    }
  }
}
