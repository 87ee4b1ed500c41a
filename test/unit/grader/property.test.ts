/**
 * Property tests inside the sandbox (grader/harness/property.ts on fast-check): a failure is shrunk
 * to the minimal counter-example and names the seed; the same seed gives the same message; cases
 * explored while searching do not leave sticky failures behind; a learner's throw is a wrong answer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '@/grader/worker/worker-pool';
import { repoRootDir, runSuiteSource } from './fast-lab';

const pool = new WorkerPool({ size: 1, sandbox: 'isolated-vm', rootDir: repoRootDir });
afterAll(() => pool.close());

const runSuite = (testsSource: string, solutionSource: string) => runSuiteSource(pool, testsSource, solutionSource, { messageChars: 600, cpuTimeMs: 5_000, memoryMb: 64 });

const suite = `
import { expect, forSeeds, test } from '../../grader/harness/api';
import { differential, fc, property } from '../../grader/harness/property';
import { quorum, clamp } from './solution';
forSeeds('quorum is a strict majority', [7, 8], (seed) =>
  differential('quorum(n)', { seed, arbitrary: fc.integer({ min: 1, max: 9 }), actual: (n) => quorum(n), expected: (n) => Math.floor(n / 2) + 1 }));
test('clamp stays in range', () =>
  property('clamp(x, lo, hi) in [lo, hi]', fc.tuple(fc.integer(), fc.integer(), fc.integer()).map(([x, a, b]) => [x, Math.min(a, b), Math.max(a, b)] as const),
    ([x, lo, hi]) => { const c = clamp(x, lo, hi); expect(c >= lo && c <= hi).toBe(true); }, { seed: 3 }));
`;

describe('property tests in the sandbox', () => {
  it('pass for a correct solution', async () => {
    const verdict = await runSuite(suite, 'export const quorum = (n: number) => Math.floor(n / 2) + 1;\nexport const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));');
    expect(verdict.status, JSON.stringify(verdict.tests)).toBe('pass');
  });

  it('shrink a failure to the minimal case, with both answers and the seed', async () => {
    // ceil(n/2) is right for odd n and wrong for every even n: the minimal counter-example is n = 2.
    const verdict = await runSuite(suite, 'export const quorum = (n: number) => Math.ceil(n / 2);\nexport const clamp = (x: number, lo: number, hi: number) => x;');
    const quorum = verdict.tests.find((t) => t.name === 'quorum is a strict majority [seed 7]')!;
    expect(quorum.status).toBe('fail');
    expect(quorum.message).toMatch(/quorum\(n\) \(seed 7\): minimal counter-example after \d+ cases and \d+ shrinks: 2 — .*expected 2, got 1/);
    const clamp = verdict.tests.find((t) => t.name === 'clamp stays in range')!;
    expect(clamp.status).toBe('fail');
    // The sticky failure of the first explored case does not replace the shrunk one.
    expect(clamp.message).toMatch(/minimal counter-example after \d+ cases and [1-9]\d* shrinks: \[-?\d+, -?\d+, -?\d+\] — AssertionError: expected false to be true/);
    expect(clamp.message).toContain('seed 3');
  });

  it('give the same message for the same seed, and report a throw as a wrong answer', async () => {
    const wrong = 'export const quorum = (n: number) => { if (n % 2 === 0) throw new RangeError("even"); return Math.floor(n / 2) + 1; };\nexport const clamp = (x: number) => x;';
    const [a, b] = await Promise.all([runSuite(suite, wrong), runSuite(suite, wrong)]);
    const message = (v: typeof a) => v.tests.find((t) => t.name === 'quorum is a strict majority [seed 8]')!.message;
    expect(message(a)).toBe(message(b));
    expect(message(a)).toMatch(/: \d*[02468] — .*your code threw RangeError: even; expected \d+/);
  });
});
