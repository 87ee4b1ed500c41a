import 'server-only';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readGraderConfig } from '@/grader/config';
import { formatDiagnostic } from '@/grader/diagnostics';
import { loadManifest } from '@/grader/lab-loader';
import { messageChars, traceChars } from '@/grader/limits';
import { cachedSuiteShell, SuiteBuildError } from '@/grader/suite-cache';
import type { VisibleSuite } from './visible-suite-protocol';

/**
 * The browser's copy of a lab's visible suite: the grader's own bundler (grader/bundle-suite.ts)
 * run on visible.test.ts with the harness and the engines it imports, and a stand-in for the learner's
 * module that, at run time, evaluates the learner's code the browser transpiled (see
 * components/workspace/run-in-worker.ts). Built once per lab per server process.
 *
 * Only visible.test.ts is an entry point. As a second line of defence the bundle is refused if any
 * source file it contains is server-only by name (hidden.test.ts and the hidden-*.ts helpers next to
 * it) or lives under .meta/ (reference and mutants): esbuild names every bundled file in a `// path` comment.
 */

const cache = new Map<string, Promise<VisibleSuite>>();

export class VisibleSuiteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VisibleSuiteError';
  }
}

/** The stand-in for './solution' (grader/suite-cache.ts): the same in the browser's Run and the server's grading. */
export { learnerStandIn } from '@/grader/suite-cache';

/** Files esbuild bundled, from its `// <path>` comments (paths relative to the labs directory's parent). */
export function bundledFiles(script: string): string[] {
  return [...script.matchAll(/^\s*\/\/ (\S+\.ts)$/gm)].map((m) => m[1] as string);
}

export function assertNoPrivateSources(script: string): void {
  for (const file of bundledFiles(script)) {
    if (/(^|\/)hidden[^/]*\.ts$/.test(file) || /(^|\/)\.meta\//.test(file)) {
      throw new VisibleSuiteError(`the visible suite would ship ${file}; refusing to serve it`);
    }
  }
}

async function build(labId: string, labsDir: string): Promise<VisibleSuite> {
  const manifest = await loadManifest(labsDir, labId);
  const testsPath = path.join(labsDir, labId, 'visible.test.ts');
  const caps = { outputCharsPerTest: manifest.limits.outputCharsPerTest, messageChars, traceChars };
  let shell: Awaited<ReturnType<typeof cachedSuiteShell>>;
  try {
    shell = await cachedSuiteShell({ labsDir, testsPath, options: { caps } });
  } catch (error) {
    if (error instanceof SuiteBuildError) throw new VisibleSuiteError(`the visible tests do not build: ${error.diagnostics.map(formatDiagnostic).join('; ')}`);
    throw error;
  }
  assertNoPrivateSources(shell.script);
  const hash = createHash('sha256').update(shell.script).digest('base64url').slice(0, 22);
  return {
    labId,
    script: shell.script,
    hash,
    requiredExports: shell.requiredExports,
    stageIds: manifest.stages.map((s) => s.id),
    // The browser's Run cannot read CPU time; its Web Worker gets the lab's CPU limit as wall time
    // (on the learner's own machine; Submit, graded on the server by CPU time, gives the verdict).
    wallTimeMs: manifest.limits.cpuTimeMs,
  };
}

/**
 * The lab's visible suite, cached per lab. In development the cache is skipped so edits to tests
 * and engines show up on the next Run. Throws LabNotFoundError for unknown labs.
 */
export function getVisibleSuite(labId: string, labsDir = readGraderConfig().labsDir): Promise<VisibleSuite> {
  if (process.env.NODE_ENV === 'development') return build(labId, labsDir);
  const key = `${labsDir}\0${labId}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = build(labId, labsDir);
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}
