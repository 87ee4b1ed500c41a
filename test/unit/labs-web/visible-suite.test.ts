import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listLabs } from '@/grader';
import { assertNoPrivateSources, bundledFiles, getVisibleSuite, learnerStandIn } from '@/lib/labs/visible-suite';
import { compileLearnerCode, composeRunScript } from '@/lib/labs/run-script';

// The composed script itself runs in real Chromium (test/e2e/lab-workspace.e2e.ts): node:vm cannot freeze its global.

const labsDir = path.resolve(__dirname, '../../../labs');

describe('visible suite for the browser', () => {
  it('bundles only visible tests, harness and engines for every listed lab', async () => {
    for (const lab of await listLabs(labsDir)) {
      const suite = await getVisibleSuite(lab.id, labsDir);
      const files = bundledFiles(suite.script);
      expect(files, lab.id).toContain(`labs/${lab.id}/visible.test.ts`);
      expect(files.some((f) => /hidden|\.meta\//.test(f)), `${lab.id}: ${files.join(', ')}`).toBe(false);
      expect(suite.requiredExports.length, lab.id).toBeGreaterThan(0);
      expect(suite.script).toContain('__dsdLearnerModule');
    }
  });

  it('refuses a bundle that names a hidden file or the .meta folder', () => {
    expect(() => assertNoPrivateSources('x\n  // labs/raft-election/hidden-support.ts\ny')).toThrow(/refusing/);
    expect(() => assertNoPrivateSources('  // labs/hello-counter/.meta/reference.ts\n')).toThrow(/refusing/);
    expect(() => assertNoPrivateSources('  // labs/hello-counter/visible.test.ts\n  // engine/sim/prng.ts\n')).not.toThrow();
  });

  it('the learner stand-in checks the exports the tests import', () => {
    const standIn = learnerStandIn(['Counter', 'timing']);
    expect(standIn).toContain('["Counter","timing"]');
    expect(standIn).toContain('must export');
  });
});

describe('run script (browser side)', () => {
  it('strips types, keeps class fields, and locates syntax errors', () => {
    const ok = compileLearnerCode('import type { A } from "./api";\nexport class C { x: number = 1; constructor(private readonly a: string) {} }');
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.code).toContain('exports.C = C');
      expect(ok.code).toContain('x = 1');
      expect(ok.code).not.toContain('./api');
    }
    const bad = compileLearnerCode('const a = 1;\nconst b = = 2;');
    expect(bad).toMatchObject({ ok: false, diagnostic: { line: 2, column: 11 } });
  });

  it("refuses '<!--', which a classic worker script would read as a comment and sucrase as code", () => {
    // The template literal hides the `}` from sucrase; V8 would skip the rest of line 1 and close the learner's function.
    const escape = compileLearnerCode('export const s = 1 <!--`\n}; postMessage({ type: "done" }); (function () {\n//`;');
    expect(escape).toMatchObject({ ok: false, diagnostic: { line: 1, column: 20 } });
    expect(compileLearnerCode('export const tag = "<!" + "--";')).toMatchObject({ ok: true });
  });

  it('declares the learner module outside the closure that holds the host functions', () => {
    const script = composeRunScript('exports.x = 1;', '/* suite */');
    expect(script.startsWith('"use strict";')).toBe(true);
    const learnerAt = script.indexOf('exports.x = 1;');
    const closureAt = script.indexOf('(function () {');
    expect(learnerAt).toBeGreaterThan(0);
    expect(closureAt).toBeGreaterThan(learnerAt);
    expect(script.indexOf('const post = self.postMessage.bind(self);')).toBeGreaterThan(closureAt);
  });
});
