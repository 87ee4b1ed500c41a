import { afterAll, describe, expect, it } from 'vitest';
import { gradeSubmission, type GraderDeps } from '@/grader/grade-submission';
import { loadPrivateLab } from '@/grader/lab-loader';
import { gradeResultSchema } from '@/grader/results-schema';
import { WorkerPool } from '@/grader/worker/worker-pool';
import { readLabFile, repoLabsDir, repoRootDir } from './fast-lab';

const isolatedVm = new WorkerPool({ size: 2, sandbox: 'isolated-vm', rootDir: repoRootDir });
const quickjs = new WorkerPool({ size: 1, sandbox: 'quickjs', rootDir: repoRootDir });
const deps: GraderDeps = { pool: isolatedVm, labsDir: repoLabsDir };
afterAll(async () => {
  await Promise.all([isolatedVm.close(), quickjs.close()]);
});

describe('hello-counter: the lab package contract', () => {
  it('the reference passes every hidden and visible test, with seeds and metrics reported', async () => {
    const visible = await gradeSubmission({ labId: 'hello-counter', code: readLabFile('.meta/reference.ts'), mode: 'visible' }, deps);
    expect(visible.status).toBe('pass');
    expect(visible.tests.map((t) => t.stage)).toEqual(['apply', 'dedup']);
    const hidden = await gradeSubmission({ labId: 'hello-counter', code: readLabFile('.meta/reference.ts'), mode: 'hidden' }, deps);
    expect(gradeResultSchema.parse(hidden)).toEqual(hidden);
    expect(hidden.status).toBe('pass');
    // The hidden run starts with every visible test, then its own.
    expect(hidden.tests.slice(0, visible.tests.length).map((t) => t.name)).toEqual(visible.tests.map((t) => `visible › ${t.name}`));
    expect(hidden.tests.length).toBeGreaterThan(visible.tests.length + 10);
    const seeded = hidden.tests.filter((t) => t.seed !== undefined);
    expect(new Set(seeded.map((t) => t.seed)).size).toBeGreaterThanOrEqual(8);
    expect(seeded.some((t) => (t.metrics?.messagesDelivered ?? 0) > 100)).toBe(true);
    expect(hidden.tests.every((t) => t.trace === undefined)).toBe(true);
    expect(hidden.timings.cpuMs).toBeGreaterThan(0);
  });

  it('reports progress while the hidden suite runs: the plan first, then finished tests, never past the total', async () => {
    const seen: { done: number; total: number; current?: string }[] = [];
    const hidden = await gradeSubmission({ labId: 'hello-counter', code: readLabFile('.meta/reference.ts'), mode: 'hidden' }, deps, (p) => seen.push(p));
    expect(hidden.status).toBe('pass');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ done: 0, total: hidden.tests.length, current: hidden.tests[0]!.name });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(seen.every((p) => p.total === hidden.tests.length && p.done <= p.total)).toBe(true);
    // Without a listener the worker is not asked for progress at all.
    expect((await gradeSubmission({ labId: 'hello-counter', code: readLabFile('.meta/reference.ts'), mode: 'visible' }, deps)).status).toBe('pass');
  });

  it('the starter compiles but fails every hidden test, naming what is left to do', async () => {
    const result = await gradeSubmission({ labId: 'hello-counter', code: readLabFile('starter.ts'), mode: 'hidden' }, deps);
    expect(result.status).toBe('fail');
    expect(result.tests.filter((t) => t.status === 'pass')).toEqual([]);
    expect(result.tests.some((t) => /TODO/.test(t.message ?? ''))).toBe(true);
  });

  it('a wrong solution fails with a failing seed and a trace that replays it exactly', async () => {
    const code = readLabFile('.meta/mutants/reapplies-stale-duplicates.ts');
    const result = await gradeSubmission({ labId: 'hello-counter', code, mode: 'hidden' }, deps);
    expect(result.status).toBe('fail');
    const seeded = result.tests.find((t) => t.seed !== undefined && t.status === 'fail' && t.trace !== undefined);
    expect(seeded?.message).toMatch(/expected -?\d+ to be -?\d+|expected/);
    expect(seeded?.trace).toMatch(/^\["step \d+: client-\d#1/);
    const replay = await gradeSubmission({ labId: 'hello-counter', code, mode: 'hidden', only: seeded!.name }, deps);
    expect(replay.tests).toHaveLength(1);
    expect({ ...replay.tests[0], durationMs: 0 }).toEqual({ ...seeded, durationMs: 0 });
  });

  it('every mutant fails at least one hidden test', async () => {
    const lab = await loadPrivateLab(repoLabsDir, 'hello-counter');
    const results = await Promise.all(lab.mutants.map((m) => gradeSubmission({ labId: 'hello-counter', code: m.source, mode: 'hidden' }, deps)));
    for (const [i, result] of results.entries()) {
      expect(result.status, lab.mutants[i]!.name).toBe('fail');
    }
  });

  it('QuickJS gives the same verdicts as isolated-vm', async () => {
    const qdeps: GraderDeps = { pool: quickjs, labsDir: repoLabsDir };
    const reference = await gradeSubmission({ labId: 'hello-counter', code: readLabFile('.meta/reference.ts'), mode: 'hidden' }, qdeps);
    expect(reference.sandbox).toBe('quickjs');
    expect(reference.status).toBe('pass');
    const mutant = readLabFile('.meta/mutants/reapplies-stale-duplicates.ts');
    const [q, v] = await Promise.all([gradeSubmission({ labId: 'hello-counter', code: mutant, mode: 'hidden' }, qdeps), gradeSubmission({ labId: 'hello-counter', code: mutant, mode: 'hidden' }, deps)]);
    expect(q.tests.map((t) => [t.name, t.status, t.message])).toEqual(v.tests.map((t) => [t.name, t.status, t.message]));
  });

  it('compile errors come back located in the learner file, before anything runs', async () => {
    const result = await gradeSubmission({ labId: 'hello-counter', code: 'export class Counter {\n  apply( {\n}\n', mode: 'hidden' }, deps);
    expect(result).toMatchObject({ status: 'error', errorKind: 'compile', tests: [] });
    expect(result.diagnostics?.[0]).toMatchObject({ file: 'solution.ts', line: 4 });
    expect(result.message).toMatch(/^Your code does not compile:\nsolution\.ts:4:1: /);
    expect(result.timings.runMs).toBe(0);
  });

  it('refuses code over the lab size limit without compiling it', async () => {
    const result = await gradeSubmission({ labId: 'hello-counter', code: `// ${'x'.repeat(33 * 1024)}`, mode: 'hidden' }, deps);
    expect(result).toMatchObject({ status: 'error', errorKind: 'code-size' });
    expect(result.message).toMatch(/the limit for this lab is 32 KB/);
  });

  it('a learner module missing the export the tests import is a compile error of the learner, not of the lab', async () => {
    const result = await gradeSubmission({ labId: 'hello-counter', code: 'export class Countr {}', mode: 'visible' }, deps);
    expect(result).toMatchObject({ status: 'error', errorKind: 'compile' });
    expect(result.message).toContain('solution.ts:1:1: solution.ts must export "Counter": the tests import it');
  });
});
