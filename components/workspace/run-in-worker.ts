/**
 * "Run" in the browser: fetch the lab's visible suite once (GET /api/labs/[lab]/visible-suite),
 * transpile the learner's TypeScript with sucrase, compose the worker script (lib/labs/run-script.ts)
 * and run it in a dedicated Web Worker that is terminated at the lab's wall-time limit. The code
 * never leaves the browser. Results are assembled by the grader's own assembleVerdict, so Run and
 * Submit report in one shape.
 *
 * Every Run gets a worker of its own, terminated when the Run ends: no run sees another's state. To
 * take the worker's start, the script's compilation and the harness's boot off the Run's path, one
 * worker per lab is started ahead of time for the code the next Run most likely has: the saved draft
 * once the suite is preloaded, the saved draft again after each Run once its verdict is painted, and,
 * from the first Run on, the saved draft whenever it has stood still for a second (read once a second).
 * Such a worker stops before the tests, having run none of the learner's code, and waits for the start
 * message; a Run whose code is exactly that worker's uses it, any other Run (or one whose worker failed
 * before it was ready) starts a worker as before. The CSP keeps the learner's code in the worker's own
 * script (see run-script.ts), so a worker holding only the suite cannot be prepared for code not yet written.
 * User Timing marks (dsd:run-prestart, dsd:run-start) say which worker each Run used (benches, tests).
 *
 * Loaded with a dynamic import from the workspace, so sucrase and zod stay out of the page's first load.
 */
import { assembleVerdict } from '@/grader/assemble-result';
import type { SandboxRun } from '@/grader/sandbox/sandbox';
import type { TestResult } from '@/grader/results-schema';
import { compileLearnerCode, composeRunScript, START_MESSAGE, type CompileDiagnostic, type WorkerMessage } from '@/lib/labs/run-script';
import { suiteHeaders } from '@/lib/labs/visible-suite-protocol';
import { readLocal } from './use-draft';

interface LoadedSuite {
  script: string;
  stageIds: string[];
  wallTimeMs: number;
}

export interface RunResult {
  status: 'pass' | 'fail' | 'error';
  message?: string;
  errorKind?: string;
  tests: TestResult[];
  /** A syntax error, located in the learner's file. */
  diagnostic?: CompileDiagnostic;
  timings: { fetchMs: number; transpileMs: number; runMs: number; totalMs: number };
}

export interface RunProgress {
  planned: { name: string; stage?: string; seed?: number }[];
  done: TestResult[];
}

/** The words of a Run's own messages, in the learner's language (the workspace passes them; English by default). */
export interface RunTexts {
  compileError(where: string, message: string): string;
  cancelled(): string;
  timeLimit(limitMs: number): string;
  workerFailed(): string;
  /** The run's sentence when it was stopped at its time limit or crashed (the grader's words otherwise). */
  stoppedTimeout(detail: string): string;
  stoppedCrash(detail: string): string;
}

export const ENGLISH_RUN_TEXTS: RunTexts = {
  compileError: (where, message) => `Your code does not compile: ${where}: ${message}`,
  cancelled: () => 'the run was cancelled',
  timeLimit: (limitMs) => `the visible tests did not finish within ${limitMs} ms`,
  workerFailed: () => 'the worker failed',
  stoppedTimeout: (detail) => `Time limit exceeded: ${detail} (an infinite loop, or work that never ends?).`,
  stoppedCrash: (detail) => `The sandbox stopped unexpectedly: ${detail}.`,
};

/** The visible suite could not be downloaded; `status` is the HTTP status (the workspace words it). */
export class SuiteUnavailableError extends Error {
  override name = 'SuiteUnavailableError';
  constructor(readonly status: number) {
    super(`the visible tests could not be loaded (HTTP ${status})`);
  }
}

const suites = new Map<string, Promise<LoadedSuite>>();

async function fetchSuite(labId: string): Promise<LoadedSuite> {
  const response = await fetch(`/api/labs/${encodeURIComponent(labId)}/visible-suite`, { credentials: 'same-origin' });
  if (!response.ok) throw new SuiteUnavailableError(response.status);
  const script = await response.text();
  const stageIds = (response.headers.get(suiteHeaders.stageIds) ?? '').split(',').filter(Boolean);
  const wallTimeMs = Number(response.headers.get(suiteHeaders.wallTimeMs) ?? '5000') || 5000;
  return { script, stageIds, wallTimeMs };
}

