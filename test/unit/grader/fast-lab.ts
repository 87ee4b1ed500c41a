/**
 * A scratch project for grader tests: the real engine/, grader/ and node_modules/ (symlinked) beside a
 * labs/ folder holding a copy of hello-counter with its own CPU-time limit, so hostile submissions that loop forever
 * cost what the test asks (4 s of CPU in the abuse suite) whatever the lab's limit.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assembleVerdict, type Verdict } from '@/grader/assemble-result';
import { bundleSuite } from '@/grader/bundle-suite';
import { ENTRY_GLOBAL } from '@/grader/harness/protocol';
import type { WorkerPool } from '@/grader/worker/worker-pool';

export const repoLabsDir = path.resolve(__dirname, '../../../labs');
export const repoRootDir = path.resolve(__dirname, '../../..');

export function createFastLabsDir(limits: { cpuTimeMs: number; memoryMb: number }): { labsDir: string; cleanup: () => void } {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'grader-labs-'));
  const labsDir = path.join(scratch, 'labs');
  mkdirSync(labsDir);
  symlinkSync(path.join(repoRootDir, 'grader'), path.join(scratch, 'grader'));
  symlinkSync(path.join(repoRootDir, 'engine'), path.join(scratch, 'engine'));
  // Suites may import fast-check, resolved from the project's node_modules.
  symlinkSync(path.join(repoRootDir, 'node_modules'), path.join(scratch, 'node_modules'));
  cpSync(path.join(repoLabsDir, 'hello-counter'), path.join(labsDir, 'hello-counter'), { recursive: true });
  const manifestPath = path.join(labsDir, 'hello-counter', 'lab.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { limits: Record<string, number> };
  manifest.limits = { ...manifest.limits, ...limits };
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { labsDir, cleanup: () => rmSync(scratch, { recursive: true, force: true }) };
}

export function readLabFile(file: string): string {
  return readFileSync(path.join(repoLabsDir, 'hello-counter', file), 'utf8');
}

/**
 * Bundles an in-memory test file (placed in hello-counter's folder, so its relative imports
 * resolve) with `solutionSource` and runs it in `pool`, returning the verdict.
 */
export async function runSuiteSource(
  pool: WorkerPool,
  testsSource: string,
  solutionSource: string,
  options: { stages?: string[]; messageChars?: number; cpuTimeMs?: number; memoryMb?: number; bail?: boolean } = {},
): Promise<Verdict> {
  const bundled = await bundleSuite({
    labsDir: repoLabsDir,
    testsPath: path.join(repoLabsDir, 'hello-counter', 'suite-under-test.ts'),
    testsSource,
    solutionSource,
    options: { caps: { outputCharsPerTest: 500, messageChars: options.messageChars ?? 300, traceChars: 200 }, ...(options.bail ? { bail: true } : {}) },
  });
  if (!bundled.ok) throw new Error(JSON.stringify(bundled.diagnostics));
  const cpuTimeMs = options.cpuTimeMs ?? 2_000;
  const run = await pool.run({ script: bundled.script, entry: ENTRY_GLOBAL, cpuTimeMs, wallTimeMs: cpuTimeMs * 5, memoryMb: options.memoryMb ?? 32, maxReportChars: 100_000 });
  return assembleVerdict(run, options.stages ?? []);
}
