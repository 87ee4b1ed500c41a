/**
 * "Run" in the browser: fetch the lab's visible suite once (GET /api/labs/[lab]/visible-suite),
 * transpile the learner's TypeScript with sucrase, compose the worker script (lib/labs/run-script.ts)
 * and run it in a dedicated Web Worker that is terminated at the lab's wall-time limit. The code
 * never leaves the browser. Results are assembled by the grader's own assembleVerdict, so Run and
 * Submit report in one shape.
 *
 * Loaded with a dynamic import from the workspace, so sucrase and zod stay out of the page's first load.
 */
import { assembleVerdict } from '@/grader/assemble-result';
import type { SandboxRun } from '@/grader/sandbox/sandbox';
import type { TestResult } from '@/grader/results-schema';
import { compileLearnerCode, composeRunScript, type CompileDiagnostic, type WorkerMessage } from '@/lib/labs/run-script';
import { suiteHeaders } from '@/lib/labs/visible-suite-protocol';

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

/** Starts (or reuses) the download of the lab's visible suite; call early so the first Run is instant. */
export function preloadSuite(labId: string): Promise<LoadedSuite> {
  let pending = suites.get(labId);
  if (!pending) {
    pending = fetchSuite(labId);
    pending.catch(() => suites.delete(labId));
    suites.set(labId, pending);
  }
  return pending;
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
  const script = composeRunScript(compiled.code, suite.script);
  const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: `run-${labId}` });
  const runStarted = performance.now();
  const chunks: string[] = [];
  const progress: RunProgress = { planned: [], done: [] };
  const limitMs = options.timeLimitMs ?? suite.wallTimeMs;

  const run = await new Promise<Pick<SandboxRun, 'outcome' | 'chunks' | 'detail'>>((resolve) => {
    let settled = false;
    const finish = (outcome: SandboxRun['outcome'], detail?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      URL.revokeObjectURL(url);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ outcome, chunks, ...(detail === undefined ? {} : { detail }) });
    };
    const onAbort = () => finish('crashed', texts.cancelled());
    const timer = setTimeout(() => finish('timeout', texts.timeLimit(limitMs)), limitMs);
    options.signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'chunk') {
        chunks.push(message.chunk);
        parseLines(message.chunk, progress);
        options.onProgress?.(progress);
      } else if (message.type === 'done') finish('completed');
      else finish('crashed', message.message);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish('crashed', event.message || texts.workerFailed());
    };
  });
  const runMs = performance.now() - runStarted;
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
