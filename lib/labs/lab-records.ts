import 'server-only';
import { prisma } from '@/lib/db';
import { bumpActivity } from '@/lib/data/activity';
import { dbKind } from '@/lib/data/db-kind';
import { NotFoundError } from '@/lib/data/errors';
import { msg } from '@/lib/i18n/translate';
import type { Db, Viewer } from '@/lib/data/types';
import type { GradeResult } from '@/grader/results-schema';
import { parseProgress, type GradeProgress } from '@/grader/progress';

/**
 * Drafts and submissions: the one data-access module for the LabDraft and LabSubmission tables,
 * used by the workspace routes and the grading queue. Lab ids are checked by the caller against the
 * lab packages themselves (lib/labs/catalog.ts). Every learner-facing function is scoped to the
 * learner (someone else's id behaves like a missing one: test/unit/data/authorization.test.ts);
 * claim/finish/requeue are the queue's cross-learner operations: claim/finish for the web server's in-process queue
 * (GRADER=local), claimNext/renewLease/finishLeased/releaseLease/requeueExpired for grader workers (`npm run worker`,
 * lib/labs/grading-worker.ts), whose running jobs hold a lease.
 */

/** The PostgreSQL channel a web server NOTIFYs after queueing a submission; grader workers LISTEN on it. */
export const QUEUED_CHANNEL = 'lab_submission_queued';

