/**
 * grader/suite-cache.ts: a suite is bundled once per lab and options; each submission only links its own module.
 * Linking keeps what bundling used to report as the learner's error, and an edited lab file rebuilds the suite.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeSubmission, type GraderDeps } from '@/grader/grade-submission';
import { cachedSuiteShell, clearSuiteCache, composeSuiteScript, linkLearnerModule } from '@/grader/suite-cache';
import { WorkerPool } from '@/grader/worker/worker-pool';
import { createFastLabsDir, readLabFile, repoRootDir } from './fast-lab';

const reference = readLabFile('.meta/reference.ts');

describe('linkLearnerModule', () => {
  it('turns the module into CommonJS and lists what it exports', async () => {
    const linked = await linkLearnerModule(`import type { X } from './api';\nexport class A {}\nexport const b = 1;\nconst c = 2;\nexport { c as d };\nexport default 3;\n`);
    expect(linked.ok).toBe(true);
    if (!linked.ok) return;
    expect(linked.exports).toEqual(['A', 'b', 'd', 'default']);
    const learner = { exports: {} as Record<string, unknown> };
    new Function('exports', 'module', 'require', linked.code)(learner.exports, learner, () => {
      throw new Error('no require');
    });
    expect(Object.keys(learner.exports).sort()).toEqual(['A', 'b', 'd', 'default']);
    expect(learner.exports.d).toBe(2);
  });

  it('refuses a run-time import, located in solution.ts; a type-only one is fine', async () => {
    const refused = await linkLearnerModule(`import fs from 'node:fs';\nexport const x = fs;\n`);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.diagnostics[0]).toMatchObject({ file: 'solution.ts', line: 1, message: expect.stringContaining('may not import "node:fs"') });
    expect((await linkLearnerModule(`import { T } from './api';\nexport const f = (t: T) => t;\n`)).ok).toBe(true);
  });
});

describe('grading with a cached suite', () => {
  let fast: ReturnType<typeof createFastLabsDir>;
  let pool: WorkerPool;
  let deps: GraderDeps;
  beforeAll(async () => {
    clearSuiteCache();
    fast = createFastLabsDir({ cpuTimeMs: 10_000, memoryMb: 128 });
    pool = new WorkerPool({ size: 1, sandbox: 'isolated-vm', rootDir: repoRootDir });
    deps = { pool, labsDir: fast.labsDir };
  });
  afterAll(async () => {
    await pool.close();
    fast.cleanup();
  });

  it('bundles once: the second submission reuses the suite and gets the same verdict', async () => {
    const first = await gradeSubmission({ labId: 'hello-counter', code: reference, mode: 'hidden' }, deps);
    const second = await gradeSubmission({ labId: 'hello-counter', code: reference, mode: 'hidden' }, deps);
    expect(first.status).toBe('pass');
    expect(second.status).toBe('pass');
    expect(second.tests.map((t) => [t.name, t.status])).toEqual(first.tests.map((t) => [t.name, t.status]));
    const shell = await cachedSuiteShell({ labsDir: fast.labsDir, testsPath: path.join(fast.labsDir, 'hello-counter', 'visible.test.ts'), options: { caps: { outputCharsPerTest: 4096, messageChars: 1000, traceChars: 16384 } } });
    const again = await cachedSuiteShell({ labsDir: fast.labsDir, testsPath: path.join(fast.labsDir, 'hello-counter', 'visible.test.ts'), options: { caps: { outputCharsPerTest: 4096, messageChars: 1000, traceChars: 16384 } } });
    expect(again.cached).toBe(true);
    expect(again.script).toBe(shell.script);
    expect(again.requiredExports).toEqual(['Counter']);
  });

  it('a missing export and a run-time import are link errors in solution.ts, as when the module was bundled in', async () => {
    const missing = await gradeSubmission({ labId: 'hello-counter', code: reference.replace('export class Counter', 'export class Counted'), mode: 'hidden' }, deps);
    expect(missing).toMatchObject({ status: 'error', errorKind: 'compile' });
    expect(missing.message).toMatch(/could not be linked[\s\S]*solution\.ts must export "Counter"/);
    const imports = await gradeSubmission({ labId: 'hello-counter', code: `import { readFileSync } from 'node:fs';\n${reference}\nexport const r = readFileSync;`, mode: 'visible' }, deps);
    expect(imports).toMatchObject({ status: 'error', errorKind: 'compile' });
    expect(imports.message).toMatch(/may not import "node:fs"/);
  });

  it('an edited test file rebuilds the suite: the new test runs on the next submission', async () => {
    const visible = path.join(fast.labsDir, 'hello-counter', 'visible.test.ts');
    const before = await gradeSubmission({ labId: 'hello-counter', code: reference, mode: 'visible' }, deps);
    expect(before.status).toBe('pass');
    // A different size and a later modification time.
    appendFileSync(visible, `\ntest('an added test that fails', () => { throw new Error('added'); });\n`);
    expect(readFileSync(visible, 'utf8')).toContain('an added test');
    const after = await gradeSubmission({ labId: 'hello-counter', code: reference, mode: 'visible' }, deps);
    expect(after.tests.length).toBe(before.tests.length + 1);
    expect(after.tests.find((t) => t.name === 'an added test that fails')?.status).not.toBe('pass');
  });

  it('the learner module sees none of the suite bundle’s own names', async () => {
    const shell = await cachedSuiteShell({ labsDir: fast.labsDir, testsPath: path.join(fast.labsDir, 'hello-counter', 'visible.test.ts'), options: { caps: { outputCharsPerTest: 4096, messageChars: 1000, traceChars: 16384 } } });
    const script = composeSuiteScript('exports.Counter = class {};', shell.script);
    // The learner's function is declared before the suite's closure opens.
    expect(script.indexOf('exports.Counter = class {};')).toBeLessThan(script.indexOf(shell.script));
    expect(script.startsWith('"use strict";\nvar __dsdLearnerModule = function (exports, module, require) {')).toBe(true);
  });
});
