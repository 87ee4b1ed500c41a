import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labRecords } from '@/lib/labs/lab-records';
import { createTestDb, makeUser, testDatabase } from './test-db';

// Two `npm run worker` processes on one PostgreSQL database, polling only every 10 minutes: submissions queued after
// they start are found through LISTEN/NOTIFY, each graded once, and both workers exit 0 on SIGTERM.
// (On SQLite, test/unit/grader/worker-process.test.ts runs one worker process.)

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

describe.runIf(testDatabase === 'postgresql')('grader worker processes on PostgreSQL', () => {
  it('two workers woken by NOTIFY grade every submission once; SIGTERM stops both with exit 0', async () => {
    const { db, url, cleanup } = createTestDb();
    try {
      const user = await makeUser(db, 'two-workers');
      const outputs: string[] = ['', ''];
      const exits = [0, 1].map((i) => {
        const child = spawn('npm', ['run', '--silent', 'worker'], {
          env: { ...process.env, DATABASE_URL: url, GRADER_POOL_SIZE: '1', GRADER_POLL_MS: '600000', GRADER_WORKER_ID: `w${i}`, NODE_ENV: 'production' },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        });
        children.push(child);
        child.stdout!.on('data', (d) => (outputs[i] += d));
        child.stderr!.on('data', (d) => (outputs[i] += d));
        return new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
      });
      const ready = Date.now() + 60_000;
      while (!outputs.every((o) => o.includes('LISTEN/NOTIFY')) && Date.now() < ready) await new Promise((r) => setTimeout(r, 100));
      expect(outputs.every((o) => o.includes('LISTEN/NOTIFY')), outputs.join('\n')).toBe(true);
      await new Promise((r) => setTimeout(r, 1_000)); // both LISTENs established

      const code = fs.readFileSync(path.resolve('labs/hello-counter/.meta/reference.ts'), 'utf8');
      const records = labRecords(db);
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await records.createSubmission(user, 'hello-counter', code)).id);

      const end = Date.now() + 120_000;
      let rows = await db.labSubmission.findMany({ where: { id: { in: ids } } });
      while (rows.some((r) => r.status === 'queued' || r.status === 'running') && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 200));
        rows = await db.labSubmission.findMany({ where: { id: { in: ids } } });
      }
      expect(rows.map((r) => [r.status, r.attempts]), outputs.join('\n')).toEqual(ids.map(() => ['passed', 1]));

      for (const child of children) child.kill('SIGTERM');
      expect(await Promise.all(exits)).toEqual([0, 0]);
      const recorded = outputs.map((o) => Number(/"recorded":(\d+)/.exec(o)?.[1] ?? NaN));
      expect(recorded[0]! + recorded[1]!).toBe(4);
    } finally {
      await cleanup();
    }
  }, 180_000);
});
