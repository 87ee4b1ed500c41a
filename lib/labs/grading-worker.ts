import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ProgressListener } from '@/grader/progress';
import type { Viewer } from '@/lib/data/types';
import type { GradeRequest } from '@/grader/grade-submission';
import type { GradeResult } from '@/grader/results-schema';
import type { LabRecords, QueuedJob } from './lab-records';
import { progressWriter } from './progress-writer';
import { graderFailure } from './submission-queue';

/**
 * A grader worker (`npm run worker`): claims queued submissions from the shared database, grades them in its own
 * sandbox pool and records the verdicts. Any number of workers, on any machines, may share one database.
 *
 * - Claims: records.claimNext (PostgreSQL: UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED); SQLite: a conditional
 *   update) while fewer than `concurrency` jobs run here. Woken by wake() (a PostgreSQL NOTIFY, see queue-listener.ts),
 *   when a job of its own finishes, and by polling every `pollMs` (the fallback, and the only mechanism on SQLite).
 * - Leases: a claimed job is held for `leaseMs`, renewed every `renewEveryMs` while it is graded. Every worker re-queues
 *   jobs whose lease expired (their worker died) on the same timer; another worker then grades them again.
 * - Results: records.finishLeased is fenced by the lease (only the current holder records; a second recording is a no-op).
 * - Stop: stop(graceMs) stops claiming, waits up to graceMs for running jobs, hands the rest back (queued).
 */

export interface GradingWorkerDeps {
  records: Pick<LabRecords, 'claimNext' | 'renewLease' | 'finishLeased' | 'releaseLease' | 'requeueExpired' | 'ownerOf'> & Partial<Pick<LabRecords, 'setProgress'>>;
  /** `onProgress` (when the records can store progress) hears the tests finished while the suite runs. */
  grade: (request: GradeRequest, onProgress?: ProgressListener) => Promise<GradeResult>;
  /** Called after a recorded failure (not errors), e.g. to add review cards. Its failures are logged, never fatal. */
  onFailed?: (user: Viewer, labId: string, submissionId: string) => Promise<unknown>;
  concurrency: number;
  workerId?: string;
  leaseMs?: number;
  renewEveryMs?: number;
  pollMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

type Running = { job: QueuedJob; done: Promise<void>; lost: boolean };

export class GradingWorker {
  readonly workerId: string;
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;
  private readonly pollMs: number;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly running = new Map<string, Running>();
  private stopping = false;
  private loopDone: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private timer: NodeJS.Timeout | null = null;
  private counts = { claimed: 0, recorded: 0, notRecorded: 0, handedBack: 0, requeuedExpired: 0 };

  constructor(private readonly deps: GradingWorkerDeps) {
    if (!Number.isInteger(deps.concurrency) || deps.concurrency < 1) throw new RangeError('concurrency must be a positive integer');
    this.workerId = deps.workerId ?? defaultWorkerId();
    this.leaseMs = deps.leaseMs ?? 30_000;
    this.renewEveryMs = deps.renewEveryMs ?? Math.max(10, Math.floor(this.leaseMs / 3));
    this.pollMs = deps.pollMs ?? 2_000;
    this.log = deps.log ?? ((message, error) => console.error(`[grader worker ${this.workerId}] ${message}`, error ?? ''));
  }

  stats() {
    return { ...this.counts, running: this.running.size };
  }

  /** Starts claiming. */
  start(): void {
    if (this.loopDone) return;
    this.timer = setInterval(() => void this.maintain(), this.renewEveryMs);
    this.loopDone = this.loop();
  }

