import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, makeUser } from '../data/test-db';
import { labRecords, type LabRecords } from '@/lib/labs/lab-records';
import { SubmissionQueue, graderFailure } from '@/lib/labs/submission-queue';
import type { Db, Viewer } from '@/lib/data/types';
import type { GradeRequest } from '@/grader/grade-submission';
import type { GradeResult } from '@/grader/results-schema';

function verdict(labId: string, status: GradeResult['status'], tests: GradeResult['tests']): GradeResult {
  return { status, labId, mode: 'hidden', sandbox: 'fake', tests, timings: { transpileMs: 3.4, bundleMs: 10, queueMs: 0, runMs: 120.6, totalMs: 140 } };
}

const failing = verdict('hello-counter', 'fail', [
  { name: 'a', status: 'pass', durationMs: 1 },
  { name: 'b [seed 7]', status: 'fail', seed: 7, message: 'expected 3 to be 4', durationMs: 2, metrics: { messagesDelivered: 40 }, trace: '["step 1"]' },
  { name: 'b [seed 8]', status: 'pass', seed: 8, durationMs: 2 },
]);

let db: Db;
let cleanup: () => Promise<void>;
let recs: LabRecords;
let user: Viewer;
beforeEach(async () => {
  ({ db, cleanup } = createTestDb());
  recs = labRecords(db);
  user = await makeUser(db, 'queue-user');
});
afterEach(async () => {
  await cleanup();
});

