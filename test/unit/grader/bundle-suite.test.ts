import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSuite, type BundleInput } from '@/grader/bundle-suite';

const labsDir = path.resolve(__dirname, '../../../labs');
const testsPath = path.join(labsDir, 'hello-counter', 'hidden.test.ts');
const options: BundleInput['options'] = { caps: { outputCharsPerTest: 1000, messageChars: 500, traceChars: 1000 } };
const reference = `export class Counter { constructor(a: unknown) {} apply() { return 1; } value() { return 1; } sessionCount() { return 1; } }`;

describe('bundleSuite', () => {
  it('bundles harness, tests, simulator code and the learner module into one strict iife', async () => {
    const result = await bundleSuite({ labsDir, testsPath, solutionSource: `// LEARNER-MARKER\n${reference}`, options });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.script.startsWith('"use strict";')).toBe(true);
    expect(result.script).toContain('__graderStep');
    expect(result.script).toContain('hidden-audit-marker');
    expect(result.script).toContain('nextU32()');
    expect(result.script).not.toMatch(/\brequire\(["']/);
  });

  it('rejects runtime imports in learner code, located in solution.ts', async () => {
    const result = await bundleSuite({ labsDir, testsPath, solutionSource: `import fs from 'node:fs';\n${reference}\nexport const x = fs;`, options });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ file: 'solution.ts', line: 1, column: 16 });
    expect(result.diagnostics[0]?.message).toMatch(/may not import "node:fs"/);
  });

  it('rejects relative imports in learner code too (no reaching the hidden tests or reference)', async () => {
    const result = await bundleSuite({ labsDir, testsPath, solutionSource: `import * as r from './.meta/reference';\nexport const Counter = r.Counter;`, options });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0]?.message).toMatch(/may not import/);
  });

  it('erases type-only imports from learner code', async () => {
    const result = await bundleSuite({ labsDir, testsPath, solutionSource: `import { IncrementRequest } from './api';\nimport type { AuditEntry } from './api';\n${reference}`, options });
    expect(result.ok).toBe(true);
  });

  it('keeps lab code to relative files under labs/: packages and Node built-ins are refused', async () => {
    for (const specifier of ['node:child_process', 'zod', '../../package.json']) {
      const result = await bundleSuite({ labsDir, testsPath, testsSource: `import * as m from '${specifier}';\nexport const x = m;`, solutionSource: reference, options });
      expect(result.ok, specifier).toBe(false);
      if (!result.ok) expect(result.diagnostics[0]?.file).toBe('hello-counter/hidden.test.ts');
    }
  });
});
