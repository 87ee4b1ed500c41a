/**
 * Hostile submissions against hello-counter (with a 1.5 s wall-time limit and 32 MB of memory).
 * Each must end in a clean 'error' or 'fail' written by the harness, never crash or hang the
 * host, never leak hidden-test source; afterwards the pool must still grade the reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeSubmission, type GraderDeps } from '@/grader/grade-submission';
import { gradeResultSchema, type GradeResult } from '@/grader/results-schema';
import { WorkerPool } from '@/grader/worker/worker-pool';
import { createFastLabsDir, readLabFile, repoRootDir } from './fast-lab';

const hiddenMarker = 'hidden-audit-marker';
const reference = readLabFile('.meta/reference.ts');

/** A Counter whose apply() body is replaced; the constructor keeps the audit callback. */
const counterWith = (applyBody: string, prelude = '') => `${prelude}
export class Counter {
  constructor(private readonly audit: (entry: unknown) => void) {}
  apply(request: { clientId: string; seq: number; delta: number }): number | null { ${applyBody} }
  value(): number { return 0; }
  sessionCount(): number { return 0; }
}`;

interface Case {
  name: string;
  code: string;
  check?: (result: GradeResult) => void;
}

const timeout = (result: GradeResult) => {
  expect(result).toMatchObject({ status: 'error', errorKind: 'timeout' });
  expect(result.message).toMatch(/^Time limit exceeded/);
};
const failedTestMessage = (pattern: RegExp) => (result: GradeResult) => {
  expect(result.status).toBe('fail');
  expect(result.tests.find((t) => t.status !== 'pass')?.message).toMatch(pattern);
};
const loadError = (pattern: RegExp) => (result: GradeResult) => {
  expect(result).toMatchObject({ status: 'error', errorKind: 'load' });
  expect(result.message).toMatch(pattern);
};

