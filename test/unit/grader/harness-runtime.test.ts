/** The in-sandbox runner on suites written for these tests: async tests, timers, stages, stickiness. */
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '@/grader/worker/worker-pool';
import { repoRootDir, runSuiteSource } from './fast-lab';

const pool = new WorkerPool({ size: 1, sandbox: 'isolated-vm', rootDir: repoRootDir });
afterAll(() => pool.close());

const runSuite = (testsSource: string, solutionSource = 'export const nothing = 0;', stages = ['one']) => runSuiteSource(pool, testsSource, solutionSource, { stages });

const header = `import { attachTrace, bound, expect, forSeeds, metric, stage, test, testRng } from '../../grader/harness/api';\n`;

describe('harness runtime', () => {
  it('drives async tests on virtual timers: time only moves when a test waits', async () => {
    const verdict = await runSuite(`${header}
      const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
      test('waits 5 s of virtual time instantly', async () => {
        expect(Date.now()).toBe(0);
        await sleep(5_000);
        expect(Date.now()).toBe(5_000);
        await Promise.all([sleep(10), sleep(30), sleep(20)]);
        expect(new Date().getTime()).toBe(5_030);
      });
      test('the clock starts again at zero for the next test', () => { expect(Date.now()).toBe(0); });
      test('intervals fire until cleared', async () => {
        let ticks = 0;
        await new Promise<void>((resolve) => { const id = setInterval(() => { if (++ticks === 4) { clearInterval(id); resolve(); } }, 250); });
        expect([ticks, Date.now()]).toEqual([4, 1_000]);
      });`);
    expect(verdict.tests.map((t) => [t.name, t.status, t.message])).toEqual([
      ['waits 5 s of virtual time instantly', 'pass', undefined],
      ['the clock starts again at zero for the next test', 'pass', undefined],
      ['intervals fire until cleared', 'pass', undefined],
    ]);
  });

  it('fails a test whose promise can never settle, and an async rejection', async () => {
    const verdict = await runSuite(`${header}
      test('waits forever', async () => { await new Promise(() => {}); });
      test('rejects later', async () => { await new Promise((_, reject) => setTimeout(() => reject(new RangeError('late')), 100)); });
      test('still runs after them', () => {});`);
    expect(verdict.tests.map((t) => [t.status, t.message])).toEqual([
      ['error', 'the test threw Error: the test never finished: it waited on a promise that never settled and no timer was pending'],
      ['error', 'the test threw RangeError: late'],
      ['pass', undefined],
    ]);
  });

  it('with bail, stops at the first test that does not pass; the rest report nothing and the run fails', async () => {
    const suite = `${header}
      test('passes', () => {});
      test('fails', () => { expect(1).toBe(2); });
      test('never runs', () => { throw new Error('ran after the bail'); });`;
    const bailed = await runSuiteSource(pool, suite, 'export const nothing = 0;', { stages: ['one'], bail: true });
    expect(bailed.status).not.toBe('pass');
    expect(bailed.tests.map((t) => [t.name, t.status, t.message])).toEqual([
      ['passes', 'pass', undefined],
      ['fails', 'fail', 'expected 1 to be 2'],
      ['never runs', 'error', 'The test did not report a result.'],
    ]);
    const full = await runSuite(suite);
    expect(full.tests.map((t) => t.status)).toEqual(['pass', 'fail', 'error']);
    expect(full.tests[2]!.message).toMatch(/ran after the bail/);
  });

  it('reports stages, seeds, metrics, captured output, and traces only for failures', async () => {
    const verdict = await runSuite(`${header}
      stage('one', () => {
        forSeeds('seeded', [7, 8], (seed, rng) => {
          metric('draws', 2);
          attachTrace({ seed, first: rng.int(100) });
          console.log('seed', seed, Math.random() === testRng().float() ? 'same stream' : 'other stream');
          expect(seed).toBe(7);
        });
      });`);
    expect(verdict.status).toBe('fail');
    const [pass, fail] = verdict.tests;
    expect(pass).toMatchObject({ name: 'seeded [seed 7]', stage: 'one', seed: 7, status: 'pass', metrics: { draws: 2 }, output: 'seed 7 other stream\n' });
    expect(pass?.trace).toBeUndefined();
    expect(fail).toMatchObject({ name: 'seeded [seed 8]', seed: 8, status: 'fail', message: 'expected 8 to be 7' });
    expect(fail?.trace).toMatch(/^\{"seed":8,"first":\d+\}$/);
  });

  it('serializes a trace only when its test fails, as the value stands then; a value that cannot be serialized is described', async () => {
    const verdict = await runSuite(`${header}
      test('a trace that grows after it was attached', () => {
        const ops: string[] = [];
        attachTrace(ops);
        for (let i = 0; i < 3; i++) ops.push('op' + i);
        expect(ops.length, 'after three ops').not.toBe(3);
      });
      test('the last attached trace wins', () => { attachTrace('first'); attachTrace({ second: true }); expect(1).toBeGreaterThan(2); });
      test('a trace whose toJSON throws', () => { attachTrace({ toJSON() { throw new Error('no'); }, n: 1 }); throw new Error('boom'); });
      test('a passing test never serializes its trace', () => { attachTrace({ toJSON() { throw new Error('serialized a passing trace'); } }); });`);
    expect(verdict.tests.map((t) => [t.status, t.message, t.trace])).toEqual([
      ['fail', 'after three ops: expected 3 not to be 3', '["op0","op1","op2"]'],
      ['fail', 'expected 1 to be > 2', '{"second":true}'],
      ['error', 'the test threw Error: boom', expect.stringContaining('n: 1')],
      ['pass', undefined, undefined],
    ]);
  });

  it('refuses a stage lab.json does not declare, and duplicate test names', async () => {
    const unknownStage = await runSuite(`${header} stage('two', () => test('t', () => {}));`);
    expect(unknownStage).toMatchObject({ status: 'error', errorKind: 'lab' });
    const duplicate = await runSuite(`${header} test('t', () => {}); test('t', () => {});`);
    expect(duplicate).toMatchObject({ status: 'error', errorKind: 'load' });
    expect(duplicate.message).toMatch(/duplicate test name: "t"/);
  });

  it('keeps classes extending Error usable under frozen intrinsics (the override mistake is tamed)', async () => {
    const verdict = await runSuite(`${header}
      import { boom } from './solution';
      test('custom error with an assigned name', () => { expect(() => boom()).toThrow('custom'); });`, `
      class CustomError extends Error { constructor(message: string) { super(message); this.name = 'CustomError'; } }
      export function boom(): never { const e = new CustomError('custom'); e.toString = () => 'overridden'; throw e; }`);
    expect(verdict.status).toBe('pass');
  });

  it('seals engine classes: learner code cannot patch a prototype the reference and the checkers share', async () => {
    const verdict = await runSuite(`${header}
      import { RaftLog } from '../../engine/raft/raft-log';
      import { patch } from './solution';
      test('the patch is refused and the reference log is unchanged', () => {
        const log = new RaftLog(0, 0, [{ index: 1, term: 3, data: 'x' }]);
        expect(patch(log).startsWith('TypeError')).toBe(true);
        expect(new RaftLog(0, 0, [{ index: 1, term: 3, data: 'x' }]).lastTerm()).toBe(3);
      });`, `
      export function patch(log: object): string {
        try { (Object.getPrototypeOf(log) as { lastTerm: () => number }).lastTerm = () => 99; return 'patched'; } catch (e) { return String(e); }
      }`);
    expect(verdict.status, JSON.stringify(verdict.tests)).toBe('pass');
  });

  it('errors from a function the tests handed over reach learner code without the test text or a stack', async () => {
    const verdict = await runSuite(`${header}
      import { callIt } from './solution';
      test('callbacks are cleaned', async () => {
        const cb = bound((x: unknown) => { if (x === null) throw new TypeError('secret-hidden-text'); return 1; });
        const asyncCb = bound(async () => { throw new RangeError('secret-async-text'); });
        console.log(await callIt(cb, asyncCb));
      });`, `
      export async function callIt(cb: (x: unknown) => number, asyncCb: () => Promise<void>): Promise<string> {
        const seen: string[] = [];
        try { cb(null); } catch (e) { seen.push(String(e), String((e as Error).stack)); }
        try { await asyncCb(); } catch (e) { seen.push(String(e), String((e as Error).stack)); }
        seen.push(String(new Error('probe').stack));
        return seen.join(' | ');
      }`);
    expect(verdict.status, JSON.stringify(verdict.tests)).toBe('pass');
    const output = verdict.tests[0]?.output ?? '';
    expect(output).toContain('TypeError: TypeError in a function the tests gave your code');
    expect(output).toContain('RangeError: RangeError in a function the tests gave your code');
    expect(output).not.toMatch(/secret|suite\.js|\bat /);
  });
});
