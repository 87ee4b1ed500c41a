import 'server-only';
import { addLabFailureCards } from '@/lib/data/review';
import { LAB_IDS } from '@/lib/content/schema';
import { LoginBuckets } from '@/lib/auth/login-limiter';
import { gradeSubmission } from '@/grader';
import { readGraderConfig } from '@/grader/config';
import { hardLimits, wallBackstopMs } from '@/grader/limits';
import { records } from './lab-records';
import { SubmissionQueue } from './submission-queue';

/**
 * The process-wide grading queue and submission rate limit, kept on globalThis so that development
 * hot reloads do not start a second queue.
 */

const catalogueLabs = new Set<string>(LAB_IDS);

function createQueue(): SubmissionQueue {
  const queue = new SubmissionQueue({
    records: records(),
    grade: (request) => gradeSubmission(request),
    // Review cards exist for the catalogue's labs only (lib/data/review.ts validates against LAB_IDS).
    onFailed: (user, labId) => (catalogueLabs.has(labId) ? addLabFailureCards(user, labId) : Promise.resolve()),
    concurrency: readGraderConfig().poolSize,
    // Longer than any grading can take: the hard limit's wall-clock backstop, the pool's grace and queueing slack.
    staleRunningMs: wallBackstopMs(hardLimits.cpuTimeMs) * 2,
  });
  void queue.sweep(true);
  return queue;
}

const store = globalThis as unknown as { __labSubmissionQueue?: SubmissionQueue; __labSubmitBuckets?: LoginBuckets };

export function submissionQueue(): SubmissionQueue {
  store.__labSubmissionQueue ??= createQueue();
  return store.__labSubmissionQueue;
}

/**
 * Submissions per learner go through the project's token bucket (the adapter lib/auth uses for
 * logins): a burst of 5, then one every 6 seconds.
 */
export function submitLimiter(): LoginBuckets {
  store.__labSubmitBuckets ??= new LoginBuckets({ capacity: 5, refillTokens: 1, refillIntervalMs: 6_000 });
  return store.__labSubmitBuckets;
}
