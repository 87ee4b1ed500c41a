/**
 * `test [dir]`: the lab's visible tests on the learner's solution, in the same sandbox and harness
 * the server uses (grader gradeSubmission, mode 'visible', with a local WorkerPool of one worker).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gradeSubmission, WorkerPool, type GradeResult } from '@/grader';
import { readGraderConfig } from '@/grader/config';
import { CliError } from './errors';
import { LABS_DIR, REPO_ROOT } from './config';

export interface LocalRunOptions {
  only?: string;
  seed?: number;
}

/** The exact test name to run: `--only "name" --seed 7` replays "name [seed 7]". */
export function onlyName(options: LocalRunOptions): string | undefined {
  if (options.seed !== undefined && !options.only) throw new CliError('--seed replays one test: give its name with --only "<test name>"');
  if (!options.only) return undefined;
  const base = options.only.replace(/ \[seed -?\d+\]$/, '');
  return options.seed === undefined ? options.only : `${base} [seed ${options.seed}]`;
}

export class LocalGrader {
  private pool: WorkerPool | null = null;

  async run(labId: string, code: string, options: LocalRunOptions): Promise<GradeResult> {
    const only = onlyName(options);
    this.pool ??= new WorkerPool({ size: 1, sandbox: readGraderConfig({ ...process.env, GRADER_ROOT_DIR: REPO_ROOT }).sandbox, rootDir: REPO_ROOT });
    const result = await gradeSubmission({ labId, code, mode: 'visible', ...(only ? { only } : {}) }, { pool: this.pool, labsDir: LABS_DIR });
    if (only && result.tests.length === 0 && (result.status !== 'error' || result.errorKind === 'lab')) {
      throw new CliError(`no visible test is named "${only}"`, 'Copy the name from the output of `test` (seeded tests end in " [seed N]").');
    }
    return result;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }
}

/**
 * Writes the trace of the first failed test that attached one, as the JSON the replay viewer reads
 * (components/workspace/trace-view.tsx parseTrace: a Raft trace, time series, or log lines).
 */
export function writeTrace(result: GradeResult, file: string): { test: string; seed?: number } | null {
  const withTrace = result.tests.find((t) => t.trace);
  if (!withTrace?.trace) return null;
  let body: string;
  try {
    body = JSON.stringify(JSON.parse(withTrace.trace), null, 1);
  } catch {
    body = withTrace.trace;
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, body + '\n');
  return { test: withTrace.name, ...(withTrace.seed !== undefined ? { seed: withTrace.seed } : {}) };
}
