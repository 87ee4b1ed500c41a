import { resolveObjectURL } from 'node:buffer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runVisibleTests, preloadSuite, type RunResult } from '@/components/workspace/run-in-worker';
import { START_MESSAGE } from '@/lib/labs/run-script';

/**
 * The page side of Run with a scripted stand-in for Web Worker (node has none): which worker a Run uses, what it is
 * told, when it is terminated. The composed script itself runs in real Chromium (test/e2e/run-warm.e2e.ts).
 */

class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  readonly posted: unknown[] = [];
  terminated = false;
  readonly script: Promise<string>;
  constructor(
    readonly url: string,
    readonly options: { name?: string },
  ) {
    this.script = resolveObjectURL(url)?.text() ?? Promise.resolve('');
    FakeWorker.all.push(this);
  }
  postMessage(data: unknown): void {
    this.posted.push(data);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker posts `data` (as the run script's driver would). */
  emit(data: unknown): void {
    if (!this.terminated) this.onmessage?.({ data });
  }
  fail(message: string): void {
    if (!this.terminated) this.onerror?.({ message, preventDefault() {} });
  }
  get started(): boolean {
    return this.posted.some((m) => JSON.stringify(m) === JSON.stringify(START_MESSAGE));
  }
}

const drafts = new Map<string, string>();
const saved = globalThis as Record<string, unknown>;
const stubs: Record<string, unknown> = {
  Worker: FakeWorker,
  window: globalThis,
  document: { hidden: false },
  location: { pathname: '/labs/x' },
  requestAnimationFrame: (cb: () => void) => setTimeout(cb, 0) as unknown as number,
  cancelAnimationFrame: (id: number) => clearTimeout(id),
  localStorage: { getItem: (key: string) => (drafts.has(key) ? JSON.stringify({ code: drafts.get(key), updatedAt: '', synced: false }) : null) },
  fetch: async () => new Response('/* suite */', { status: 200, headers: { 'x-lab-stages': 'one', 'x-lab-wall-time-ms': '5000' } }),
};
const previous: Record<string, PropertyDescriptor | undefined> = {};

beforeAll(() => {
  for (const [key, value] of Object.entries(stubs)) {
    previous[key] = Object.getOwnPropertyDescriptor(globalThis, key);
    Object.defineProperty(globalThis, key, { value, writable: true, configurable: true });
  }
});
afterAll(() => {
  for (const key of Object.keys(stubs)) {
    const d = previous[key];
    if (d) Object.defineProperty(globalThis, key, d);
    else delete saved[key];
  }
});

let labCount = 0;
let lab = '';
beforeEach(() => {
  FakeWorker.all = [];
  lab = `lab-${++labCount}`;
  (globalThis as unknown as { location: { pathname: string } }).location.pathname = `/labs/${lab}`;
});

const draftKey = (id: string) => `dsd:lab-draft:${id}`;
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));
const plan = JSON.stringify({ type: 'plan', tests: [{ name: 't', stage: 'one' }] });
const pass = JSON.stringify({ type: 'result', test: { name: 't', stage: 'one', status: 'pass', durationMs: 1 } });

