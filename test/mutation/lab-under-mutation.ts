/** Which lab the mutation run scores, and how its test modules are loaded (see lab-suite.test.ts). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beginNamePrefix } from '../../grader/harness/registry';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export function labUnderMutation(env: Record<string, string | undefined> = process.env): string {
  const lab = env.MUTATION_LAB ?? '';
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(lab) || !existsSync(path.join(repoRoot, 'labs', lab, 'lab.json'))) {
    throw new Error(`MUTATION_LAB must name a lab under labs/ (got "${lab}")`);
  }
  return lab;
}

/** Imports labs/<lab>/<file>, its tests registered under `prefix` when one is given. */
export async function loadLabModule(lab: string, file: string, prefix = ''): Promise<void> {
  const end = beginNamePrefix(prefix);
  try {
    await import(/* @vite-ignore */ path.join(repoRoot, 'labs', lab, file));
  } finally {
    end();
  }
}
