import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labRecords } from '@/lib/labs/lab-records';
import { createTestDb, makeUser } from '../data/test-db';

// `npm run worker` as an operator runs it: a separate process on a SQLite database with one queued submission of
// hello-counter's reference solution; it grades and records it (passed), and exits 0 on SIGTERM.

let child: ChildProcess | undefined;
const spawned: ChildProcess[] = [];
const test = createTestDb();
afterAll(async () => {
  for (const c of spawned) {
    if (c.exitCode === null && c.signalCode === null && c.pid) {
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  await test.cleanup();
});

function startWorker(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const c = spawn('npm', ['run', '--silent', 'worker'], {
    env: { ...process.env, DATABASE_URL: test.url, GRADER_POOL_SIZE: '1', GRADER_POLL_MS: '100', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so cleanup can stop npm and node together
  });
  spawned.push(c);
  c.stdout!.on('data', (d) => (output += d));
  c.stderr!.on('data', (d) => (output += d));
  return { child: c, output: () => output, exited: new Promise((resolve) => c.on('exit', (status) => resolve(status))) };
}

describe('npm run worker', () => {
  it('grades a queued submission from the database, records it passed, and exits 0 on SIGTERM', async () => {
    const { db } = test;
    const user = await makeUser(db, 'worker-process');
    const code = fs.readFileSync(path.resolve('labs/hello-counter/.meta/reference.ts'), 'utf8');
    const submission = await labRecords(db).createSubmission(user, 'hello-counter', code);

    const worker = startWorker({});
    child = worker.child;
    const { exited } = worker;

    const end = Date.now() + 90_000;
    let row = await db.labSubmission.findUniqueOrThrow({ where: { id: submission.id } });
    while ((row.status === 'queued' || row.status === 'running') && Date.now() < end && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 200));
      row = await db.labSubmission.findUniqueOrThrow({ where: { id: submission.id } });
    }
    expect({ status: row.status, output: worker.output() }).toMatchObject({ status: 'passed' });
    expect(row.passedTests).toBe(row.totalTests);
    expect(row.totalTests).toBeGreaterThan(0);
    expect(row).toMatchObject({ attempts: 1, leaseOwner: null });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(worker.output()).toContain('SIGTERM');
  }, 120_000);

  it('on SIGTERM hands a job still being graded back to the queue (GRADER_STOP_GRACE_MS=0) and exits 0', async () => {
    const { db } = test;
    const user = await makeUser(db, 'worker-stop');
    // Spins until the sandbox's CPU limit stops it: still running when the signal comes.
    const submission = await labRecords(db).createSubmission(user, 'hello-counter', 'for (;;) {}\nexport class Counter {}\n');
    const worker = startWorker({ GRADER_STOP_GRACE_MS: '0' });
    const end = Date.now() + 60_000;
    let row = await db.labSubmission.findUniqueOrThrow({ where: { id: submission.id } });
    while (row.status === 'queued' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      row = await db.labSubmission.findUniqueOrThrow({ where: { id: submission.id } });
    }
    expect(row.status, worker.output()).toBe('running');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('1 handed back');
    expect(await db.labSubmission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({ status: 'queued', leaseOwner: null, attempts: 1 });
  }, 120_000);
});