async function waitFor<T>(get: () => T | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = get();
    if (value) return value;
    await tick(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The worker that receives the next start message, answered as a passing suite. */
async function answerNextStart(exclude: Set<FakeWorker> = new Set()): Promise<FakeWorker> {
  const worker = await waitFor(() => FakeWorker.all.find((w) => w.started && !exclude.has(w)), 'a started worker');
  worker.emit({ type: 'chunk', chunk: `${plan}\n` });
  worker.emit({ type: 'chunk', chunk: `${pass}\n` });
  worker.emit({ type: 'done' });
  return worker;
}

const runMarks = () => performance.getEntriesByName('dsd:run-start').map((m) => (m as PerformanceMark).detail as { labId: string; prestarted: boolean; ready: boolean });
const source = (n: number) => `let loads = 0;\nloads++;\nexport const x = ${n};\n`;

describe('Run in a worker of its own, started ahead when the code is known', () => {
  it('each Run gets a fresh worker that is started once and terminated; the next one is started ahead, after the verdict', async () => {
    await preloadSuite(lab);
    const first = runVisibleTests(lab, source(1));
    const w1 = await answerNextStart();
    const r1: RunResult = await first;
    expect(r1.status).toBe('pass');
    expect(w1.terminated).toBe(true);
    // After the verdict, a worker for the same code is started ahead: built, not started.
    const ahead = await waitFor(() => FakeWorker.all.find((w) => w !== w1 && !w.terminated), 'a worker started ahead');
    expect(ahead.started).toBe(false);
    expect(await ahead.script).toContain('const x = 1;');
    ahead.emit({ type: 'ready' });

    const second = runVisibleTests(lab, source(1));
    const w2 = await answerNextStart(new Set([w1]));
    expect(w2).toBe(ahead);
    expect((await second).status).toBe('pass');
    expect(w2.terminated).toBe(true);
    // One start message per worker, and never a worker reused across Runs.
    for (const w of FakeWorker.all) expect(w.posted.length).toBeLessThanOrEqual(1);
    const marks = runMarks().filter((m) => m.labId === lab);
    expect(marks.map((m) => [m.prestarted, m.ready])).toEqual([
      [false, false],
      [true, true],
    ]);
  });

  it('a worker started ahead for other code is terminated and the Run starts its own', async () => {
    await preloadSuite(lab);
    const first = runVisibleTests(lab, source(1));
    await answerNextStart();
    await first;
    const ahead = await waitFor(() => FakeWorker.all.find((w) => !w.terminated && !w.started), 'a worker started ahead');
    const second = runVisibleTests(lab, source(2));
    const w2 = await answerNextStart(new Set(FakeWorker.all.filter((w) => w.terminated)));
    expect(w2).not.toBe(ahead);
    expect(ahead.terminated).toBe(true);
    expect(ahead.started).toBe(false);
    expect(await w2.script).toContain('const x = 2;');
    expect((await second).status).toBe('pass');
  });

  it('the saved draft gets a worker once the suite is preloaded, and the first Run uses it', async () => {
    drafts.set(draftKey(lab), source(7));
    await preloadSuite(lab);
    const ahead = await waitFor(() => FakeWorker.all.find((w) => !w.terminated), 'a worker for the saved draft');
    expect(await ahead.script).toContain('const x = 7;');
    const run = runVisibleTests(lab, source(7));
    expect(await answerNextStart()).toBe(ahead);
    expect((await run).status).toBe('pass');
  });

  it('a worker started ahead that fails before it is ready falls back to a worker started for the Run', async () => {
    drafts.set(draftKey(lab), source(3));
    await preloadSuite(lab);
    const ahead = await waitFor(() => FakeWorker.all.find((w) => !w.terminated), 'a worker for the saved draft');
    const run = runVisibleTests(lab, source(3));
    await waitFor(() => ahead.started, 'the start message');
    ahead.fail('out of memory');
    const fresh = await answerNextStart(new Set([ahead]));
    expect(fresh).not.toBe(ahead);
    expect(ahead.terminated).toBe(true);
    expect((await run).status).toBe('pass');
  });

  it('a worker that failed before the Run is not used; the Run reports what its own worker says', async () => {
    drafts.set(draftKey(lab), source(4));
    await preloadSuite(lab);
    const ahead = await waitFor(() => FakeWorker.all.find((w) => !w.terminated), 'a worker for the saved draft');
    ahead.emit({ type: 'crash', message: 'the suite did not start' });
    expect(ahead.terminated).toBe(true);
    const run = runVisibleTests(lab, source(4));
    const fresh = await waitFor(() => FakeWorker.all.find((w) => w !== ahead), 'a fresh worker');
    fresh.emit({ type: 'crash', message: 'the suite did not start' });
    const result = await run;
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/the suite did not start/);
    expect(ahead.started).toBe(false);
  });

  it('a Run on a worker started ahead still stops at the time limit', async () => {
    drafts.set(draftKey(lab), source(5));
    await preloadSuite(lab);
    const ahead = await waitFor(() => FakeWorker.all.find((w) => !w.terminated), 'a worker for the saved draft');
    ahead.emit({ type: 'ready' });
    const result = await runVisibleTests(lab, source(5), { timeLimitMs: 50 });
    expect(ahead.started).toBe(true);
    expect(ahead.terminated).toBe(true);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/^Time limit exceeded: the visible tests did not finish within 50 ms/);
    expect(FakeWorker.all.filter((w) => w.started)).toEqual([ahead]);
  });

  it('a Run on a worker started ahead is cancelled by its signal', async () => {
    drafts.set(draftKey(lab), source(6));
    await preloadSuite(lab);
    const ahead = await waitFor(() => FakeWorker.all.find((w) => !w.terminated), 'a worker for the saved draft');
    ahead.emit({ type: 'ready' });
    const controller = new AbortController();
    const run = runVisibleTests(lab, source(6), { signal: controller.signal });
    await waitFor(() => ahead.started, 'the start message');
    ahead.emit({ type: 'chunk', chunk: `${plan}\n` });
    controller.abort();
    const result = await run;
    expect(ahead.terminated).toBe(true);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/the run was cancelled/);
    // A cancelled Run starts nothing ahead (the Run that cancelled it does).
    await tick(30);
    expect(FakeWorker.all.filter((w) => !w.terminated)).toEqual([]);
  });

  it('a syntax error is reported without touching the worker started ahead', async () => {
    drafts.set(draftKey(lab), source(8));
    await preloadSuite(lab);
    const ahead = await waitFor(() => FakeWorker.all.find((w) => !w.terminated), 'a worker for the saved draft');
    const result = await runVisibleTests(lab, 'const a = ;');
    expect(result.errorKind).toBe('compile');
    expect(ahead.terminated).toBe(false);
    expect(ahead.started).toBe(false);
  });
});
