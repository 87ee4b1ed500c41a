import { afterAll, describe, expect, it, vi } from 'vitest';
import { gradeSubmission, type GraderDeps } from '@/grader/grade-submission';
import type { GradeProgress } from '@/grader/progress';
import { mergeShardRuns, type ShardRun } from '@/grader/shards';
import { WorkerPool } from '@/grader/worker/worker-pool';
import { readLabFile, repoLabsDir, repoRootDir } from './fast-lab';

const pool = new WorkerPool({ size: 2, sandbox: 'isolated-vm', rootDir: repoRootDir });
afterAll(async () => {
  await pool.close();
});

const strip = (tests: { name: string; status: string; stage?: string; seed?: number; message?: string }[]) =>
  tests.map(({ name, status, stage, seed, message }) => ({ name, status, stage, seed, message }));

describe('a hidden suite graded as shards side by side', () => {
  // hello-counter's manifest says one shard; the deps override forces two, as lab.json `shards` would.
  const whole: GraderDeps = { pool, labsDir: repoLabsDir, shards: 1 };
  const sharded: GraderDeps = { pool, labsDir: repoLabsDir, shards: 2 };

  it('gives the verdict, tests, order and messages of the whole suite, for a correct and a wrong solution', async () => {
    for (const file of ['.meta/reference.ts', '.meta/mutants/reapplies-stale-duplicates.ts', '.meta/mutants/global-sequence-number.ts', 'starter.ts']) {
      const code = readLabFile(file);
      const a = await gradeSubmission({ labId: 'hello-counter', code, mode: 'hidden' }, whole);
      const progress: GradeProgress[] = [];
      const runs = vi.spyOn(pool, 'run');
      const b = await gradeSubmission({ labId: 'hello-counter', code, mode: 'hidden' }, sharded, (p) => progress.push(p));
      expect({ status: b.status, message: b.message, errorKind: b.errorKind }).toEqual({ status: a.status, message: a.message, errorKind: a.errorKind });
      expect(runs).toHaveBeenCalledTimes(2); // two sandbox runs, one per shard
      runs.mockRestore();
      expect(strip(b.tests)).toEqual(strip(a.tests));
      expect(progress.every((p) => p.done <= p.total && p.total <= a.tests.length)).toBe(true);
    }
  });

  it('replays one named test unsharded', async () => {
    const code = readLabFile('.meta/reference.ts');
    const hidden = await gradeSubmission({ labId: 'hello-counter', code, mode: 'hidden' }, sharded);
    const one = await gradeSubmission({ labId: 'hello-counter', code, mode: 'hidden', only: hidden.tests[3]!.name }, sharded);
    expect(one.tests.map((t) => t.name)).toEqual([hidden.tests[3]!.name]);
  });
});

describe('mergeShardRuns', () => {
  const plan = (names: string[]) => JSON.stringify({ type: 'plan', tests: names.map((name) => ({ name })) });
  const result = (name: string) => JSON.stringify({ type: 'result', test: { name, status: 'pass', durationMs: 1 } });
  const run = (chunks: string[], extra: Partial<ShardRun> = {}): ShardRun => ({ outcome: 'completed', chunks, runMs: 10, cpuMs: 100, queueMs: 1, ...extra });

  it('puts the tests back in the registered order and sums the CPU time', () => {
    const merged = mergeShardRuns([run([plan(['a', 'c', 'e']), result('a'), result('c'), result('e')]), run([plan(['b', 'd']), result('b'), result('d')])], 1_000);
    expect(merged.outcome).toBe('completed');
    expect(merged.cpuMs).toBe(200);
    expect(merged.chunks.map((c) => JSON.parse(c) as { type: string; tests?: { name: string }[]; test?: { name: string } })).toEqual([
      { type: 'plan', tests: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name })) },
      ...['a', 'b', 'c', 'd', 'e'].map((name) => ({ type: 'result', test: { name, status: 'pass', durationMs: 1 } })),
    ]);
  });

  it('applies the CPU limit to the sum: two shards under it each, over it together, is a timeout', () => {
    const merged = mergeShardRuns([run([plan(['a']), result('a')], { cpuMs: 700 }), run([plan(['b']), result('b')], { cpuMs: 700 })], 1_000);
    expect(merged).toMatchObject({ outcome: 'timeout', detail: 'the CPU time limit of 1000 ms was exceeded' });
  });

  it('a stopped shard decides the outcome; the other shard\'s results are kept', () => {
    const merged = mergeShardRuns(
      [run([plan(['a', 'c']), result('a'), result('c')]), run([plan(['b', 'd']), result('b')], { outcome: 'timeout', detail: 'the CPU time limit of 1000 ms was exceeded' })],
      1_000,
    );
    expect(merged).toMatchObject({ outcome: 'timeout', detail: 'the CPU time limit of 1000 ms was exceeded' });
    expect(merged.chunks.filter((c) => c.includes('"result"')).length).toBe(3);
  });

  it('a load error is reported once, as the whole suite would', () => {
    const loadError = JSON.stringify({ type: 'load-error', message: 'boom' });
    const merged = mergeShardRuns([run([loadError]), run([loadError])], 1_000);
    expect(merged.chunks).toEqual([loadError]);
  });
});