const cases: Case[] = [
  // Infinite loops
  { name: 'sync infinite loop at module load', code: `for (;;) {}\n${reference}`, check: timeout },
  { name: 'sync infinite loop inside apply()', code: counterWith('for (;;) {}'), check: (r) => {
    timeout(r);
    // The hidden run starts with the visible tests: the first one is where the loop was stopped.
    expect(r.tests[0]).toMatchObject({ name: expect.stringMatching(/^visible › /), status: 'error' });
    expect(r.tests[0]?.message).toMatch(/^Stopped while this test was running/);
    expect(r.tests[1]?.message).toBe('Not run: the suite had already been stopped.');
  } },
  { name: 'infinite loop in a microtask callback', code: counterWith('Promise.resolve().then(() => { for (;;) {} }); return 1;'), check: timeout },
  { name: 'endless microtask recursion', code: counterWith('const again = (): unknown => Promise.resolve().then(again); again(); return 1;'), check: (r) => {
    expect(r.status).toBe('error');
    expect(['timeout', 'memory']).toContain(r.errorKind);
  } },
  { name: 'endless async loop', code: counterWith('void (async () => { for (;;) await null; })(); return 1;'), check: timeout },
  { name: 'infinite loop in a getter the tests read', code: counterWith('return { get valueOf() { for (;;) {} } } as never;'), check: (r) => expect(r.status).not.toBe('pass') },
  // Deep recursion and allocation bombs
  { name: 'deep recursion', code: counterWith('const f = (n: number): number => f(n + 1) + 1; return f(0);'), check: failedTestMessage(/RangeError: Maximum call stack size exceeded/) },
  { name: 'array allocation bomb', code: counterWith('const keep: unknown[] = []; for (;;) keep.push(new Array(1e6).fill(request));'), check: (r) => expect(r).toMatchObject({ status: 'error', errorKind: 'memory' }) },
  { name: 'string doubling bomb', code: counterWith('let s = "x"; for (;;) s += s;'), check: (r) => expect(r.status === 'fail' || r.errorKind === 'memory').toBe(true) },
  // Buffers live outside the V8 heap: on a busy machine the time limit may stop the loop before the memory limit does.
  { name: 'ArrayBuffer bomb', code: counterWith('const keep: ArrayBuffer[] = []; for (;;) keep.push(new ArrayBuffer(1 << 24));'), check: (r) => expect(r.status === 'fail' || r.errorKind === 'memory' || r.errorKind === 'timeout').toBe(true) },
  // Each refused 2 GB allocation is a RangeError; on a loaded machine the attempts can also end the run at the memory or time limit: all clean ends.
  { name: 'one huge ArrayBuffer', code: counterWith('return new ArrayBuffer(2 ** 31).byteLength;'), check: (r) => (r.status === 'error' ? expect(['memory', 'timeout']).toContain(r.errorKind) : failedTestMessage(/RangeError/)(r)) },
  // Output floods
  { name: 'console.log flood', code: counterWith('return request.delta;').replace('{}\n  apply', '{ for (let i = 0; i < 200000; i++) console.log("spam".repeat(100), i); }\n  apply'), check: (r) => {
    expect(r.status).toBe('fail');
    for (const t of r.tests) expect(t.output?.length ?? 0).toBeLessThan(2048 + 100);
    expect(r.tests[0]?.output).toContain('output truncated at 2048 characters');
  } },
  { name: 'huge error message', code: counterWith('throw new Error("x".repeat(5_000_000));'), check: (r) => {
    expect(r.status).toBe('fail');
    expect(r.tests[0]?.message?.length).toBeLessThanOrEqual(1000);
  } },
  // Escapes
  { name: 'process.exit', code: `(globalThis as any).process.exit(1);\n${reference}`, check: loadError(/TypeError/) },
  { name: 'require at run time', code: counterWith('return (globalThis as any).require("fs").readFileSync("/etc/passwd").length;'), check: failedTestMessage(/TypeError/) },
  { name: 'static import of a Node module', code: `import { execSync } from 'node:child_process';\n${reference}\nexport const x = execSync;`, check: (r) => expect(r).toMatchObject({ status: 'error', errorKind: 'compile' }) },
  { name: 'dynamic import of a computed specifier', code: counterWith('void import(request.clientId).then((m) => m); return 1;'), check: (r) => expect(r.status).toBe('fail') },
  { name: 'fetch', code: counterWith('return (globalThis as any).fetch("http://example.com") as never;'), check: failedTestMessage(/TypeError/) },
  { name: 'eval reaching for process', code: counterWith('return eval("process.pid");'), check: failedTestMessage(/ReferenceError: process is not defined/) },
  { name: 'Function constructor escape', code: counterWith('return (this as any).constructor.constructor("return process")().pid;'), check: failedTestMessage(/ReferenceError: process is not defined/) },
  { name: 'the global object reached through Function and made writable', code: `const g = Function('return this')(); if (g.__graderStep) g.__graderStep(); g.hijacked = 1;\n${reference}`, check: loadError(/TypeError: Cannot add property hijacked/) },
  { name: 'SharedArrayBuffer and Atomics.wait', code: counterWith('Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return 1;'), check: failedTestMessage(/ReferenceError: Atomics is not defined/) },
  { name: 'WebAssembly', code: counterWith('return (globalThis as any).WebAssembly.Memory ? 1 : 0;'), check: failedTestMessage(/TypeError/) },
  // Prototype pollution and tampering
  { name: 'Object.prototype pollution', code: `(Object.prototype as any).polluted = true;\n${reference}`, check: loadError(/TypeError: Cannot add property polluted/) },
  { name: 'Array.prototype.push replaced', code: `Array.prototype.push = function () { return 0; };\n${reference}`, check: loadError(/TypeError/) },
  { name: 'Object.prototype accessor to spy on the harness', code: `Object.defineProperty(Object.prototype, 'status', { get() { return 'pass'; } });\n${reference}`, check: loadError(/TypeError: Cannot define property status/) },
  { name: 'Math.random replaced', code: `Math.random = () => 0;\n${reference}`, check: loadError(/TypeError/) },
  { name: 'Date.now replaced', code: `Date.now = () => 0;\n${reference}`, check: loadError(/TypeError/) },
  { name: 'JSON.stringify replaced to forge results', code: `JSON.stringify = () => '{"type":"result"}';\n${reference}`, check: loadError(/TypeError/) },
  { name: 'Error.prepareStackTrace hook', code: `(Error as any).prepareStackTrace = (_e: unknown, frames: any[]) => frames.map((f) => String(f.getFunction()));\n${reference}`, check: loadError(/TypeError/) },
  // Reading the harness or hidden test source
  { name: 'toString of a function the tests handed over', code: `export class Counter {
    constructor(audit: (e: unknown) => void) { throw new Error(String(audit) + audit.toString() + Function.prototype.toString.call(audit) + String(Object.getPrototypeOf(audit))); }
    apply() { return 0; } value() { return 0; } sessionCount() { return 0; } }`, check: (r) => {
    expect(r.status).toBe('fail');
    expect(r.tests[0]?.message).toContain('function () { [native code] }');
  } },
  { name: 'arguments.callee.caller', code: counterWith('return (arguments as any).callee.caller.toString();'), check: failedTestMessage(/TypeError/) },
  { name: 'caller through a sloppy Function', code: counterWith('return Function("return arguments.callee.caller")().toString();'), check: failedTestMessage(/TypeError/) },
  { name: 'function.caller of a method', code: counterWith('return (this.apply as any).caller;'), check: failedTestMessage(/TypeError/) },
  { name: 'stack trace inspection', code: counterWith('throw new Error(String(new Error("probe").stack));'), check: (r) => {
    expect(r.status).toBe('fail');
    for (const t of r.tests) expect(t.message ?? '').not.toMatch(/suite\.js|\s+at \S+ \(/);
  } },
  { name: 'catch and print what a test callback throws', code: counterWith('try { this.audit(null); } catch (e) { console.log(String(e), (e as Error).message, String((e as Error).stack)); } return request.delta;'), check: (r) => {
    expect(r.status).toBe('fail');
    // The visible tests' own callback is public text; the hidden suite's must not reach the output.
    const output = r.tests.filter((t) => !t.name.startsWith('visible › ')).map((t) => t.output ?? '').join('\n');
    expect(output).toContain('TypeError in a function the tests gave your code');
    expect(output).not.toMatch(/hidden-audit-marker|suite\.js|\s+at \S+ \(/);
  } },
  // Hostile values
  { name: 'throwing a number', code: counterWith('throw 42;'), check: failedTestMessage(/^the test threw a non-Error value was thrown: 42$/) },
  { name: 'throwing undefined', code: counterWith('throw undefined;'), check: failedTestMessage(/non-Error value was thrown: undefined/) },
  { name: 'throwing a proxy whose every trap throws', code: counterWith('throw new Proxy({}, { get() { throw 1; }, getPrototypeOf() { throw 1; }, ownKeys() { throw 1; }, has() { throw 1; } });'), check: failedTestMessage(/could not be described/) },
  { name: 'throwing an Error whose message getter throws', code: counterWith('const e = new Error("x"); Object.defineProperty(e, "message", { get() { throw new Error("gotcha"); } }); throw e;'), check: failedTestMessage(/could not be described/) },
  { name: 'returning a proxy that throws on every trap', code: counterWith('return new Proxy({}, { get() { throw 1; }, getPrototypeOf() { throw 1; }, ownKeys() { throw 1; } }) as never;'), check: (r) => expect(r.status).toBe('fail') },
  { name: 'unhandled promise rejections on every call', code: counterWith('void Promise.reject(new Error("unhandled")); return request.delta;'), check: (r) => {
    expect(r.status).toBe('fail');
    expect(r.errorKind).toBeUndefined();
    // Every test reported: the rejections stopped nothing.
    expect(r.tests.every((t) => t.status === 'pass' || t.status === 'fail')).toBe(true);
    // apply() answered a#1 correctly despite its rejection; the test went on to b#1.
    expect(r.tests.find((t) => t.name === 'fresh requests from several clients are each applied once')?.message).toBe('expected 3 to be 7');
  } },
  { name: 'swallowing the assertion error inside audit()', code: counterWith('try { this.audit(null); } catch {} return request.delta;'), check: (r) => expect(r.status).toBe('fail') },
];

const { labsDir, cleanup } = createFastLabsDir({ cpuTimeMs: 4000, memoryMb: 32 });
const pool = new WorkerPool({ size: 3, sandbox: 'isolated-vm', rootDir: repoRootDir });
const deps: GraderDeps = { pool, labsDir };
const results = new Map<string, GradeResult>();

beforeAll(async () => {
  const graded = await Promise.all(cases.map((c) => gradeSubmission({ labId: 'hello-counter', code: c.code, mode: 'hidden' }, deps)));
  graded.forEach((result, i) => results.set(cases[i]!.name, result));
}, 120_000);

afterAll(async () => {
  await pool.close();
  cleanup();
});

describe('abuse suite: hostile submissions end cleanly', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = results.get(c.name)!;
    expect(gradeResultSchema.parse(result)).toEqual(result);
    expect(['fail', 'error']).toContain(result.status);
    expect(JSON.stringify(result)).not.toContain(hiddenMarker);
    c.check?.(result);
  });

  it('the pool still grades the reference correctly afterwards', async () => {
    const result = await gradeSubmission({ labId: 'hello-counter', code: reference, mode: 'hidden' }, deps);
    expect(result.status).toBe('pass');
  });
});

describe('determinism inside the sandbox', () => {
  it('Math.random and Date are seeded and virtual: two runs give identical answers, and the clock reads 0', async () => {
    const code = counterWith('console.log(Math.random(), Date.now(), new Date().getTime(), typeof performance); return Math.floor(Math.random() * 1000);');
    const [a, b] = await Promise.all([0, 1].map(() => gradeSubmission({ labId: 'hello-counter', code, mode: 'visible' }, deps)));
    expect(a!.tests.map((t) => [t.message, t.output])).toEqual(b!.tests.map((t) => [t.message, t.output]));
    expect(a!.tests[0]?.output).toMatch(/^0\.\d+ 0 0 undefined\n/);
  });
});
