/**
 * A scratch project for grader tests: the real engine/, grader/ and node_modules/ (symlinked) beside a
 * labs/ folder holding a copy of hello-counter with its own CPU-time limit, so hostile submissions that loop forever
 * cost what the test asks (4 s of CPU in the abuse suite) whatever the lab's limit.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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
