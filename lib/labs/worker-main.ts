import 'server-only';
import { z } from 'zod';
import { gradeSubmission, shutdownGrader } from '@/grader';
import { readGraderConfig } from '@/grader/config';
import { LAB_IDS } from '@/lib/content/schema';
import { prisma } from '@/lib/db';
import { addLabFailureCards } from '@/lib/data/review';
import { databaseKind, databaseUrl, redactedUrl } from '../../scripts/db-url.mjs';
import { GradingWorker } from './grading-worker';
import { records } from './lab-records';
import { listenForQueued } from './queue-listener';

/**
 * `npm run worker` (scripts/worker.mjs): one grader worker process on DATABASE_URL. Settings (environment):
 *   GRADER_WORKER_CONCURRENCY  jobs graded at once (default GRADER_POOL_SIZE's value: one per sandbox process)
 *   GRADER_LEASE_MS            lease of a running job, renewed every third of it (default 30000)
 *   GRADER_POLL_MS             polling interval, the fallback to LISTEN/NOTIFY (default 2000)
 *   GRADER_STOP_GRACE_MS       on SIGTERM/SIGINT, how long running jobs may finish before they are handed back (default 20000)
 *   GRADER_WORKER_ID           this worker's id in leases (default host:pid:random)
 * plus the grader's own (GRADER_POOL_SIZE, GRADER_SANDBOX, GRADER_LABS_DIR; grader/config.ts).
 */
const envSchema = z.object({
  GRADER_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  GRADER_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  GRADER_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(2_000),
  GRADER_STOP_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  GRADER_WORKER_ID: z.string().min(1).max(200).optional(),
});

const catalogueLabs = new Set<string>(LAB_IDS);

export async function runWorker(env: Record<string, string | undefined> = process.env): Promise<void> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid worker environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const settings = parsed.data;
  const grader = readGraderConfig(env);
  const url = databaseUrl(env);
  const log = (message: string, error?: unknown) => console.error(`[grader worker] ${message}`, error ?? '');
  const worker = new GradingWorker({
    records: records(),
    grade: (request, onProgress) => gradeSubmission(request, undefined, onProgress),
    onFailed: (user, labId, submissionId) => (catalogueLabs.has(labId) ? addLabFailureCards(user, labId, undefined, submissionId) : Promise.resolve()),
    concurrency: settings.GRADER_WORKER_CONCURRENCY ?? grader.poolSize,
    leaseMs: settings.GRADER_LEASE_MS,
    pollMs: settings.GRADER_POLL_MS,
    ...(settings.GRADER_WORKER_ID ? { workerId: settings.GRADER_WORKER_ID } : {}),
    log,
  });
  const listener = databaseKind(url) === 'postgresql' ? listenForQueued(url, () => worker.wake(), log) : null;
  worker.start();
  console.log(
    `[grader worker] ${worker.workerId} grading from ${redactedUrl(url)} (${databaseKind(url)}${listener ? ', LISTEN/NOTIFY' : ''} + polling every ${settings.GRADER_POLL_MS} ms), pool ${grader.poolSize} × ${grader.sandbox}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[grader worker] ${signal}: no more claims; waiting up to ${settings.GRADER_STOP_GRACE_MS} ms for running jobs`);
    let code = 0;
    try {
      const { finished, handedBack } = await worker.stop(settings.GRADER_STOP_GRACE_MS);
      console.log(`[grader worker] stopped: ${finished} finished, ${handedBack} handed back; ${JSON.stringify(worker.stats())}`);
    } catch (error) {
      log('stopping failed', error);
      code = 1;
    }
    await listener?.close();
    await shutdownGrader().catch((error: unknown) => log('closing the sandbox pool failed', error));
    await prisma.$disconnect().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
