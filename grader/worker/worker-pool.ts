/**
 * A small pool of warm worker processes that run sandboxes, so learner code never runs in the
 * caller's (the web server's) process. One job per worker at a time; jobs queue in FIFO order.
 * A worker that does not answer within the job's wall time plus a grace period is killed with
 * SIGKILL and replaced. A worker process that dies mid-job (a native crash of the sandbox, seen as
 * a rare SIGSEGV under load) is replaced and its job runs once more on the replacement, since a
 * correct submission must not fail for the grader's fault; a second death fails the job cleanly.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { SandboxKind } from '../config';
import { parseProgress, type ProgressListener } from '../progress';
import type { SandboxRequest, SandboxRun } from '../sandbox/sandbox';
import { buildWorkerEntry } from './build-worker-entry';
import { sandboxKindEnv, type ChildMessage, type ParentMessage } from './worker-messages';

export interface WorkerPoolOptions {
  size: number;
  sandbox: SandboxKind;
  rootDir: string;
  /** Extra time past the wall-time limit before a silent worker is killed. */
  graceMs?: number;
  startupTimeoutMs?: number;
  /** Heap cap for each worker process itself (the isolate has its own limit). */
  workerHeapMb?: number;
  /** Replace a worker process after this many runs (default 100). */
  maxJobsPerWorker?: number;
  /** A ready-built worker entry to fork instead of grader/worker/child-main.ts (tests inject misbehaving workers). */
  workerEntryPath?: string;
}

export interface PoolRun extends SandboxRun {
  queueMs: number;
}

interface Job {
  jobId: number;
  request: SandboxRequest;
  enqueuedMs: number;
  resolve: (run: PoolRun) => void;
  /** Told of the tests finished so far while the job runs (grader/progress.ts). */
  onProgress?: ProgressListener;
  /** Set when the job is run again after its worker process died under it. */
  retried?: boolean;
}

interface Worker {
  /** Null until the worker entry is built and the process forked. */
  child: ChildProcess | null;
  ready: Promise<void>;
  job: (Job & { timer: NodeJS.Timeout | undefined }) | null;
  retired: boolean;
  jobsDone: number;
}

