/**
 * Grader benchmark: both sandboxes on the heaviest suites we have, through the real worker pool.
 *   npx tsx bench/grader.ts
 * Prints warm transpile time, and per sandbox the in-sandbox run time of
 *   - hello-counter's hidden suite against its reference (17 tests, 12 seeded simulations),
 *   - a synthetic CPU-heavy suite (2 × 10^6 simulation steps),
 * and the end-to-end gradeSubmission latency for hello-counter (single and 8 concurrent).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleSuite } from '../grader/bundle-suite';
import { sandboxKinds, type SandboxKind } from '../grader/config';
import { gradeSubmission } from '../grader/grade-submission';
import { ENTRY_GLOBAL } from '../grader/harness/protocol';
import { transpileLearnerCode } from '../grader/transpile';
import { WorkerPool } from '../grader/worker/worker-pool';
import { percentile } from './_support';

const rootDir = path.resolve(__dirname, '..');
const labsDir = path.join(rootDir, 'labs');
const reference = readFileSync(path.join(labsDir, 'hello-counter', '.meta', 'reference.ts'), 'utf8');
const caps = { outputCharsPerTest: 4096, messageChars: 1000, traceChars: 16384 };

const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;

async function script(testsPath: string): Promise<string> {
  const bundled = await bundleSuite({ labsDir, testsPath, solutionSource: reference, options: { caps } });
  if (!bundled.ok) throw new Error(`bundle failed: ${JSON.stringify(bundled.diagnostics)}`);
  return bundled.script;
}

async function runMs(pool: WorkerPool, suite: string, repeats: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = await pool.run({ script: suite, entry: ENTRY_GLOBAL, cpuTimeMs: 60_000, wallTimeMs: 120_000, memoryMb: 128, maxReportChars: 1_000_000 });
    if (run.outcome !== 'completed') throw new Error(`run ${run.outcome}: ${run.detail}`);
    if (!run.chunks.join('').includes('"status":"pass"') || run.chunks.join('').includes('"status":"fail"')) throw new Error('the suite did not pass');
    times.push(run.runMs);
  }
  return times;
}

async function main(): Promise<void> {
  await transpileLearnerCode(reference);
  const transpileTimes: number[] = [];
  for (let i = 0; i < 50; i++) transpileTimes.push((await transpileLearnerCode(reference)).durationMs);
  console.log(`warm transpile (reference, ${reference.length} chars): p50 ${fmt(percentile(transpileTimes, 50))}  p95 ${fmt(percentile(transpileTimes, 95))}`);

  const bundleTimes: number[] = [];
  let helloScript = '';
  for (let i = 0; i < 10; i++) {
    const startedMs = performance.now();
    helloScript = await script(path.join(labsDir, 'hello-counter', 'hidden.test.ts'));
    bundleTimes.push(performance.now() - startedMs);
  }
  const heavyScript = await script(path.join(labsDir, '..', 'grader', 'fixtures', 'cpu-heavy-suite.ts'));
  console.log(`warm bundle (hello-counter hidden suite, ${(helloScript.length / 1024).toFixed(0)} KB): p50 ${fmt(percentile(bundleTimes, 50))}`);

  const results: Record<string, Record<SandboxKind, number>> = { hello: { 'isolated-vm': 0, quickjs: 0 }, heavy: { 'isolated-vm': 0, quickjs: 0 } };
  for (const kind of sandboxKinds) {
    const pool = new WorkerPool({ size: 1, sandbox: kind, rootDir });
    await pool.warm();
    await runMs(pool, helloScript, 1);
    const hello = await runMs(pool, helloScript, 5);
    const heavy = await runMs(pool, heavyScript, kind === 'quickjs' ? 2 : 5);
    results.hello![kind] = percentile(hello, 50);
    results.heavy![kind] = percentile(heavy, 50);
    console.log(`${kind.padEnd(12)} hello-counter hidden suite: p50 ${fmt(results.hello![kind])}   cpu-heavy (2×10^6 steps): p50 ${fmt(results.heavy![kind])}`);
    await pool.close();
  }
  console.log(`QuickJS / isolated-vm: hello-counter ×${(results.hello!.quickjs / results.hello!['isolated-vm']).toFixed(1)}, cpu-heavy ×${(results.heavy!.quickjs / results.heavy!['isolated-vm']).toFixed(1)}`);

  const pool = new WorkerPool({ size: 2, sandbox: 'isolated-vm', rootDir });
  await pool.warm();
  const deps = { pool, labsDir };
  const grade = async () => {
    const startedMs = performance.now();
    const result = await gradeSubmission({ labId: 'hello-counter', code: reference, mode: 'hidden' }, deps);
    if (result.status !== 'pass') throw new Error(`reference did not pass: ${result.message}`);
    return performance.now() - startedMs;
  };
  await grade();
  const single: number[] = [];
  for (let i = 0; i < 10; i++) single.push(await grade());
  const concurrent: number[] = [];
  for (let round = 0; round < 3; round++) concurrent.push(...(await Promise.all(Array.from({ length: 8 }, grade))));
  console.log(`gradeSubmission hello-counter (isolated-vm, pool of 2): single p50 ${fmt(percentile(single, 50))} p95 ${fmt(percentile(single, 95))}; 8 concurrent p50 ${fmt(percentile(concurrent, 50))} p95 ${fmt(percentile(concurrent, 95))}`);
  await pool.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