/**
 * Starts (or reuses) the download of the lab's visible suite; call early so the first Run is instant.
 * Once it is in, a worker is started ahead of time for the saved draft, if there is one.
 */
export function preloadSuite(labId: string): Promise<LoadedSuite> {
  let pending = suites.get(labId);
  if (!pending) {
    pending = fetchSuite(labId);
    pending.then(
      () => schedulePrestart(labId),
      () => suites.delete(labId),
    );
    suites.set(labId, pending);
  }
  return pending;
}

/** A worker started ahead of a Run, for one lab, suite and source; used by at most one Run. */
interface PrestartedWorker {
  suite: LoadedSuite;
  source: string;
  worker: Worker;
  url: string;
  /** `failed`: it crashed or errored before it was ready (it is terminated; a Run with this source starts a worker as before). */
  state: 'starting' | 'ready' | 'failed';
}

const prestarted = new Map<string, PrestartedWorker>();
/** Runs in progress per lab: nothing is started ahead for a lab meanwhile. */
const running = new Map<string, number>();
const pendingPrestart = new Map<string, () => void>();
/** Labs watched while the page shows them (see watchLab). */
const watched = new Map<string, { follow: boolean; lastSeen: string | null; tried: string | null }>();
const WATCH_INTERVAL_MS = 1000;

function startWorker(labId: string, learnerCommonJs: string, suite: LoadedSuite): { worker: Worker; url: string } {
  const url = URL.createObjectURL(new Blob([composeRunScript(learnerCommonJs, suite.script)], { type: 'text/javascript' }));
  try {
    return { worker: new Worker(url, { name: `run-${labId}` }), url };
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
}

function discard(entry: PrestartedWorker): void {
  entry.worker.terminate();
  URL.revokeObjectURL(entry.url);
}

/** Forgets the lab's started-ahead worker, if any, and terminates it (a failed one already is). */
function dropPrestarted(labId: string): void {
  const entry = prestarted.get(labId);
  prestarted.delete(labId);
  if (entry && entry.state !== 'failed') discard(entry);
}

function readSavedDraft(labId: string): string | null {
  return readLocal(labId)?.code ?? null;
}

/** True while this page still shows the lab (the workspace lives at /labs/<lab>). */
function onLabPage(labId: string): boolean {
  return typeof location !== 'undefined' && location.pathname.replace(/\/+$/, '').endsWith(`/labs/${encodeURIComponent(labId)}`);
}

function mark(name: string, detail: Record<string, unknown>): void {
  try {
    performance.mark(name, { detail });
  } catch {
    // User Timing is a diagnostic only.
  }
}

/** Starts a worker for `source` ahead of the Run, replacing the lab's previous one; a no-op if one for this exact source and suite exists. */
function prestart(labId: string, suite: LoadedSuite, source: string): void {
  const existing = prestarted.get(labId);
  if (existing && existing.suite === suite && existing.source === source) return;
  dropPrestarted(labId);
  const compiled = compileLearnerCode(source);
  if (!compiled.ok) return;
  let started: { worker: Worker; url: string };
  try {
    started = startWorker(labId, compiled.code, suite);
  } catch {
    return;
  }
  const entry: PrestartedWorker = { suite, source, ...started, state: 'starting' };
  const fail = () => {
    if (entry.state === 'failed') return;
    entry.state = 'failed';
    discard(entry);
  };
  entry.worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    if (event.data?.type === 'ready' && entry.state === 'starting') entry.state = 'ready';
    else fail();
  };
  entry.worker.onerror = (event) => {
    event.preventDefault();
    fail();
  };
  prestarted.set(labId, entry);
  watchLab(labId, false);
  mark('dsd:run-prestart', { labId, worker: entry.url });
}

/** The lab's started-ahead worker if it was made for exactly this suite and source and has not failed; any other is terminated. */
function takePrestarted(labId: string, suite: LoadedSuite, source: string): PrestartedWorker | undefined {
  const entry = prestarted.get(labId);
  if (entry && entry.state !== 'failed' && entry.suite === suite && entry.source === source) {
    prestarted.delete(labId);
    return entry;
  }
  dropPrestarted(labId);
  return undefined;
}

function cancelScheduledPrestart(labId: string): void {
  pendingPrestart.get(labId)?.();
  pendingPrestart.delete(labId);
}

