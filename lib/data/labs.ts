import 'server-only';
import { z } from 'zod';
import { prisma } from '@/lib/db';
import { LAB_IDS } from '@/lib/content/schema';
import { bumpActivity } from './activity';
import { NotFoundError, parseInput } from './errors';
import type { Db, Viewer } from './types';

/**
 * Lab drafts and submissions. Every function takes the session's learner and touches only that
 * learner's rows: an id belonging to someone else behaves exactly like an id that does not exist.
 */

export const MAX_CODE_CHARS = 200_000;
const labId = z.enum(LAB_IDS, { error: 'unknown lab' });
const code = z.string().max(MAX_CODE_CHARS, `code is limited to ${MAX_CODE_CHARS.toLocaleString('en')} characters`);
const recordId = z.string().min(1).max(64);
export const SUBMISSION_STATUSES = ['queued', 'running', 'passed', 'failed', 'error'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export type Draft = { labId: string; code: string; updatedAt: Date };
export type Submission = {
  id: string;
  labId: string;
  code: string;
  status: SubmissionStatus;
  results: unknown;
  seeds: number[] | null;
  passedTests: number;
  totalTests: number;
  transpileMs: number | null;
  runMs: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

const resultSchema = z.strictObject({
  status: z.enum(SUBMISSION_STATUSES),
  results: z.unknown().optional(),
  seeds: z.array(z.number()).optional(),
  passedTests: z.int().min(0).optional(),
  totalTests: z.int().min(0).optional(),
  transpileMs: z.int().min(0).optional(),
  runMs: z.int().min(0).optional(),
});
export type SubmissionResult = z.input<typeof resultSchema>;

type Row = {
  id: string;
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

function toSubmission(row: Row): Submission {
  return {
    id: row.id,
    labId: row.labId,
    code: row.code,
    status: row.status as SubmissionStatus,
    results: row.results === null ? null : (JSON.parse(row.results) as unknown),
    seeds: row.seeds === null ? null : (JSON.parse(row.seeds) as number[]),
    passedTests: row.passedTests,
    totalTests: row.totalTests,
    transpileMs: row.transpileMs,
    runMs: row.runMs,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export function labsData(db: Db) {
  return {
    /** Creates or replaces the learner's working copy of a lab. */
    async saveDraft(user: Viewer, lab: string, source: string): Promise<Draft> {
      const l = parseInput(labId, lab);
      const c = parseInput(code, source);
      const row = await db.labDraft.upsert({
        where: { userId_labId: { userId: user.id, labId: l } },
        create: { userId: user.id, labId: l, code: c },
        update: { code: c },
      });
      return { labId: row.labId, code: row.code, updatedAt: row.updatedAt };
    },

    /** The learner's draft of a lab, or null if they have none. */
    async getDraft(user: Viewer, lab: string): Promise<Draft | null> {
      const l = parseInput(labId, lab);
      const row = await db.labDraft.findUnique({ where: { userId_labId: { userId: user.id, labId: l } } });
      return row ? { labId: row.labId, code: row.code, updatedAt: row.updatedAt } : null;
    },

    /** Queues a submission of `source` for grading; counts as lab activity for the day. */
    async createSubmission(user: Viewer, lab: string, source: string, now = new Date()): Promise<Submission> {
      const l = parseInput(labId, lab);
      const c = parseInput(code, source);
      const row = await db.labSubmission.create({ data: { userId: user.id, labId: l, code: c, status: 'queued', createdAt: now } });
      await bumpActivity(db, user.id, 'labs', now);
      return toSubmission(row);
    },

    /** One of the learner's submissions; NotFoundError if it does not exist or belongs to someone else. */
    async getSubmission(user: Viewer, id: string): Promise<Submission> {
      const row = await db.labSubmission.findFirst({ where: { id: parseInput(recordId, id), userId: user.id } });
      if (!row) throw new NotFoundError('submission');
      return toSubmission(row);
    },

    /** The learner's submissions, newest first, optionally for one lab. */
    async listSubmissions(user: Viewer, lab?: string, limit = 50): Promise<Submission[]> {
      const rows = await db.labSubmission.findMany({
        where: { userId: user.id, ...(lab === undefined ? {} : { labId: parseInput(labId, lab) }) },
        orderBy: { createdAt: 'desc' },
        take: Math.min(Math.max(1, limit), 200),
      });
      return rows.map(toSubmission);
    },

    /** Records the grader's verdict on the learner's submission; NotFoundError if it is not theirs. */
    async updateSubmissionResult(user: Viewer, id: string, result: SubmissionResult, now = new Date()): Promise<Submission> {
      const r = parseInput(resultSchema, result);
      const done = r.status === 'passed' || r.status === 'failed' || r.status === 'error';
      const { count } = await db.labSubmission.updateMany({
        where: { id: parseInput(recordId, id), userId: user.id },
        data: {
          status: r.status,
          ...(r.results !== undefined ? { results: JSON.stringify(r.results) } : {}),
          ...(r.seeds !== undefined ? { seeds: JSON.stringify(r.seeds) } : {}),
          ...(r.passedTests !== undefined ? { passedTests: r.passedTests } : {}),
          ...(r.totalTests !== undefined ? { totalTests: r.totalTests } : {}),
          ...(r.transpileMs !== undefined ? { transpileMs: r.transpileMs } : {}),
          ...(r.runMs !== undefined ? { runMs: r.runMs } : {}),
          ...(r.status === 'running' ? { startedAt: now } : {}),
          ...(done ? { finishedAt: now } : {}),
        },
      });
      if (count === 0) throw new NotFoundError('submission');
      const row = await db.labSubmission.findFirst({ where: { id, userId: user.id } });
      if (!row) throw new NotFoundError('submission');
      return toSubmission(row);
    },
  };
}
export type LabsData = ReturnType<typeof labsData>;

const labs = labsData(prisma);
export const { saveDraft, getDraft, createSubmission, getSubmission, listSubmissions, updateSubmissionResult } = labs;
