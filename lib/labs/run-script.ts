/**
 * Browser side of "Run": turns the learner's TypeScript into the script a dedicated Web Worker runs
 * (learner module + visible suite + a driver that steps the harness). No server round trip and no
 * eval: the script becomes the worker's own source through a blob: URL (CSP worker-src 'self' blob:).
 *
 * Layout of the script, top to bottom:
 *   "use strict";
 *   var __dsdLearnerModule = function (exports, module, require) { <learner code, CommonJS> };
 *   (function () { <capture host functions, listen for the start message>; <suite bundle>; <driver> })();
 * The learner's function is declared outside the closure that holds the host functions, so learner
 * code cannot reach postMessage through a name; the harness hardens the realm (frozen intrinsics,
 * virtual Date/timers, seeded Math.random) exactly as in the grader's sandbox.
 *
 * The worker can be started ahead of the Run: evaluating the script compiles it, boots the harness
 * (hardening the realm) and defines the learner's function, but runs none of the learner's code. The
 * driver then posts `ready` and waits for the page's `start` message before its first step (which
 * freezes globalThis and loads the tests and, through them, the learner's module). A worker runs one
 * Run and is terminated; nothing outlives it.
 *
 * Why the learner's code is part of the worker's own script and not sent to a worker that already
 * holds the suite: the app's Content-Security-Policy (script-src 'self' 'unsafe-inline', no 'unsafe-eval',
 * no blob:) applies inside a blob: worker too, so importScripts(blob:), import(blob:), eval and
 * new Function all fail there; the worker's own source (worker-src blob:) is the only way in.
 */
import { transform } from 'sucrase';
import { LEARNER_MODULE_GLOBAL } from './visible-suite-protocol';

export interface CompileDiagnostic {
  line: number;
  column: number;
  message: string;
}

export type CompileResult = { ok: true; code: string; durationMs: number } | { ok: false; diagnostic: CompileDiagnostic; durationMs: number };

/** Messages the run worker posts to the page. `ready`: compiled and booted, waiting for START_MESSAGE. */
export type WorkerMessage = { type: 'ready' } | { type: 'chunk'; chunk: string } | { type: 'done' } | { type: 'crash'; message: string };

/** What the page posts to a run worker to let it run the tests (any message does; this is the one sent). */
export const START_MESSAGE = { type: 'start' } as const;

/** Strips types and turns ES module syntax into CommonJS (sucrase, a few ms); syntax errors come back with 1-based line and column. */
export function compileLearnerCode(source: string): CompileResult {
  const started = performance.now();
  try {
    const { code } = transform(source, { transforms: ['typescript', 'imports'], disableESTransforms: true, filePath: 'solution.ts' });
    // sucrase passes `<!--` through, and in a classic worker script V8 reads it as a comment to the end of the line:
    // text sucrase took for code (say, a template literal holding a `}`) would then close the learner's function and
    // run before the harness hardens the realm. Submit refuses it too (esbuild parses modules, which have no such comments).
    const at = code.indexOf('<!--');
    if (at !== -1) {
      const inSource = source.indexOf('<!--');
      const before = source.slice(0, Math.max(0, inSource));
      const line = inSource === -1 ? 1 : before.split('\n').length;
      const column = inSource === -1 ? 1 : inSource - before.lastIndexOf('\n');
      return { ok: false, diagnostic: { line, column, message: "'<!--' cannot appear in your code, not even in a string or a comment (scripts read it as an HTML comment); write '<' + '!--' instead" }, durationMs: performance.now() - started };
    }
    return { ok: true, code, durationMs: performance.now() - started };
  } catch (error) {
    const e = error as { message?: string; loc?: { line?: number; column?: number } };
    const message = String(e.message ?? error).replace(/\s*\(\d+:\d+\)$/, '');
    const line = Math.max(1, e.loc?.line ?? 1);
    const column = Math.max(1, e.loc?.column ?? 1);
    return { ok: false, diagnostic: { line, column, message }, durationMs: performance.now() - started };
  }
}

/**
 * Listens, before the suite hardens the realm, for the page's start message; `started` settles on the first
 * message. The worker has no other sender than the page that made it, and no learner code runs before it.
 */
const startGate = `const started = new Promise((resolve) => {
  const listen = self.addEventListener.bind(self);
  const unlisten = self.removeEventListener.bind(self);
  const onStart = () => { unlisten('message', onStart); resolve(); };
  listen('message', onStart);
});`;

/**
 * The worker's driver: says it is ready, waits for the start message, then steps the harness, yielding a
 * macrotask whenever an async test waits so its promises settle.
 */
const driver = `
  const step = globalThis.__graderStep;
  if (typeof step !== 'function') { post({ type: 'crash', message: 'the suite did not start' }); return; }
  const channel = new Channel();
  let resume = null;
  channel.port1.onmessage = () => { const r = resume; resume = null; if (r) r(); };
  const nextTask = () => new Promise((r) => { resume = r; channel.port2.postMessage(0); });
  post({ type: 'ready' });
  (async () => {
    await started;
    try {
      for (;;) {
        const chunk = step();
        if (chunk === null || chunk === undefined) break;
        if (typeof chunk !== 'string') throw new TypeError('the harness returned ' + typeof chunk);
        if (chunk.length > 0) post({ type: 'chunk', chunk });
        else await nextTask();
      }
      post({ type: 'done' });
    } catch (error) {
      let message = 'unknown failure';
      try { message = String(error && error.message ? error.message : error).slice(0, 500); } catch {}
      post({ type: 'crash', message });
    }
  })();
`;

/** Composes the worker script from the transpiled learner module and the suite bundle. */
export function composeRunScript(learnerCommonJs: string, suiteScript: string): string {
  return [
    '"use strict";',
    `var ${LEARNER_MODULE_GLOBAL} = function (exports, module, require) {`,
    learnerCommonJs,
    '\n};',
    '(function () {',
    // Host functions, taken before the harness hardens the realm; postMessage is then shadowed so learner code cannot forge results by name.
    'const post = self.postMessage.bind(self);',
    'const Channel = MessageChannel;',
    startGate,
    "Object.defineProperty(self, 'postMessage', { value: undefined, writable: false, configurable: false });",
    suiteScript,
    driver,
    '})();',
  ].join('\n');
}