/**
 * Once the page has painted (after a Run: with its verdict on screen), starts a worker for the saved draft, or for
 * `fallback` when there is none. The page's own cost is the transpile and a Blob; the worker boots on its thread.
 */
function schedulePrestart(labId: string, fallback?: string): void {
  if (typeof Worker === 'undefined' || typeof window === 'undefined') return;
  cancelScheduledPrestart(labId);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    pendingPrestart.delete(labId);
    void prestartFromDraft(labId, fallback);
  };
  // After the next frame is painted: a rAF callback runs just before the paint, a task queued from it just after.
  const frame = typeof window.requestAnimationFrame === 'function' ? window.requestAnimationFrame(() => (timer = setTimeout(fire, 0))) : undefined;
  if (frame === undefined) timer = setTimeout(fire, 50);
  pendingPrestart.set(labId, () => {
    if (frame !== undefined) window.cancelAnimationFrame(frame);
    clearTimeout(timer);
  });
}

async function prestartFromDraft(labId: string, fallback?: string): Promise<void> {
  if (running.has(labId) || !onLabPage(labId)) return;
  const source = readSavedDraft(labId) ?? fallback;
  if (source === undefined) return;
  const suite = await suites.get(labId)?.catch(() => undefined);
  if (!suite || running.has(labId)) return;
  prestart(labId, suite, source);
}

/**
 * Keeps an eye on the lab while the page shows it, once a second: when the page leaves the lab, the worker started
 * ahead is terminated and the watch ends. With `follow` (from the first Run on), it also follows the saved draft:
 * once the draft has stood still for a tick, a worker is started for it, so an edit, a pause and a Run finds its
 * worker ready. Each text gets at most one try (a draft that does not compile gets none).
 */
function watchLab(labId: string, follow: boolean): void {
  if (typeof window === 'undefined') return;
  const existing = watched.get(labId);
  if (existing) {
    existing.follow ||= follow;
    return;
  }
  const state = { follow, lastSeen: readSavedDraft(labId), tried: null as string | null };
  watched.set(labId, state);
  const tick = () => {
    if (!onLabPage(labId)) {
      watched.delete(labId);
      cancelScheduledPrestart(labId);
      dropPrestarted(labId);
      return;
    }
    if (state.follow && !document.hidden && !running.has(labId)) {
      const draft = readSavedDraft(labId);
      if (draft !== state.lastSeen) state.lastSeen = draft;
      else if (draft !== null && draft !== state.tried && prestarted.get(labId)?.source !== draft) {
        state.tried = draft;
        void prestartFromDraft(labId);
      }
    }
    setTimeout(tick, WATCH_INTERVAL_MS);
  };
  setTimeout(tick, WATCH_INTERVAL_MS);
}

function parseLines(chunk: string, progress: RunProgress): void {
  for (const line of chunk.split('\n')) {
    if (!line) continue;
    try {
      const event = JSON.parse(line) as { type?: string; tests?: RunProgress['planned']; test?: TestResult };
      if (event.type === 'plan' && Array.isArray(event.tests)) progress.planned = event.tests;
      else if (event.type === 'result' && event.test) progress.done = [...progress.done, event.test];
    } catch {
      // assembleVerdict reports malformed output at the end.
    }
  }
}

export interface RunOptions {
  onProgress?: (progress: RunProgress) => void;
  signal?: AbortSignal;
  /** Overrides the lab's wall-time limit (tests). */
  timeLimitMs?: number;
  texts?: RunTexts;
}

