import { afterAll, describe, expect, it } from 'vitest';
import { sandboxKinds } from '@/grader/config';
import type { SandboxRequest } from '@/grader/sandbox/sandbox';
import { WorkerPool } from '@/grader/worker/worker-pool';
import { repoRootDir } from './fast-lab';

const pools = new Map(sandboxKinds.map((kind) => [kind, new WorkerPool({ size: 1, sandbox: kind, rootDir: repoRootDir })]));
afterAll(async () => {
  await Promise.all([...pools.values()].map((p) => p.close()));
});

const request = (script: string, overrides: Partial<SandboxRequest> = {}): SandboxRequest => ({ script, entry: 'step', cpuTimeMs: 1_000, wallTimeMs: 20_000, memoryMb: 32, maxReportChars: 1_000, ...overrides });
const steps = (body: string) => `let n = 0; globalThis.step = function () { ${body} };`;

describe('isolated-vm on a busy machine', () => {
  // The direct mode gives each synchronous call a wall-clock timeout equal to the CPU time left; a call that waits
  // past it without spending CPU (here Atomics.wait, standing in for a machine that gives the run less than a core)
  // must not be judged by the wall clock: the run starts again watched, and the verdict is the same as on an idle
  // machine, with every chunk reported once.
  it('starts again watched when a call times out on the wall clock with CPU time to spare', async () => {
    const pool = pools.get('isolated-vm')!;
    const script = steps(`n++; if (n === 1) return 'before'; if (n === 2) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600); return 'after'; } return null;`);
    const result = await pool.run(request(script, { cpuTimeMs: 300 }));
    expect(result).toMatchObject({ outcome: 'completed', chunks: ['before', 'after'] });
  });
});

describe.each(sandboxKinds)('%s sandbox', (kind) => {
  const run = (script: string, overrides?: Partial<SandboxRequest>) => pools.get(kind)!.run(request(script, overrides));

  it('calls the entry until it returns null, draining microtasks between calls', async () => {
    const result = await run(steps(`n++; if (n === 1) { Promise.resolve().then(() => { n = 10; }); return 'first'; } return n === 11 ? null : 'microtasks did not run';`));
    expect(result).toMatchObject({ outcome: 'completed', chunks: ['first'] });
  });

  it('has no host APIs', async () => {
    const result = await run(steps(`if (n++) return null; return [typeof process, typeof require, typeof fetch, typeof setTimeout].join(',');`));
    expect(result.chunks).toEqual(['undefined,undefined,undefined,undefined']);
  });

  it('stops an infinite loop at the CPU-time limit, keeping earlier chunks, and says it was CPU time', async () => {
    const result = await run(steps(`if (n++ === 0) return 'before'; for (;;) {}`), { cpuTimeMs: 300 });
    expect(result).toMatchObject({ outcome: 'timeout', chunks: ['before'], detail: 'the CPU time limit of 300 ms was exceeded' });
    // The limit is measured as CPU time, which the sandbox reports: it was spent, not merely waited for.
    expect(result.cpuMs).toBeGreaterThanOrEqual(300);
  });

  it('stops an endless microtask chain at the CPU-time limit', async () => {
    const result = await run(steps(`let spin = () => Promise.resolve().then(spin); spin(); return 'x';`), { cpuTimeMs: 300 });
    expect(['timeout', 'memory']).toContain(result.outcome);
  });

  it('has a wall-clock backstop, and says it is one', async () => {
    const result = await run(steps(`if (n++ === 0) return 'before'; for (;;) {}`), { cpuTimeMs: 10_000, wallTimeMs: 300 });
    expect(result.outcome).toBe('timeout');
    expect(result.detail).toMatch(/wall-clock time \(the backstop/);
  });

  it('reports the CPU time a completed run used', async () => {
    const result = await run(steps(`if (n++ === 0) { let x = 0; for (let i = 0; i < 2e6; i++) x += i; return String(x > 0); } return null;`));
    expect(result).toMatchObject({ outcome: 'completed', chunks: ['true'] });
    expect(result.cpuMs).toBeGreaterThan(0);
    expect(result.cpuMs).toBeLessThan(1_000);
  });

  it('enforces the memory limit', async () => {
    const result = await run(steps(`const keep = []; for (;;) keep.push(new Array(100000).fill(keep.length));`), { memoryMb: 16, cpuTimeMs: 5_000 });
    expect(result.outcome).toBe('memory');
  });

  it('stops a run that reports too much', async () => {
    const result = await run(steps(`return 'x'.repeat(600);`));
    expect(result.outcome).toBe('output-limit');
  });

  it('reports a script without the entry as crashed', async () => {
    const result = await run('globalThis.other = 1;');
    expect(result).toMatchObject({ outcome: 'crashed', detail: 'the script did not define step()' });
  });
});
