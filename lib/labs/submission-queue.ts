import type { ProgressListener } from '@/grader/progress';
import { progressWriter } from './progress-writer';
import type { Viewer } from '@/lib/data/types';
import type { GradeRequest } from '@/grader/grade-submission';
import type { GradeResult } from '@/grader/results-schema';
import type { LabRecords } from './lab-records';

/**
 * The in-process grading queue of the web server. A submission is persisted as 'queued' by the route
 * handler first, then handed here by id. The queue claims it (queued → running, atomically in the
 * database, so another process sharing the database never grades it too), calls the grader, which
 * runs the learner's code in its pool of sandboxed child processes (never in this process), and
 * records the verdict (running → passed | failed | error). Concurrency matches the grader's pool so
 * claims never run ahead of free workers.
 *
 * Nothing is lost on a crash or restart: sweep() (run on start and, throttled, when a learner polls a
 * queued submission) puts rows left 'running' for longer than any grading can take back in the
 * queue and picks up every queued row.
 */

/** What the queue reads and writes of submissions (progress is optional: tests leave it out). */
export type SubmissionQueueRecords = Pick<LabRecords, 'claim' | 'finish' | 'queuedIds' | 'requeueInterrupted' | 'ownerOf'> & Partial<Pick<LabRecords, 'setProgress'>>;

export interface QueueDeps {
  records: SubmissionQueueRecords;
  /** `onProgress` (when the records can store progress) hears the tests finished while the suite runs. */
  grade: (request: GradeRequest, onProgress?: ProgressListener) => Promise<GradeResult>;
  /** Called after a submission fails (not on errors), e.g. to add review cards. Its failures are logged, never fatal. */
  onFailed?: (user: Viewer, labId: string, submissionId: string) => Promise<unknown>;
  concurrency: number;
  /** A 'running' row older than this is considered interrupted (longer than the hard wall-time limit plus the pool's grace). */
  staleRunningMs?: number;
  /** Minimum time between sweeps triggered by polling. */
  sweepIntervalMs?: number;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export function graderFailure(labId: string, error: unknown): GradeResult {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    status: 'error',
    errorKind: 'crash',
    message: `The grader could not grade this submission: ${detail}`.slice(0, 2_000),
    labId,
    mode: 'hidden',
    sandbox: 'none',
    tests: [],
    timings: { transpileMs: 0, bundleMs: 0, queueMs: 0, runMs: 0, totalMs: 0 },
  };
}

export class SubmissionQueue {
  private readonly pending: string[] = [];
  private readonly known = new Set<string>();
  private active = 0;
  private lastSweepMs = -Infinity;
  private sweeping: Promise<void> | null = null;
  private idleWaiters: (() => void)[] = [];
  private readonly now: () => number;
  private readonly log: (message: string, error?: unknown) => void;

  constructor(private readonly deps: QueueDeps) {
    if (!Number.isInteger(deps.concurrency) || deps.concurrency < 1) throw new RangeError('concurrency must be a positive integer');
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? ((message, error) => console.error(`[submission queue] ${message}`, error ?? ''));
  }

  /** Hands a persisted 'queued' submission to the queue. Duplicate ids are ignored. */
  enqueue(submissionId: string): void {
    if (this.known.has(submissionId)) return;
    this.known.add(submissionId);
    this.pending.push(submissionId);
    this.pump();
  }

  /** Whether this process already holds the submission (queued here or being graded here). */
  has(submissionId: string): boolean {
    return this.known.has(submissionId);
  }

  /** How many submissions wait ahead of this one here (0 = next), or null if it is not waiting here. */
  position(submissionId: string): number | null {
    const index = this.pending.indexOf(submissionId);
    return index < 0 ? null : index;
  }

  stats(): { pending: number; active: number } {
    return { pending: this.pending.length, active: this.active };
  }

  /** Recovers interrupted rows and queues every queued row. Throttled unless forced. */
  sweep(force = false): Promise<void> {
    if (this.sweeping) return this.sweeping;
    const nowMs = this.now();
    if (!force && nowMs - this.lastSweepMs < (this.deps.sweepIntervalMs ?? 5_000)) return Promise.resolve();
    this.lastSweepMs = nowMs;
    this.sweeping = (async () => {
      try {
        const staleMs = this.deps.staleRunningMs ?? 60_000;
        const requeued = await this.deps.records.requeueInterrupted(new Date(nowMs - staleMs));
        if (requeued > 0) this.log(`re-queued ${requeued} interrupted submission(s)`);
        for (const id of await this.deps.records.queuedIds()) this.enqueue(id);
      } catch (error) {
        this.log('sweep failed', error);
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }

  /** Resolves once nothing is pending or running (tests, graceful shutdown). */
  idle(): Promise<void> {
    if (this.active === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.active < this.deps.concurrency && this.pending.length > 0) {
      const id = this.pending.shift() as string;
      this.active++;
      void this.process(id).finally(() => {
        this.active--;
        this.known.delete(id);
        this.pump();
        if (this.active === 0 && this.pending.length === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const w of waiters) w();
        }
      });
    }
  }

  private async process(submissionId: string): Promise<void> {
    let job;
    try {
      job = await this.deps.records.claim(submissionId);
    } catch (error) {
      this.log(`could not claim ${submissionId}`, error);
      return;
    }
    if (job === null) return; // Already claimed (another process), finished, or gone.
    let result: GradeResult;
    const setProgress = this.deps.records.setProgress;
    const progress = setProgress ? progressWriter((p) => setProgress(submissionId, p), { log: (m, e) => this.log(`${m} of ${submissionId}`, e) }) : null;
    try {
      result = await this.deps.grade({ labId: job.labId, code: job.code, mode: 'hidden' }, progress?.listener);
    } catch (error) {
      this.log(`grading ${submissionId} failed`, error);
      result = graderFailure(job.labId, error);
    } finally {
      progress?.stop();
    }
    try {
      await this.deps.records.finish(submissionId, result);
    } catch (error) {
      this.log(`could not record the result of ${submissionId}`, error);
      return;
    }
    if (result.status === 'fail' && this.deps.onFailed) {
      try {
        const owner = await this.deps.records.ownerOf(submissionId);
        if (owner) await this.deps.onFailed(owner, job.labId, submissionId);
      } catch (error) {
        this.log(`post-failure hook for ${submissionId} failed`, error);
      }
    }
  }
}