/** Runs the lab's visible tests on `source` in a fresh worker. Never throws for learner faults; they come back as results. */
export async function runVisibleTests(labId: string, source: string, options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const texts = options.texts ?? ENGLISH_RUN_TEXTS;
  const suite = await preloadSuite(labId);
  const fetchMs = performance.now() - started;
  const compiled = compileLearnerCode(source);
  if (!compiled.ok) {
    const { line, column, message } = compiled.diagnostic;
    return {
      status: 'error',
      errorKind: 'compile',
      message: texts.compileError(`solution.ts:${line}:${column}`, message),
      tests: [],
      diagnostic: compiled.diagnostic,
      timings: { fetchMs, transpileMs: compiled.durationMs, runMs: 0, totalMs: performance.now() - started },
    };
  }
  const limitMs = options.timeLimitMs ?? suite.wallTimeMs;
  const chunks: string[] = [];
  const progress: RunProgress = { planned: [], done: [] };

  /**
   * Runs the tests in `handle`'s worker: posts the start message, applies the time limit and the cancel signal.
   * For a worker started ahead (`ahead`), a crash or error before it said `ready` resolves 'not-started', so the
   * Run starts a worker of its own, as it would have without one started ahead.
   */
  const execute = (handle: Pick<PrestartedWorker, 'worker' | 'url' | 'state'>, ahead: boolean): Promise<Pick<SandboxRun, 'outcome' | 'chunks' | 'detail'> | 'not-started'> => {
    const { worker, url } = handle;
    let ready = handle.state === 'ready';
    mark('dsd:run-start', { labId, worker: url, prestarted: ahead, ready });
    const stopped = () => (ahead && !ready ? 'not-started' : 'crashed');
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: SandboxRun['outcome'] | 'not-started', detail?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.terminate();
        URL.revokeObjectURL(url);
        options.signal?.removeEventListener('abort', onAbort);
        resolve(outcome === 'not-started' ? outcome : { outcome, chunks, ...(detail === undefined ? {} : { detail }) });
      };
      const onAbort = () => finish('crashed', texts.cancelled());
      const timer = setTimeout(() => finish('timeout', texts.timeLimit(limitMs)), limitMs);
      options.signal?.addEventListener('abort', onAbort);
      worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
        const message = event.data;
        if (message.type === 'ready') ready = true;
        else if (message.type === 'chunk') {
          chunks.push(message.chunk);
          parseLines(message.chunk, progress);
          options.onProgress?.(progress);
        } else if (message.type === 'done') finish('completed');
        else finish(stopped(), message.message);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish(stopped(), event.message || texts.workerFailed());
      };
      worker.postMessage(START_MESSAGE);
    });
  };

  cancelScheduledPrestart(labId);
  running.set(labId, (running.get(labId) ?? 0) + 1);
  let runStarted = performance.now();
  let run: Pick<SandboxRun, 'outcome' | 'chunks' | 'detail'> | 'not-started';
  try {
    const ahead = takePrestarted(labId, suite, source);
    run = ahead ? await execute(ahead, true) : 'not-started';
    if (run === 'not-started') {
      // The current path: a worker started now (also when the one started ahead failed before it was ready).
      chunks.length = 0;
      progress.planned = [];
      progress.done = [];
      runStarted = performance.now();
      run = await execute({ ...startWorker(labId, compiled.code, suite), state: 'starting' }, false);
    }
  } finally {
    const left = (running.get(labId) ?? 1) - 1;
    if (left > 0) running.set(labId, left);
    else running.delete(labId);
  }
  const runMs = performance.now() - runStarted;
  if (run === 'not-started') run = { outcome: 'crashed', chunks, detail: texts.workerFailed() };
  if (!options.signal?.aborted) {
    // The next Run's worker, once the verdict is on screen.
    schedulePrestart(labId, source);
    watchLab(labId, true);
  }
  const verdict = assembleVerdict(run, suite.stageIds);
  const message = localizedStop(run, verdict.message, texts);
  return {
    status: verdict.status,
    ...(message === undefined ? {} : { message }),
    ...(verdict.errorKind === undefined ? {} : { errorKind: verdict.errorKind }),
    tests: verdict.tests,
    timings: { fetchMs, transpileMs: compiled.durationMs, runMs, totalMs: performance.now() - started },
  };
}

/**
 * The grader words a stopped run in English ("Time limit exceeded: …"); for a Run the detail is
 * ours, so the sentence is put in the learner's language too (the English text is the grader's own).
 */
export function localizedStop(run: Pick<SandboxRun, 'outcome' | 'detail'>, message: string | undefined, texts: RunTexts): string | undefined {
  if (message === undefined || run.detail === undefined || texts === ENGLISH_RUN_TEXTS) return message;
  const english = run.outcome === 'timeout' ? ENGLISH_RUN_TEXTS.stoppedTimeout(run.detail) : run.outcome === 'crashed' ? ENGLISH_RUN_TEXTS.stoppedCrash(run.detail) : null;
  if (english === null || !message.startsWith(english)) return message;
  const local = run.outcome === 'timeout' ? texts.stoppedTimeout(run.detail) : texts.stoppedCrash(run.detail);
  return local + message.slice(english.length);
}
