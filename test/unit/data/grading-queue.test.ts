import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labRecords, type LabRecords } from '@/lib/labs/lab-records';
import { GradingWorker } from '@/lib/labs/grading-worker';
import type { Db, Viewer } from '@/lib/data/types';
import type { GradeResult } from '@/grader/results-schema';
import { createPgTestDb, createTestDb, makeUser, testDatabase } from './test-db';

// The grader workers' queue on the shared database (runs on SQLite in "unit" and on PostgreSQL in "data-pg"):
// claims never hand one job to two workers, leases expire and are re-queued, verdicts are fenced by the lease.

function verdict(status: GradeResult['status'], note = ''): GradeResult {
  return { status, labId: 'hello-counter', mode: 'hidden', sandbox: 'fake', message: note || undefined, tests: [{ name: 'a', status: status === 'pass' ? 'pass' : 'fail', durationMs: 1 }], timings: { transpileMs: 1, bundleMs: 1, queueMs: 0, runMs: 5, totalMs: 7 } };
}

let db: Db;
let db2: Db;
let cleanup: () => Promise<void>;
let recs: LabRecords;
let recs2: LabRecords;
let user: Viewer;
const started: GradingWorker[] = [];
/** Starts a worker that afterEach stops even when the test failed. */
function run(worker: GradingWorker): GradingWorker {
  started.push(worker);
  worker.start();
  return worker;
}

beforeEach(async () => {
  const test = createTestDb();
  db = test.db;
  user = await makeUser(db, 'worker-user'); // on PostgreSQL this first query creates the database
  // PostgreSQL: a second client, as a second machine would have. SQLite: one client (two better-sqlite3 connections in
  // one process block each other's event loop on a write lock); separate processes are covered by
  // test/unit/grader/worker-process.test.ts.
  const second = testDatabase === 'postgresql' ? createPgTestDb({ database: test.database }) : { db, cleanup: async () => undefined };
  db2 = second.db;
  cleanup = async () => {
    await Promise.all(started.splice(0).map((w) => w.stop(0)));
    if (db2 !== db) await db2.$disconnect();
    await second.cleanup();
    await test.cleanup();
  };
  recs = labRecords(db);
  recs2 = labRecords(db2);
});
afterEach(async () => {
  await cleanup();
});

async function queue(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await recs.createSubmission(user, 'hello-counter', `// ${i}`, new Date(Date.UTC(2026, 0, 1, 0, 0, i)))).id);
  return ids;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(20);
  }
}