export const SUBMISSION_STATUSES = ['queued', 'running', 'passed', 'failed', 'error'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export type DraftRecord = { labId: string; code: string; updatedAt: Date };

export interface SubmissionSummary {
  id: string;
  labId: string;
  status: SubmissionStatus;
  passedTests: number;
  totalTests: number;
  createdAt: Date;
  finishedAt: Date | null;
}

/** What the long-poll watcher compares: the status and, while running, how many tests have finished. */
export interface SubmissionState {
  status: SubmissionStatus;
  done: number | null;
}

export interface SubmissionRecord extends SubmissionSummary {
  code: string;
  /** While running: the tests finished so far (null before the first report and once there is a verdict). */
  progress: GradeProgress | null;
  results: GradeResult | null;
  seeds: number[] | null;
  transpileMs: number | null;
  runMs: number | null;
  startedAt: Date | null;
}

/** One submission as the grading queue sees it: whose it is and what to grade. */
export interface QueuedJob {
  id: string;
  userId: string;
  labId: string;
  code: string;
}

export interface LabState {
  labId: string;
  solved: boolean;
  attempts: number;
  lastStatus: SubmissionStatus | null;
  hasDraft: boolean;
}

type Row = {
  id: string;
  progress: string | null;
  labId: string;
  code: string;
  status: string;
  results: string | null;
  seeds: string | null;
  passedTests: number;
  totalTests: number;
  transpileMs: number | null;
  runMs: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

function toSummary(row: Pick<Row, 'id' | 'labId' | 'status' | 'passedTests' | 'totalTests' | 'createdAt' | 'finishedAt'>): SubmissionSummary {
  return {
    id: row.id,
    labId: row.labId,
    status: row.status as SubmissionStatus,
    passedTests: row.passedTests,
    totalTests: row.totalTests,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

function toRecord(row: Row): SubmissionRecord {
  return {
    ...toSummary(row),
    code: row.code,
    progress: row.status === 'running' ? parseProgress(parseJson(row.progress)) : null,
    results: parseJson<GradeResult>(row.results),
    seeds: parseJson<number[]>(row.seeds),
    transpileMs: row.transpileMs,
    runMs: row.runMs,
    startedAt: row.startedAt,
  };
}

/** The submission status a grader verdict maps to. */
export function statusForVerdict(status: GradeResult['status']): Exclude<SubmissionStatus, 'queued' | 'running'> {
  return status === 'pass' ? 'passed' : status === 'fail' ? 'failed' : 'error';
}

export function labRecords(db: Db) {
  return {
    async saveDraft(user: Viewer, labId: string, code: string): Promise<DraftRecord> {
      const row = await db.labDraft.upsert({
        where: { userId_labId: { userId: user.id, labId } },
        create: { userId: user.id, labId, code },
        update: { code },
      });
      return { labId: row.labId, code: row.code, updatedAt: row.updatedAt };
    },

    async getDraft(user: Viewer, labId: string): Promise<DraftRecord | null> {
      const row = await db.labDraft.findUnique({ where: { userId_labId: { userId: user.id, labId } } });
      return row ? { labId: row.labId, code: row.code, updatedAt: row.updatedAt } : null;
    },

    /**
     * Persists a submission as 'queued' (before any grading starts) and counts the day's lab activity. On PostgreSQL
     * it also NOTIFYs the grader workers (a wake-up only: they poll as well, so a lost notification delays, never loses).
     */
    async createSubmission(user: Viewer, labId: string, code: string, now = new Date()): Promise<SubmissionRecord> {
      const row = await db.labSubmission.create({ data: { userId: user.id, labId, code, status: 'queued', createdAt: now } });
      await bumpActivity(db, user.id, 'labs', now);
      if (dbKind(db) === 'postgresql') {
        try {
          await db.$executeRaw`SELECT pg_notify(${QUEUED_CHANNEL}, ${row.id})`;
        } catch (error) {
          console.error('[lab records] NOTIFY after queueing failed (workers will find it by polling)', error);
        }
      }
      return toRecord(row);
    },

    async getSubmission(user: Viewer, id: string): Promise<SubmissionRecord> {
      const row = await db.labSubmission.findFirst({ where: { id, userId: user.id } });
      if (!row) throw new NotFoundError(msg('labs.things.submission'));
      return toRecord(row);
    },

    /**
     * The status of each of these submissions (missing ids are absent), whoever they belong to: only for the
     * submission watcher (lib/labs/submission-watch.ts), which is given ids the route already checked.
     */
    async statusesOf(ids: readonly string[]): Promise<Map<string, SubmissionState>> {
      if (ids.length === 0) return new Map();
      const rows = await db.labSubmission.findMany({ where: { id: { in: [...ids] } }, select: { id: true, status: true, progress: true } });
      return new Map(rows.map((r) => [r.id, { status: r.status as SubmissionStatus, done: parseProgress(parseJson(r.progress))?.done ?? null }]));
    },

    /** Newest first. */
    async listSubmissions(user: Viewer, labId: string, limit = 30): Promise<SubmissionSummary[]> {
      const rows = await db.labSubmission.findMany({
        where: { userId: user.id, labId },
        orderBy: { createdAt: 'desc' },
        take: Math.min(Math.max(1, limit), 100),
        select: { id: true, labId: true, status: true, passedTests: true, totalTests: true, createdAt: true, finishedAt: true },
      });
      return rows.map(toSummary);
    },

    /** Per lab: solved (any passing submission), attempts, the latest status, whether a draft exists. */
    async labStates(user: Viewer): Promise<Map<string, LabState>> {
      const [submissions, drafts] = await Promise.all([
        db.labSubmission.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' }, select: { labId: true, status: true } }),
        db.labDraft.findMany({ where: { userId: user.id }, select: { labId: true } }),
      ]);
      const states = new Map<string, LabState>();
      const stateOf = (labId: string) => {
        let s = states.get(labId);
        if (!s) {
          s = { labId, solved: false, attempts: 0, lastStatus: null, hasDraft: false };
          states.set(labId, s);
        }
        return s;
      };
      for (const sub of submissions) {
        const s = stateOf(sub.labId);
        s.attempts++;
        s.lastStatus = sub.status as SubmissionStatus;
        if (sub.status === 'passed') s.solved = true;
      }
      for (const d of drafts) stateOf(d.labId).hasDraft = true;
      return states;
    },

    /** The learner a submission belongs to (the queue needs it to add review cards on failure). */
    async ownerOf(submissionId: string): Promise<Viewer | null> {
      const row = await db.labSubmission.findUnique({ where: { id: submissionId }, select: { user: { select: { id: true, isGuest: true, username: true, email: true, displayName: true } } } });
      return row?.user ?? null;
    },

    /**
     * Claims a queued submission for grading: queued → running in one conditional UPDATE, so two
     * graders (threads or processes sharing the database) never both get it. Null if someone else did.
     */
    async claim(submissionId: string, now = new Date()): Promise<QueuedJob | null> {
      const { count } = await db.labSubmission.updateMany({ where: { id: submissionId, status: 'queued' }, data: { status: 'running', startedAt: now } });
      if (count !== 1) return null;
      const row = await db.labSubmission.findUnique({ where: { id: submissionId }, select: { id: true, userId: true, labId: true, code: true } });
      return row;
    },

    /** Records the verdict of a running submission. Only a 'running' row is updated (a recovered or finished one is left alone). */
    async finish(submissionId: string, result: GradeResult, now = new Date()): Promise<boolean> {
      const { count } = await db.labSubmission.updateMany({ where: { id: submissionId, status: 'running', leaseOwner: null }, data: verdictData(result, now) });
      return count === 1;
    },

    /** Ids of queued submissions, oldest first (start-up, and rows another process queued). */
    async queuedIds(limit = 100): Promise<string[]> {
      const rows = await db.labSubmission.findMany({ where: { status: 'queued' }, orderBy: { createdAt: 'asc' }, take: limit, select: { id: true } });
      return rows.map((r) => r.id);
    },

    /** Submissions not yet graded (queued or running): of one learner, or of everyone when `user` is null. */
    async unfinishedCount(user: Viewer | null): Promise<number> {
      return db.labSubmission.count({ where: { status: { in: ['queued', 'running'] }, ...(user ? { userId: user.id } : {}) } });
    },

    /**
     * Puts submissions left 'running' by a crash or restart back in the queue. Only rows that started
     * before `startedBefore` are touched, so a submission another live process is grading is left alone.
     */
    async requeueInterrupted(startedBefore: Date): Promise<number> {
      const { count } = await db.labSubmission.updateMany({
        // Rows a grader worker holds are governed by their lease (requeueExpired), not by age.
        where: { status: 'running', leaseOwner: null, OR: [{ startedAt: null }, { startedAt: { lt: startedBefore } }] },
        data: { status: 'queued', startedAt: null, progress: null },
      });
      return count;
    },

    /**
     * A grader worker claims the oldest queued submission: queued → running with the worker's id as lease owner and a
     * lease expiring `leaseMs` from now. PostgreSQL: one UPDATE whose subquery picks the row with
     * FOR UPDATE SKIP LOCKED, so concurrent workers each get a different row and never wait for each other.
     * SQLite: the oldest queued id, then the conditional update claim() uses (a lost race tries the next one).
     * Null when nothing is queued.
     */
    async claimNext(workerId: string, leaseMs: number, now = new Date()): Promise<QueuedJob | null> {
      const expires = new Date(now.getTime() + leaseMs);
      if (dbKind(db) === 'postgresql') {
        const rows = await db.$queryRaw<QueuedJob[]>`
          UPDATE "LabSubmission" SET "status" = 'running', "startedAt" = ${now}, "leaseOwner" = ${workerId},
            "leaseExpiresAt" = ${expires}, "attempts" = "attempts" + 1
          WHERE "id" = (SELECT "id" FROM "LabSubmission" WHERE "status" = 'queued' ORDER BY "createdAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING "id", "userId", "labId", "code"`;
        return rows[0] ?? null;
      }
      for (let attempt = 0; attempt < 5; attempt++) {
        const next = await db.labSubmission.findFirst({ where: { status: 'queued' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
        if (!next) return null;
        const { count } = await db.labSubmission.updateMany({
          where: { id: next.id, status: 'queued' },
          data: { status: 'running', startedAt: now, leaseOwner: workerId, leaseExpiresAt: expires, attempts: { increment: 1 } },
        });
        if (count === 1) return db.labSubmission.findUnique({ where: { id: next.id }, select: { id: true, userId: true, labId: true, code: true } });
      }
      return null;
    },

    /** Extends the lease of a job this worker holds. False when it holds it no more (re-queued, or taken by another). */
    async renewLease(submissionId: string, workerId: string, leaseMs: number, now = new Date()): Promise<boolean> {
      const { count } = await db.labSubmission.updateMany({
        where: { id: submissionId, status: 'running', leaseOwner: workerId },
        data: { leaseExpiresAt: new Date(now.getTime() + leaseMs) },
      });
      return count === 1;
    },

    /**
     * Records the verdict of a job, fenced by its lease: only while the row is running under this worker's lease.
     * A stale worker (its lease expired and the job was re-queued or claimed by someone else) records nothing, and a
     * second recording of the same job is a no-op (the row is no longer running). True when this call recorded it.
     */
    async finishLeased(submissionId: string, workerId: string, result: GradeResult, now = new Date()): Promise<boolean> {
      const { count } = await db.labSubmission.updateMany({
        where: { id: submissionId, status: 'running', leaseOwner: workerId },
        data: { ...verdictData(result, now), leaseOwner: null, leaseExpiresAt: null },
      });
      return count === 1;
    },

    /**
     * Records how far a running job has got (the Submit panel's progress). Only while it is still running, so a late
     * write can never touch a verdict; with `workerId`, only under that worker's lease. False when nothing was updated.
     */
    async setProgress(submissionId: string, progress: GradeProgress, workerId?: string): Promise<boolean> {
      const { count } = await db.labSubmission.updateMany({
        where: { id: submissionId, status: 'running', ...(workerId === undefined ? {} : { leaseOwner: workerId }) },
        data: { progress: JSON.stringify(progress) },
      });
      return count === 1;
    },

    /** Hands a job back (graceful stop): running under this worker's lease → queued, for another worker. */
    async releaseLease(submissionId: string, workerId: string): Promise<boolean> {
      const { count } = await db.labSubmission.updateMany({
        where: { id: submissionId, status: 'running', leaseOwner: workerId },
        data: { status: 'queued', startedAt: null, leaseOwner: null, leaseExpiresAt: null, progress: null },
      });
      return count === 1;
    },

    /** Re-queues running jobs whose lease expired (their worker died or hung); returns how many. */
    async requeueExpired(now = new Date()): Promise<number> {
      const { count } = await db.labSubmission.updateMany({
        where: { status: 'running', leaseOwner: { not: null }, leaseExpiresAt: { lt: now } },
        data: { status: 'queued', startedAt: null, leaseOwner: null, leaseExpiresAt: null, progress: null },
      });
      return count;
    },
  };
}

/** The columns a verdict sets (shared by finish and finishLeased). */
function verdictData(result: GradeResult, now: Date) {
  const passed = result.tests.filter((t) => t.status === 'pass').length;
  const seeds = [...new Set(result.tests.flatMap((t) => (t.seed === undefined ? [] : [t.seed])))];
  return {
    status: statusForVerdict(result.status),
    results: JSON.stringify(result),
    seeds: JSON.stringify(seeds),
    passedTests: passed,
    totalTests: result.tests.length,
    transpileMs: Math.round(result.timings.transpileMs),
    runMs: Math.round(result.timings.runMs),
    finishedAt: now,
    progress: null,
  };
}

export type LabRecords = ReturnType<typeof labRecords>;

let defaultRecords: LabRecords | undefined;
/** The records on the app's database. */
export function records(): LabRecords {
  defaultRecords ??= labRecords(prisma);
  return defaultRecords;
}