export class WorkerPool {
  private readonly workers = new Set<Worker>();
  private readonly queue: Job[] = [];
  private nextJobId = 1;
  private closed = false;
  private restartCount = 0;
  private retriedCount = 0;
  private readonly graceMs: number;
  private readonly startupTimeoutMs: number;
  private readonly maxJobsPerWorker: number;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`pool size must be a positive integer, got ${options.size}`);
    this.graceMs = options.graceMs ?? 2_000;
    this.startupTimeoutMs = options.startupTimeoutMs ?? 20_000;
    this.maxJobsPerWorker = options.maxJobsPerWorker ?? 100;
  }

  get sandbox(): SandboxKind {
    return this.options.sandbox;
  }

  stats(): { workers: number; busy: number; queued: number; restarts: number; retried: number } {
    let busy = 0;
    for (const worker of this.workers) if (worker.job) busy++;
    return { workers: this.workers.size, busy, queued: this.queue.length, restarts: this.restartCount, retried: this.retriedCount };
  }

  /** Workers that could start a job now: free ones, and ones not yet spawned, less the jobs already waiting. */
  freeWorkers(): number {
    const { busy, queued } = this.stats();
    return Math.max(0, this.options.size - busy - queued);
  }

  run(request: SandboxRequest, onProgress?: ProgressListener): Promise<PoolRun> {
    if (this.closed) return Promise.reject(new Error('the grader pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ jobId: this.nextJobId++, request, enqueuedMs: performance.now(), resolve, ...(onProgress ? { onProgress } : {}) });
      this.dispatch();
    });
  }

  /** Starts every worker now instead of on first use. */
  async warm(): Promise<void> {
    while (this.workers.size < this.options.size) this.spawn();
    this.dispatch();
    await Promise.all([...this.workers].map((w) => w.ready.catch(() => undefined)));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(this.failure(job, 'crashed', 'the grader pool was shut down'));
    const workers = [...this.workers];
    await Promise.all(workers.map((worker) => worker.ready.catch(() => undefined)));
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const child = worker.child;
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
            // An idle worker is unreferenced; waiting for its exit must keep this process alive.
            child.ref();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    this.workers.clear();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let idle: Worker | undefined;
      for (const worker of this.workers) if (!worker.job) idle = worker;
      if (!idle && this.workers.size < this.options.size) idle = this.spawn();
      if (!idle) return;
      const job = this.queue.shift() as Job;
      this.assign(idle, job);
    }
  }

  private assign(worker: Worker, job: Job): void {
    worker.job = { ...job, timer: undefined };
    worker.ready.then(
      () => {
        const child = worker.child;
        if (worker.job?.jobId !== job.jobId || !child) return;
        this.setReferenced(child, true);
        // The kill timer counts from when the worker is ready, so a slow first start is not a timeout.
        worker.job.timer = setTimeout(() => this.killSilent(worker), job.request.wallTimeMs + this.graceMs);
        const message: ParentMessage = { type: 'run', jobId: job.jobId, request: job.request, ...(job.onProgress ? { progress: true } : {}) };
        child.send(message, (error) => {
          if (error) this.fail(worker, 'crashed', `could not send the job to the grader worker: ${error.message}`);
        });
      },
      (error: Error) => this.fail(worker, 'crashed', `could not start a grader worker: ${error.message}`),
    );
  }

  private spawn(): Worker {
    const worker: Worker = { child: null, ready: Promise.resolve(), job: null, retired: false, jobsDone: 0 };
    const entryPath = this.options.workerEntryPath !== undefined ? Promise.resolve(this.options.workerEntryPath) : buildWorkerEntry(this.options.rootDir);
    worker.ready = entryPath.then(
      (entry) =>
        new Promise<void>((resolve, reject) => {
          if (worker.retired || this.closed) return reject(new Error('the grader pool was shut down'));
          const child = fork(entry, [], {
            execArgv: ['--no-node-snapshot', `--max-old-space-size=${this.options.workerHeapMb ?? 512}`],
            env: { ...process.env, [sandboxKindEnv]: this.options.sandbox },
            stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
            serialization: 'json',
          });
          worker.child = child;
          const startup = setTimeout(() => {
            const error = new Error(`no answer within ${this.startupTimeoutMs} ms`);
            reject(error);
            this.retire(worker, 'crashed', `could not start a grader worker: ${error.message}`);
          }, this.startupTimeoutMs);
          child.on('message', (message: ChildMessage) => {
            if (message.type === 'ready') {
              clearTimeout(startup);
              if (!worker.job) this.setReferenced(child, false);
              resolve();
            } else if (message.jobId === worker.job?.jobId) {
              const job = worker.job;
              if (message.type === 'progress') {
                const progress = parseProgress(message.progress);
                if (progress && job.onProgress) {
                  try {
                    job.onProgress(progress);
                  } catch {
                    /* a listener's failure never touches the run */
                  }
                }
                return;
              }
              if (message.type !== 'result') {
                this.fail(worker, 'crashed', `the grader worker failed: ${message.detail}`);
                return;
              }
              worker.jobsDone++;
              const run = { ...message.run, queueMs: performance.now() - job.enqueuedMs - message.run.runMs };
              // An isolate stopped at its memory or time limit can leave native state behind (seen as a
              // later SIGSEGV in the same process), and long-lived workers accumulate leaks: replace
              // the process after such a run, and after every `maxJobsPerWorker` runs.
              if (run.outcome === 'memory' || run.outcome === 'timeout' || worker.jobsDone >= this.maxJobsPerWorker) this.recycle(worker, run);
              else this.complete(worker, run);
            }
          });
          child.on('exit', (code, signal) => {
            clearTimeout(startup);
            reject(new Error(`the worker exited during start-up (${signal ?? `code ${code}`})`));
            if (worker.retired) return;
            const job = worker.job;
            if (job && !job.retried && !this.closed) {
              // Run it once more on a fresh process (first in line): the crash may be the grader's, not the code's.
              clearTimeout(job.timer);
              worker.job = null;
              const { timer: _timer, ...again } = job;
              this.queue.unshift({ ...again, retried: true });
              this.retriedCount++;
            }
            this.retire(worker, 'crashed', `the sandbox process died (${signal ?? `exit code ${code}`}) twice while running this code, most likely out of memory`);
          });
          child.on('error', () => {
            // 'exit' follows and does the cleanup.
          });
        }),
    );
    this.workers.add(worker);
    return worker;
  }

  private killSilent(worker: Worker): void {
    const job = worker.job;
    if (!job) return;
    this.retire(worker, 'timeout', `the sandbox did not answer within ${job.request.wallTimeMs + this.graceMs} ms; its process was killed`);
  }

  private complete(worker: Worker, run: PoolRun): void {
    const job = worker.job;
    if (!job) return;
    clearTimeout(job.timer);
    worker.job = null;
    if (worker.child) this.setReferenced(worker.child, false);
    job.resolve(run);
    if (!worker.retired) this.dispatch();
  }

  /** Completes the job with its real result, then replaces the worker (retired first, so no job is handed to it). */
  private recycle(worker: Worker, run: PoolRun): void {
    worker.retired = true;
    this.workers.delete(worker);
    this.complete(worker, run);
    const child = worker.child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    this.restartCount++;
    if (!this.closed) this.dispatch();
  }

  private fail(worker: Worker, outcome: SandboxRun['outcome'], detail: string): void {
    const job = worker.job;
    if (job) this.complete(worker, this.failure(job, outcome, detail));
  }

  /**
   * Removes a worker for good (killing its process) and fails its job, if any, with `outcome`; the
   * next dispatch spawns a replacement. The worker is marked retired before its job completes, so
   * completing cannot hand the next queued job to this dying worker.
   */
  private retire(worker: Worker, outcome: SandboxRun['outcome'], detail: string): void {
    if (worker.retired) return;
    worker.retired = true;
    this.workers.delete(worker);
    const child = worker.child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    this.fail(worker, outcome, detail);
    this.restartCount++;
    if (!this.closed) this.dispatch();
  }

  private failure(job: Job, outcome: SandboxRun['outcome'], detail: string): PoolRun {
    return { outcome, chunks: [], detail, runMs: 0, cpuMs: 0, queueMs: performance.now() - job.enqueuedMs };
  }

  /** Idle workers do not keep the parent process alive (CLI runs exit on their own). */
  private setReferenced(child: ChildProcess, referenced: boolean): void {
    const channel = child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
    if (referenced) {
      child.ref();
      channel?.ref?.();
    } else {
      child.unref();
      channel?.unref?.();
    }
  }
}