describe(`grader worker claims on ${testDatabase}`, () => {
  it('two workers (two clients) claiming concurrently never get the same job, and every job is claimed', async () => {
    const ids = await queue(30);
    const claimed: string[] = [];
    const claimer = (r: LabRecords, worker: string) => async () => {
      for (;;) {
        const job = await r.claimNext(worker, 60_000);
        if (!job) return;
        claimed.push(job.id);
      }
    };
    await Promise.all([0, 1, 2].flatMap((i) => [claimer(recs, `a${i}`)(), claimer(recs2, `b${i}`)()]));
    expect(new Set(claimed).size).toBe(claimed.length);
    expect([...claimed].sort()).toEqual([...ids].sort());
    const rows = await db.labSubmission.findMany({ select: { status: true, attempts: true, leaseOwner: true, leaseExpiresAt: true } });
    for (const row of rows) expect(row).toMatchObject({ status: 'running', attempts: 1, leaseOwner: expect.any(String), leaseExpiresAt: expect.any(Date) });
  });

  it('claims the oldest queued job first and nothing when none is queued', async () => {
    const [first, second] = await queue(2);
    expect((await recs.claimNext('w', 1000))?.id).toBe(first);
    expect((await recs2.claimNext('w2', 1000))?.id).toBe(second);
    expect(await recs.claimNext('w', 1000)).toBeNull();
  });

  it('an expired lease is re-queued and graded by another worker; the stale worker’s late result is not recorded; a second recording is a no-op', async () => {
    const [id] = await queue(1);
    const t0 = new Date('2026-02-01T00:00:00Z');
    const a = await recs.claimNext('worker-a', 1_000, t0);
    expect(a?.id).toBe(id);
    expect(await recs.renewLease(id!, 'worker-a', 1_000, new Date(t0.getTime() + 500))).toBe(true); // now expires at t0+1500
    expect(await recs2.requeueExpired(new Date(t0.getTime() + 1_400))).toBe(0);
    expect(await recs2.requeueExpired(new Date(t0.getTime() + 1_600))).toBe(1); // worker-a died
    const b = await recs2.claimNext('worker-b', 60_000, new Date(t0.getTime() + 1_700));
    expect(b?.id).toBe(id);
    // worker-a wakes up: it cannot renew, record or hand back what it no longer holds
    expect(await recs.renewLease(id!, 'worker-a', 1_000)).toBe(false);
    expect(await recs.finishLeased(id!, 'worker-a', verdict('fail', 'stale'))).toBe(false);
    expect(await recs.releaseLease(id!, 'worker-a')).toBe(false);
    expect(await recs.finish(id!, verdict('fail', 'local queue'))).toBe(false); // the in-process queue's finish leaves leased rows alone
    expect(await recs2.finishLeased(id!, 'worker-b', verdict('pass'))).toBe(true);
    expect(await recs2.finishLeased(id!, 'worker-b', verdict('fail', 'twice'))).toBe(false);
    const row = await db.labSubmission.findUniqueOrThrow({ where: { id: id! } });
    expect(row).toMatchObject({ status: 'passed', attempts: 2, leaseOwner: null, leaseExpiresAt: null });
    expect(JSON.parse(row.results!).message).toBeUndefined();
  });

  it('requeueInterrupted (the one-machine recovery) leaves leased jobs to their lease', async () => {
    const [id] = await queue(1);
    await recs.claimNext('worker-a', 60_000, new Date('2026-02-01T00:00:00Z'));
    expect(await recs.requeueInterrupted(new Date('2026-03-01T00:00:00Z'))).toBe(0);
    expect((await db.labSubmission.findUniqueOrThrow({ where: { id: id! } })).status).toBe('running');
  });
});

describe(`grading progress on ${testDatabase}`, () => {
  it('is stored only while the job runs (under its lease when a worker names itself), read back parsed, and cleared by the verdict', async () => {
    const [id] = await queue(1);
    expect(await recs.setProgress(id!, { done: 1, total: 5 })).toBe(false); // still queued
    const job = (await recs.claimNext('w1', 60_000))!;
    expect(await recs2.setProgress(job.id, { done: 2, total: 5, current: 'b' }, 'w2')).toBe(false); // not w2's lease
    expect(await recs2.setProgress(job.id, { done: 2, total: 5, current: 'b' }, 'w1')).toBe(true);
    expect((await recs.getSubmission(user, job.id)).progress).toEqual({ done: 2, total: 5, current: 'b' });
    expect((await recs.statusesOf([job.id])).get(job.id)).toEqual({ status: 'running', done: 2 });
    expect(await recs.finishLeased(job.id, 'w1', verdict('pass'))).toBe(true);
    expect(await recs.setProgress(job.id, { done: 5, total: 5 })).toBe(false); // a late write never touches a verdict
    const finished = await recs.getSubmission(user, job.id);
    expect(finished.status).toBe('passed');
    expect(finished.progress).toBeNull();
    expect((await recs.statusesOf([job.id, 'missing'])).get(job.id)).toEqual({ status: 'passed', done: null });
  });

  it('a GradingWorker records progress reported by the grader while it grades', async () => {
    const [id] = await queue(1);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const grade = async (_request: unknown, onProgress?: (p: { done: number; total: number; current?: string }) => void) => {
      onProgress?.({ done: 3, total: 7, current: 'visible › counts once' });
      await gate;
      return verdict('pass');
    };
    run(new GradingWorker({ records: recs, grade, concurrency: 1, pollMs: 20, leaseMs: 5_000, log: () => undefined }));
    await until(async () => (await recs.getSubmission(user, id!)).progress?.done === 3);
    expect((await recs.getSubmission(user, id!)).progress).toEqual({ done: 3, total: 7, current: 'visible › counts once' });
    release();
    await until(async () => (await recs.getSubmission(user, id!)).status === 'passed');
    expect((await recs.getSubmission(user, id!)).progress).toBeNull();
  });
});

