import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxRequest } from '@/grader/sandbox/sandbox';
import { WorkerPool } from '@/grader/worker/worker-pool';
import { repoRootDir } from './fast-lab';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'grader-pool-'));
const pools: WorkerPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  rmSync(scratch, { recursive: true, force: true });
});

function fakeWorker(name: string, body: string): string {
  const file = path.join(scratch, `${name}.cjs`);
  writeFileSync(file, body);
  return file;
}

function pool(options: Partial<ConstructorParameters<typeof WorkerPool>[0]>): WorkerPool {
  const created = new WorkerPool({ size: 1, sandbox: 'isolated-vm', rootDir: repoRootDir, ...options });
  pools.push(created);
  return created;
}

const request = (script: string, wallTimeMs = 2_000): SandboxRequest => ({ script, entry: 'step', cpuTimeMs: wallTimeMs, wallTimeMs, memoryMb: 32, maxReportChars: 10_000 });

describe('WorkerPool', () => {
  it('kills a worker that stops answering, and replaces it', async () => {
    const silent = pool({ graceMs: 100, workerEntryPath: fakeWorker('silent', `process.send({ type: 'ready', sandbox: 'isolated-vm' }); process.on('message', () => {});`) });
    const run = await silent.run(request('', 200));
    expect(run.outcome).toBe('timeout');
    expect(run.detail).toMatch(/did not answer within 300 ms; its process was killed/);
    expect(silent.stats()).toMatchObject({ workers: 0, busy: 0, restarts: 1 });
    const again = await silent.run(request('', 200));
    expect(again.outcome).toBe('timeout');
    expect(silent.stats().restarts).toBe(2);
  });

  it('runs a job once more when its worker dies under it, and fails it cleanly after a second death', async () => {
    const dying = pool({ workerEntryPath: fakeWorker('dying', `process.send({ type: 'ready', sandbox: 'isolated-vm' }); process.on('message', () => process.exit(3));`) });
    const run = await dying.run(request(''));
    expect(run).toMatchObject({ outcome: 'crashed', chunks: [] });
    expect(run.detail).toMatch(/sandbox process died \(exit code 3\) twice/);
    expect(dying.stats()).toMatchObject({ retried: 1, restarts: 2 });
  });

  it('a worker that dies once (a crash of the grader, not of the code) does not fail the job', async () => {
    // The first process of this fake worker dies on its first job; its replacement answers.
    const marker = path.join(scratch, 'dies-once.marker');
    const flaky = pool({
      workerEntryPath: fakeWorker(
        'dies-once',
        `const fs = require('node:fs'); process.send({ type: 'ready', sandbox: 'isolated-vm' }); process.on('message', (m) => { if (!fs.existsSync(${JSON.stringify(marker)})) { fs.writeFileSync(${JSON.stringify(marker)}, 'x'); process.kill(process.pid, 'SIGSEGV'); return; } process.send({ type: 'result', jobId: m.jobId, run: { outcome: 'completed', chunks: ['ok'], runMs: 1, cpuMs: 1 } }); });`,
      ),
    });
    const run = await flaky.run(request(''));
    expect(run).toMatchObject({ outcome: 'completed', chunks: ['ok'] });
    expect(flaky.stats().retried).toBe(1);
  });

  it('a queued job never lands on the worker being replaced (it runs on the replacement)', async () => {
    const silent = pool({ graceMs: 100, workerEntryPath: fakeWorker('silent-queue', `process.send({ type: 'ready', sandbox: 'isolated-vm' }); process.on('message', () => {});`) });
    const [first, second] = await Promise.all([silent.run(request('', 200)), silent.run(request('', 200))]);
    expect(first.outcome).toBe('timeout');
    expect(second.outcome).toBe('timeout');
    expect(second.detail).toMatch(/did not answer within 300 ms/);
    expect(silent.stats().restarts).toBe(2);

    const dying = pool({ workerEntryPath: fakeWorker('dying-queue', `process.send({ type: 'ready', sandbox: 'isolated-vm' }); process.on('message', () => process.exit(3));`) });
    const runs = await Promise.all([dying.run(request('')), dying.run(request('')), dying.run(request(''))]);
    for (const run of runs) expect(run.detail).toMatch(/sandbox process died \(exit code 3\)/);
  });

  it('replaces a worker after a run stopped at its memory limit, and after maxJobsPerWorker runs', async () => {
    const body = (outcome: string) =>
      `process.send({ type: 'ready', sandbox: 'isolated-vm' }); process.on('message', (m) => process.send({ type: 'result', jobId: m.jobId, run: { outcome: '${outcome}', chunks: [], detail: 'pid ' + process.pid, runMs: 1 } }));`;
    const oom = pool({ size: 1, workerEntryPath: fakeWorker('oom', body('memory')) });
    const first = await oom.run(request(''));
    const second = await oom.run(request(''));
    expect(first.outcome).toBe('memory');
    expect(second.detail).not.toBe(first.detail);
    expect(oom.stats().restarts).toBe(2);

    const steady = pool({ size: 1, maxJobsPerWorker: 2, workerEntryPath: fakeWorker('steady', body('completed')) });
    const pids: string[] = [];
    for (let i = 0; i < 4; i++) pids.push((await steady.run(request(''))).detail ?? '');
    expect(pids[0]).toBe(pids[1]);
    expect(pids[2]).not.toBe(pids[1]);
    expect(pids[3]).toBe(pids[2]);
  });

  it('gives up on a worker that never says ready', async () => {
    const mute = pool({ startupTimeoutMs: 300, workerEntryPath: fakeWorker('mute', `setInterval(() => {}, 1000);`) });
    const run = await mute.run(request(''));
    expect(run.outcome).toBe('crashed');
    expect(run.detail).toMatch(/could not start a grader worker: no answer within 300 ms/);
  });

  it('runs jobs in parallel up to its size, and queues the rest in order', async () => {
    const busyScript = (label: string) => `let done = false; globalThis.step = () => { if (done) return null; const t = Date.now(); while (Date.now() - t < 300); done = true; return '${label}'; };`;
    const parallel = pool({ size: 2 });
    await parallel.warm();
    const pending = ['a', 'b', 'c', 'd'].map((label) => parallel.run(request(busyScript(label))));
    // Two run at once on the two warm workers; the other two wait in the queue.
    expect(parallel.stats()).toMatchObject({ workers: 2, busy: 2, queued: 2 });
    const runs = await Promise.all(pending);
    expect(runs.map((r) => r.chunks)).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(parallel.stats()).toMatchObject({ busy: 0, queued: 0 });
  });

  it('refuses work once closed', async () => {
    const closing = pool({});
    await closing.close();
    await expect(closing.run(request(''))).rejects.toThrow(/closed/);
  });
});
