/**
 * The server-side entry point: grade one submission of learner code against a lab's visible or
 * hidden tests. Validates, checks the code size, transpiles (diagnostics in the learner's file),
 * bundles the suite, runs it in a sandbox in a worker process, and returns a GradeResult.
 */
import { z } from 'zod';
import { cachedSuiteShell, composeSuiteScript, linkLearnerModule, SuiteBuildError } from './suite-cache';
import { readGraderConfig, type GraderConfig } from './config';
import { formatDiagnostic, learnerFileName, type Diagnostic } from './diagnostics';
import { assembleVerdict } from './assemble-result';
import { ENTRY_GLOBAL } from './harness/protocol';
import { visibleTestPrefix } from './harness/registry';
import { loadPrivateLab } from './lab-loader';
import { maxReportChars, messageChars, traceChars, wallBackstopMs } from './limits';
import type { ProgressListener } from './progress';
import type { GradeResult } from './results-schema';
import { transpileLearnerCode } from './transpile';
import { combineProgress, mergeShardRuns } from './shards';
import { WorkerPool, type PoolRun } from './worker/worker-pool';

export const gradeRequestSchema = z
  .object({
    labId: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    code: z.string(),
    mode: z.enum(['hidden', 'visible']),
    /** Run only the test with exactly this name, e.g. to replay one failing seed. */
    only: z.string().min(1).max(300).optional(),
    /** Stop at the first test that does not pass (the lab contract asks only whether a mutant fails); never for a learner. */
    bail: z.boolean().optional(),
  })
  .strict();

export type GradeRequest = z.infer<typeof gradeRequestSchema>;

export interface GraderDeps {
  pool: WorkerPool;
  labsDir: string;
  /** Overrides the lab's `shards` (tests compare sharded and whole runs). */
  shards?: number;
}

let defaultPool: WorkerPool | undefined;
let defaultConfig: GraderConfig | undefined;

/** The process-wide pool, created on first use from the environment (see config.ts). */
export function defaultGraderDeps(): GraderDeps {
  defaultConfig ??= readGraderConfig();
  defaultPool ??= new WorkerPool({ size: defaultConfig.poolSize, sandbox: defaultConfig.sandbox, rootDir: defaultConfig.rootDir });
  return { pool: defaultPool, labsDir: defaultConfig.labsDir };
}

/** Stops the default pool's workers (tests, CLI, graceful shutdown). */
export async function shutdownGrader(): Promise<void> {
  const pool = defaultPool;
  defaultPool = undefined;
  await pool?.close();
}

/** `onProgress` hears how many tests have finished while the suite runs (throttled; grader/progress.ts). */
export async function gradeSubmission(input: GradeRequest, deps: GraderDeps = defaultGraderDeps(), onProgress?: ProgressListener): Promise<GradeResult> {
  const request = gradeRequestSchema.parse(input);
  const startedMs = performance.now();
  const lab = await loadPrivateLab(deps.labsDir, request.labId);
  const limits = lab.manifest.limits;
  const timings = { transpileMs: 0, bundleMs: 0, queueMs: 0, runMs: 0, cpuMs: 0, totalMs: 0 };
  const base = { labId: request.labId, mode: request.mode, sandbox: deps.pool.sandbox };
  const done = (verdict: Omit<GradeResult, 'labId' | 'mode' | 'sandbox' | 'timings'>): GradeResult => ({
    ...base,
    ...verdict,
    timings: { ...timings, totalMs: performance.now() - startedMs },
  });
  const compileError = (diagnostics: Diagnostic[], what: string): GradeResult =>
    done({ status: 'error', errorKind: 'compile', message: `${what}:\n${diagnostics.slice(0, 5).map(formatDiagnostic).join('\n')}`.slice(0, messageChars), tests: [], diagnostics });

  const codeBytes = Buffer.byteLength(request.code, 'utf8');
  if (codeBytes > limits.codeSizeKb * 1024) {
    return done({ status: 'error', errorKind: 'code-size', message: `Your code is ${(codeBytes / 1024).toFixed(1)} KB; the limit for this lab is ${limits.codeSizeKb} KB.`, tests: [] });
  }

  const transpiled = await transpileLearnerCode(request.code);
  timings.transpileMs = transpiled.durationMs;
  if (!transpiled.ok) return compileError(transpiled.diagnostics, 'Your code does not compile');

  // Submit fails whatever Run fails: the hidden run includes the visible tests, named "visible › …".
  // The suite is bundled once per lab and options (grader/suite-cache.ts); only the learner's module is linked here.
  const linked = await linkLearnerModule(request.code);
  if (!linked.ok) return compileError(linked.diagnostics, 'Your code could not be linked with the tests');
  // A long hidden suite is split into shards graded side by side when the pool has the workers free (grader/shards.ts).
  const shardCount = request.mode === 'hidden' && !request.only && !request.bail ? Math.max(1, Math.min(deps.shards ?? lab.manifest.shards, deps.pool.freeWorkers())) : 1;
  const baseOptions = { caps: { outputCharsPerTest: limits.outputCharsPerTest, messageChars, traceChars }, ...(request.only ? { only: request.only } : {}), ...(request.bail ? { bail: true } : {}) };
  let shells: Awaited<ReturnType<typeof cachedSuiteShell>>[];
  try {
    shells = await Promise.all(
      Array.from({ length: shardCount }, (_, index) =>
        cachedSuiteShell({
          labsDir: deps.labsDir,
          testsPath: request.mode === 'hidden' ? lab.hiddenTestsPath : lab.visibleTestsPath,
          ...(request.mode === 'hidden' ? { before: [{ path: lab.visibleTestsPath, namePrefix: visibleTestPrefix }] } : {}),
          options: shardCount === 1 ? baseOptions : { ...baseOptions, shard: { index, count: shardCount } },
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof SuiteBuildError)) throw error;
    return done({ status: 'error', errorKind: 'lab', message: `The lab's tests do not build: ${error.diagnostics.map(formatDiagnostic).join('; ')}`.slice(0, messageChars), tests: [] });
  }
  const shell = shells[0]!;
  timings.bundleMs = linked.durationMs + Math.max(...shells.map((s) => s.durationMs));
  const missing = shell.requiredExports.filter((name) => !linked.exports.includes(name));
  if (missing.length > 0) {
    return compileError(
      missing.map((name) => ({ file: learnerFileName, line: 1, column: 1, message: `${learnerFileName} must export "${name}": the tests import it` })),
      'Your code could not be linked with the tests',
    );
  }
  const sandboxRequest = (suite: string) => ({ script: composeSuiteScript(linked.code, suite), entry: ENTRY_GLOBAL, cpuTimeMs: limits.cpuTimeMs, wallTimeMs: wallBackstopMs(limits.cpuTimeMs), memoryMb: limits.memoryMb, maxReportChars });
  let run: PoolRun;
  if (shardCount === 1) run = await deps.pool.run(sandboxRequest(shell.script), onProgress);
  else {
    const listeners = combineProgress(shardCount, onProgress);
    run = mergeShardRuns(await Promise.all(shells.map((s, i) => deps.pool.run(sandboxRequest(s.script), listeners[i]))), limits.cpuTimeMs);
  }
  timings.queueMs = Math.max(0, run.queueMs);
  timings.runMs = run.runMs;
  timings.cpuMs = run.cpuMs;
  return done(assembleVerdict(run, lab.manifest.stages.map((s) => s.id)));
}