describe(`GradingWorker on ${testDatabase}`, () => {
  const quiet = () => undefined;

  it('two workers grade every queued job exactly once and record each verdict', async () => {
    const ids = await queue(12);
    const graded: string[] = [];
    const grade = async (request: { code: string }) => {
      graded.push(request.code);
      await sleep(15);
      return verdict('pass');
    };
    const workers = [
      new GradingWorker({ records: recs, grade, concurrency: 2, pollMs: 20, leaseMs: 5_000, log: quiet }),
      new GradingWorker({ records: recs2, grade, concurrency: 2, pollMs: 20, leaseMs: 5_000, log: quiet }),
    ];
    for (const w of workers) run(w);
    await until(async () => (await db.labSubmission.count({ where: { status: 'passed' } })) === ids.length);
    await Promise.all(workers.map((w) => w.stop(1_000)));
    expect(graded).toHaveLength(ids.length);
    expect(new Set(graded).size).toBe(ids.length);
    expect(workers[0]!.stats().recorded + workers[1]!.stats().recorded).toBe(ids.length);
  });

  it('a job whose worker died (lease not renewed) is re-queued and graded once by a live worker', async () => {
    const [id] = await queue(1);
    expect((await recs.claimNext('dead-worker', 150))?.id).toBe(id); // claimed, then the process "dies"
    const graded: string[] = [];
    const live = new GradingWorker({
      records: recs2,
      grade: async (r) => (graded.push(r.code), verdict('pass')),
      concurrency: 1,
      pollMs: 20,
      leaseMs: 2_000,
      renewEveryMs: 50,
      log: quiet,
    });
    run(live);
    await until(async () => (await db.labSubmission.findUniqueOrThrow({ where: { id: id! } })).status === 'passed');
    await live.stop(1_000);
    expect(graded).toHaveLength(1);
    expect(live.stats()).toMatchObject({ requeuedExpired: 1, recorded: 1 });
    expect(await db.labSubmission.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ attempts: 2, status: 'passed' });
  });

  it('renews the lease while a long job is graded, so nobody else takes it', async () => {
    const [id] = await queue(1);
    let release!: () => void;
    const worker = new GradingWorker({ records: recs, grade: () => new Promise((r) => (release = () => r(verdict('pass')))), concurrency: 1, pollMs: 20, leaseMs: 1_000, renewEveryMs: 100, log: quiet });
    run(worker);
    await until(async () => (await db.labSubmission.findUniqueOrThrow({ where: { id: id! } })).status === 'running');
    await sleep(2_500); // more than two leases long
    expect(await recs2.requeueExpired()).toBe(0);
    expect(await recs2.claimNext('other', 1_000)).toBeNull();
    release();
    await until(async () => (await db.labSubmission.findUniqueOrThrow({ where: { id: id! } })).status === 'passed');
    await worker.stop(1_000);
  });

  it('stop (SIGTERM): stops claiming, lets a quick job finish, hands a long one back queued and records nothing late', async () => {
    const [quick, slow, waiting] = await queue(3);
    let finishSlow!: () => void;
    const worker = new GradingWorker({
      records: recs,
      grade: (r) => (r.code === '// 1' ? new Promise((res) => (finishSlow = () => res(verdict('pass')))) : sleep(100).then(() => verdict('pass'))),
      concurrency: 2,
      pollMs: 20,
      leaseMs: 5_000,
      log: quiet,
    });
    run(worker);
    await until(async () => (await db.labSubmission.count({ where: { status: 'running' } })) === 2);
    const stopped = await worker.stop(400);
    expect(stopped).toEqual({ finished: 1, handedBack: 1 });
    const status = async (id: string) => (await db.labSubmission.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(quick!)).toBe('passed');
    expect(await status(slow!)).toBe('queued');
    expect(await status(waiting!)).toBe('queued'); // never claimed after the stop
    finishSlow();
    await sleep(50);
    expect(await status(slow!)).toBe('queued');
    const row = await db.labSubmission.findUniqueOrThrow({ where: { id: slow! } });
    expect(row).toMatchObject({ leaseOwner: null, leaseExpiresAt: null, startedAt: null });
  });
});