  /** Something was queued (a NOTIFY): look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  /**
   * Graceful stop: no more claims; running jobs get `graceMs` to finish and be recorded; those still running then are
   * handed back (queued) for another worker. Their late verdicts, if any, are not recorded (the lease is gone).
   */
  async stop(graceMs = 20_000): Promise<{ finished: number; handedBack: number }> {
    this.stopping = true;
    this.wake();
    await this.loopDone;
    const inFlight = [...this.running.values()];
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(inFlight.map((r) => r.done)), new Promise((resolve) => (timeout = setTimeout(resolve, graceMs)))]);
    clearTimeout(timeout);
    let handedBack = 0;
    for (const [id] of this.running) {
      try {
        if (await this.deps.records.releaseLease(id, this.workerId)) handedBack++;
      } catch (error) {
        this.log(`could not hand back ${id} (its lease will expire)`, error);
      }
    }
    this.counts.handedBack += handedBack;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return { finished: inFlight.length - handedBack, handedBack };
  }

  private async loop(): Promise<void> {
    await this.maintain();
    while (!this.stopping) {
      await this.fill();
      if (this.stopping) break;
      await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, this.pollMs);
      this.wakeUp = () => {
        clearTimeout(t);
        this.woken = false;
        resolve();
      };
    });
  }

  private async fill(): Promise<void> {
    while (!this.stopping && this.running.size < this.deps.concurrency) {
      let job: QueuedJob | null;
      try {
        job = await this.deps.records.claimNext(this.workerId, this.leaseMs);
      } catch (error) {
        this.log('claim failed', error);
        return;
      }
      if (!job) return;
      this.counts.claimed++;
      const entry: Running = { job, lost: false, done: Promise.resolve() };
      this.running.set(job.id, entry);
      entry.done = this.process(entry).finally(() => {
        this.running.delete(job.id);
        this.wake();
      });
    }
  }

  /** Renews the leases of this worker's jobs and re-queues anyone's expired ones. */
  private async maintain(): Promise<void> {
    for (const entry of this.running.values()) {
      try {
        if (!(await this.deps.records.renewLease(entry.job.id, this.workerId, this.leaseMs)) && !entry.lost) {
          entry.lost = true;
          this.log(`lost the lease of ${entry.job.id}; its verdict will not be recorded here`);
        }
      } catch (error) {
        this.log(`could not renew the lease of ${entry.job.id}`, error);
      }
    }
    try {
      const requeued = await this.deps.records.requeueExpired();
      if (requeued > 0) {
        this.counts.requeuedExpired += requeued;
        this.log(`re-queued ${requeued} submission(s) whose worker's lease expired`);
        this.wake();
      }
    } catch (error) {
      this.log('re-queueing expired leases failed', error);
    }
  }

  private async process(entry: Running): Promise<void> {
    const { job } = entry;
    let result: GradeResult;
    const setProgress = this.deps.records.setProgress;
    // Only under this worker's lease: a worker that lost its job writes nothing over the next one's.
    const progress = setProgress ? progressWriter((p) => setProgress(job.id, p, this.workerId), { log: (m, e) => this.log(`${m} of ${job.id}`, e) }) : null;
    try {
      result = await this.deps.grade({ labId: job.labId, code: job.code, mode: 'hidden' }, progress?.listener);
    } catch (error) {
      this.log(`grading ${job.id} failed`, error);
      result = graderFailure(job.labId, error);
    } finally {
      progress?.stop();
    }
    let recorded: boolean;
    try {
      recorded = await this.deps.records.finishLeased(job.id, this.workerId, result);
    } catch (error) {
      this.log(`could not record the result of ${job.id} (its lease will expire and it will be graded again)`, error);
      return;
    }
    if (!recorded) {
      this.counts.notRecorded++;
      this.log(`the verdict of ${job.id} was not recorded: this worker no longer holds its lease`);
      return;
    }
    this.counts.recorded++;
    if (result.status === 'fail' && this.deps.onFailed) {
      try {
        const owner = await this.deps.records.ownerOf(job.id);
        if (owner) await this.deps.onFailed(owner, job.labId, job.id);
      } catch (error) {
        this.log(`post-failure hook for ${job.id} failed`, error);
      }
    }
  }
}