describe('SubmissionQueue', () => {
  it('claims, grades off the request and records the verdict with seeds and timings; failures trigger the hook', async () => {
    const graded: GradeRequest[] = [];
    const failedHooks: string[] = [];
    const queue = new SubmissionQueue({
      records: recs,
      grade: async (request) => {
        graded.push(request);
        const row = await db.labSubmission.findUniqueOrThrow({ where: { id: sub.id } });
        expect(row.status).toBe('running');
        expect(row.startedAt).not.toBeNull();
        return failing;
      },
      onFailed: async (owner, labId) => void failedHooks.push(`${owner.id}:${labId}`),
      concurrency: 1,
      log: () => undefined,
    });
    const sub = await recs.createSubmission(user, 'hello-counter', 'export class Counter {}');
    expect(sub.status).toBe('queued');
    queue.enqueue(sub.id);
    await queue.idle();
    expect(graded).toEqual([{ labId: 'hello-counter', code: 'export class Counter {}', mode: 'hidden' }]);
    const done = await recs.getSubmission(user, sub.id);
    expect(done.status).toBe('failed');
    expect(done.passedTests).toBe(2);
    expect(done.totalTests).toBe(3);
    expect(done.seeds).toEqual([7, 8]);
    expect(done.transpileMs).toBe(3);
    expect(done.runMs).toBe(121);
    expect(done.results?.tests[1]).toMatchObject({ seed: 7, metrics: { messagesDelivered: 40 }, trace: '["step 1"]' });
    expect(done.finishedAt).not.toBeNull();
    expect(failedHooks).toEqual([`${user.id}:hello-counter`]);
  });

  it('a passing submission marks the lab solved; errors do not call the failure hook', async () => {
    let next: GradeResult = verdict('hello-counter', 'pass', [{ name: 'a', status: 'pass', durationMs: 1 }]);
    const hooks: string[] = [];
    const queue = new SubmissionQueue({ records: recs, grade: async () => next, onFailed: async (_u, l) => void hooks.push(l), concurrency: 2, log: () => undefined });
    const a = await recs.createSubmission(user, 'hello-counter', 'x');
    queue.enqueue(a.id);
    await queue.idle();
    next = verdict('hello-counter', 'error', []);
    const b = await recs.createSubmission(user, 'hello-counter', 'y');
    queue.enqueue(b.id);
    await queue.idle();
    expect((await recs.getSubmission(user, a.id)).status).toBe('passed');
    expect((await recs.getSubmission(user, b.id)).status).toBe('error');
    expect(hooks).toEqual([]);
    const states = await recs.labStates(user);
    expect(states.get('hello-counter')).toMatchObject({ solved: true, attempts: 2, lastStatus: 'error' });
  });

  it('a grader that throws ends the submission in error with the reason, never left running', async () => {
    const queue = new SubmissionQueue({ records: recs, grade: async () => { throw new Error('pool is closed'); }, concurrency: 1, log: () => undefined });
    const sub = await recs.createSubmission(user, 'hello-counter', 'x');
    queue.enqueue(sub.id);
    await queue.idle();
    const done = await recs.getSubmission(user, sub.id);
    expect(done.status).toBe('error');
    expect(done.results?.message).toMatch(/pool is closed/);
  });

  it('never grades a submission twice, even with two queues (two processes) on one database', async () => {
    let calls = 0;
    const grade = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return verdict('hello-counter', 'pass', [{ name: 'a', status: 'pass', durationMs: 1 }]);
    };
    const q1 = new SubmissionQueue({ records: recs, grade, concurrency: 2, log: () => undefined });
    const q2 = new SubmissionQueue({ records: labRecords(db), grade, concurrency: 2, log: () => undefined });
    const subs = await Promise.all([1, 2, 3, 4].map((i) => recs.createSubmission(user, 'hello-counter', `v${i}`)));
    for (const s of subs) {
      q1.enqueue(s.id);
      q2.enqueue(s.id);
      q1.enqueue(s.id); // duplicates in one queue are ignored too
    }
    await Promise.all([q1.idle(), q2.idle()]);
    expect(calls).toBe(4);
    for (const s of subs) expect((await recs.getSubmission(user, s.id)).status).toBe('passed');
  });

  it('respects its concurrency', async () => {
    let running = 0;
    let peak = 0;
    const grade = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 15));
      running--;
      return verdict('hello-counter', 'pass', [{ name: 'a', status: 'pass', durationMs: 1 }]);
    };
    const queue = new SubmissionQueue({ records: recs, grade, concurrency: 2, log: () => undefined });
    for (let i = 0; i < 6; i++) queue.enqueue((await recs.createSubmission(user, 'hello-counter', `v${i}`)).id);
    expect(queue.stats().active).toBeLessThanOrEqual(2);
    await queue.idle();
    expect(peak).toBe(2);
  });

  it('after a crash, sweep() re-queues stale running rows and picks up queued ones; fresh running rows are left to their grader', async () => {
    const now = Date.UTC(2026, 0, 1, 12);
    const stale = await recs.createSubmission(user, 'hello-counter', 'stale');
    const fresh = await recs.createSubmission(user, 'hello-counter', 'fresh');
    const waiting = await recs.createSubmission(user, 'hello-counter', 'waiting');
    await db.labSubmission.update({ where: { id: stale.id }, data: { status: 'running', startedAt: new Date(now - 10 * 60_000) } });
    await db.labSubmission.update({ where: { id: fresh.id }, data: { status: 'running', startedAt: new Date(now - 5_000) } });
    const graded: string[] = [];
    const queue = new SubmissionQueue({
      records: recs,
      grade: async (r) => {
        graded.push(r.code);
        return verdict('hello-counter', 'pass', [{ name: 'a', status: 'pass', durationMs: 1 }]);
      },
      concurrency: 1,
      staleRunningMs: 60_000,
      now: () => now,
      log: () => undefined,
    });
    await queue.sweep(true);
    await queue.idle();
    expect(graded.sort()).toEqual(['stale', 'waiting']);
    expect((await recs.getSubmission(user, fresh.id)).status).toBe('running');
    expect((await recs.getSubmission(user, waiting.id)).status).toBe('passed');
    // Throttled: a second sweep right away does nothing.
    await db.labSubmission.update({ where: { id: fresh.id }, data: { status: 'queued' } });
    await queue.sweep();
    await queue.idle();
    expect(graded).toHaveLength(2);
    await queue.sweep(true);
    await queue.idle();
    expect(graded).toHaveLength(3);
  });

  it('a finished submission is not overwritten by a late verdict', async () => {
    const sub = await recs.createSubmission(user, 'hello-counter', 'x');
    expect(await recs.claim(sub.id)).toMatchObject({ id: sub.id, userId: user.id, labId: 'hello-counter', code: 'x' });
    expect(await recs.claim(sub.id)).toBeNull();
    expect(await recs.finish(sub.id, verdict('hello-counter', 'pass', []))).toBe(true);
    expect(await recs.finish(sub.id, verdict('hello-counter', 'fail', []))).toBe(false);
    expect((await recs.getSubmission(user, sub.id)).status).toBe('passed');
  });

  it('graderFailure is a valid error verdict', () => {
    expect(graderFailure('hello-counter', new Error('boom'))).toMatchObject({ status: 'error', errorKind: 'crash', tests: [] });
  });
});

describe('lab records are scoped to their learner', () => {
  it('someone else’s submission behaves like a missing one; drafts are per learner', async () => {
    const other = await makeUser(db, 'other-user');
    const sub = await recs.createSubmission(user, 'hello-counter', 'mine');
    await expect(recs.getSubmission(other, sub.id)).rejects.toThrow(/not found/);
    expect(await recs.listSubmissions(other, 'hello-counter')).toEqual([]);
    await recs.saveDraft(user, 'hello-counter', 'draft 1');
    await recs.saveDraft(user, 'hello-counter', 'draft 2');
    expect((await recs.getDraft(user, 'hello-counter'))?.code).toBe('draft 2');
    expect(await recs.getDraft(other, 'hello-counter')).toBeNull();
    expect(await recs.ownerOf(sub.id)).toMatchObject({ id: user.id });
  });
});
