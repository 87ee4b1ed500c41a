import 'server-only';
import { z } from 'zod';
import { addLabFailureCards } from '@/lib/data/review';
import { LAB_IDS } from '@/lib/content/schema';
import type { LoginLimiter } from '@/lib/auth/login-limiter';
import { limiterFor } from '@/lib/auth/shared-limiter';
import { prisma } from '@/lib/db';
import { gradeSubmission } from '@/grader';
import { readGraderConfig } from '@/grader/config';
import { hardLimits, wallBackstopMs } from '@/grader/limits';
import { records } from './lab-records';
import { SubmissionQueue, type SubmissionQueueRecords } from './submission-queue';
import { SubmissionWatch } from './submission-watch';

/**
 * The process-wide grading queue and submission rate limit, kept on globalThis so that development
 * hot reloads do not start a second queue.
 *
 * GRADER picks who grades:
 *   local   (default) this web server grades the submissions it queues, in its own sandbox pool (one machine);
 *   remote  this web server only queues; grader workers (`npm run worker`, lib/labs/grading-worker.ts) claim and
 *           grade them from the shared database. On PostgreSQL the route's createSubmission NOTIFYs them.
 */

export type GraderMode = 'local' | 'remote';

export function graderMode(env: Record<string, string | undefined> = process.env): GraderMode {
  const value = (env.GRADER ?? '').trim().toLowerCase();
  if (value === '' || value === 'local') return 'local';
  if (value === 'remote') return 'remote';
  throw new Error(`GRADER must be "local" (grade in this web server) or "remote" (grader workers grade); got "${env.GRADER}"`);
}

/** What the routes use of a queue; SubmissionQueue in local mode, the no-op RemoteQueue in remote mode. */
export type GradingQueue = Pick<SubmissionQueue, 'enqueue' | 'has' | 'position' | 'stats' | 'sweep' | 'idle'>;

/** GRADER=remote: the web server grades nothing; the row is already queued in the database for the workers. */
export class RemoteQueue implements GradingQueue {
  enqueue(): void {}
  has(): boolean {
    return false;
  }
  position(): number | null {
    return null;
  }
  stats(): { pending: number; active: number } {
    return { pending: 0, active: 0 };
  }
  sweep(): Promise<void> {
    return Promise.resolve();
  }
  idle(): Promise<void> {
    return Promise.resolve();
  }
}

const catalogueLabs = new Set<string>(LAB_IDS);

function createQueue(): SubmissionQueue {
  // Every change this process makes to a submission wakes the long polls waiting on it at once (not at the watch's next interval).
  const base = records();
  const poke = () => submissionWatch().poke();
  const watched: SubmissionQueueRecords = {
    claim: async (id) => {
      const job = await base.claim(id);
      if (job) poke();
      return job;
    },
    finish: async (id, result) => {
      const recorded = await base.finish(id, result);
      poke();
      return recorded;
    },
    setProgress: async (id, progress) => {
      const written = await base.setProgress(id, progress);
      if (written) poke();
      return written;
    },
    queuedIds: () => base.queuedIds(),
    requeueInterrupted: (before) => base.requeueInterrupted(before),
    ownerOf: (id) => base.ownerOf(id),
  };
  const queue = new SubmissionQueue({
    records: watched,
    grade: (request, onProgress) => gradeSubmission(request, undefined, onProgress),
    // Review cards exist for the catalogue's labs only (lib/data/review.ts validates against LAB_IDS).
    onFailed: (user, labId, submissionId) => (catalogueLabs.has(labId) ? addLabFailureCards(user, labId, undefined, submissionId) : Promise.resolve()),
    concurrency: readGraderConfig().poolSize,
    // Longer than any grading can take: the hard limit's wall-clock backstop, the pool's grace and queueing slack.
    staleRunningMs: wallBackstopMs(hardLimits.cpuTimeMs) * 2,
  });
  void queue.sweep(true);
  return queue;
}

const store = globalThis as unknown as { __labSubmissionQueue?: GradingQueue; __labSubmitBuckets?: LoginLimiter; __labRecoveryTimer?: NodeJS.Timeout };

export function submissionQueue(): GradingQueue {
  store.__labSubmissionQueue ??= graderMode() === 'remote' ? new RemoteQueue() : createQueue();
  return store.__labSubmissionQueue;
}

/** The process's long-poll watcher (lib/labs/submission-watch.ts): one status query per interval for every waiting browser. */
export function submissionWatch(): SubmissionWatch {
  watchStore.__labSubmissionWatch ??= new SubmissionWatch({
    statusesOf: (ids) => records().statusesOf(ids),
    positionOf: (id) => submissionQueue().position(id),
  });
  return watchStore.__labSubmissionWatch;
}
const watchStore = globalThis as unknown as { __labSubmissionWatch?: SubmissionWatch };

const capsSchema = z.object({
  GRADER_MAX_PENDING_PER_LEARNER: z.coerce.number().int().min(1).max(100).default(2),
  GRADER_MAX_PENDING_TOTAL: z.coerce.number().int().min(1).max(100_000).default(100),
});

/**
 * Caps on submissions waiting or being graded, read once from the environment:
 *   GRADER_MAX_PENDING_PER_LEARNER  one learner's queued + running submissions (default 2: one graded, one waiting)
 *   GRADER_MAX_PENDING_TOTAL        everyone's queued + running submissions (default 100); past it, 503 with Retry-After
 */
export function submissionCaps(env: Record<string, string | undefined> = process.env): { perLearner: number; total: number } {
  const parsed = capsSchema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid grader environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { perLearner: parsed.data.GRADER_MAX_PENDING_PER_LEARNER, total: parsed.data.GRADER_MAX_PENDING_TOTAL };
}

/**
 * Recovery without waiting for a learner's poll: once when the server starts (instrumentation.ts),
 * every 'running' row claimed before this process started is re-queued (with the default SQLite
 * database one server process grades, so nothing else can be grading it) and every queued row is
 * picked up; then, while work is pending, a sweep every few seconds re-queues rows left running past
 * any possible grading time. The timer does not keep the process alive.
 */
export function startGradingRecovery(intervalMs = 5_000): void {
  if (store.__labRecoveryTimer) return;
  // With GRADER=remote the workers recover their own jobs (expired leases); this server grades nothing.
  if (graderMode() === 'remote') return;
  const bootedAt = new Date(Date.now() - Math.round(performance.now()));
  const queue = submissionQueue();
  void records()
    .requeueInterrupted(bootedAt)
    .then((count) => {
      if (count > 0) console.log(`[submission queue] re-queued ${count} submission(s) interrupted by the last shutdown`);
    })
    .catch((error: unknown) => console.error('[submission queue] recovery at start failed', error))
    .finally(() => void queue.sweep(true));
  store.__labRecoveryTimer = setInterval(() => {
    const { pending, active } = queue.stats();
    if (pending + active > 0) void queue.sweep(true);
  }, intervalMs);
  store.__labRecoveryTimer.unref();
}

/**
 * Submissions per learner go through the project's token bucket (the adapter lib/auth uses for
 * logins): a burst of 5, then one every 6 seconds. Shared by every web server on PostgreSQL
 * (lib/auth/shared-limiter.ts), per process on SQLite; await its take().
 */
export function submitLimiter(): LoginLimiter {
  store.__labSubmitBuckets ??= limiterFor(prisma, 'lab-submit', { capacity: 5, refillTokens: 1, refillIntervalMs: 6_000 });
  return store.__labSubmitBuckets;
}
