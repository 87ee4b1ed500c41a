/**
 * Browser side of "Run": turns the learner's TypeScript into the script a dedicated Web Worker runs
 * (learner module + visible suite + a driver that steps the harness). No server round trip and no
 * eval: the script becomes the worker's own source through a blob: URL (CSP worker-src 'self' blob:).
 *
 * Layout of the script, top to bottom:
 *   "use strict";
 *   var __dsdLearnerModule = function (exports, module, require) { <learner code, CommonJS> };
 *   (function () { <capture host functions>; <suite bundle>; <driver> })();
 * The learner's function is declared outside the closure that holds the host functions, so learner
 * code cannot reach postMessage through a name; the harness hardens the realm (frozen intrinsics,
 * virtual Date/timers, seeded Math.random) exactly as in the grader's sandbox.
 */
import { transform } from 'sucrase';
import { LEARNER_MODULE_GLOBAL } from './visible-suite-protocol';

export interface CompileDiagnostic {
  line: number;
  column: number;
  message: string;
}

export type CompileResult = { ok: true; code: string; durationMs: number } | { ok: false; diagnostic: CompileDiagnostic; durationMs: number };

/** Messages the run worker posts to the page. */
export type WorkerMessage = { type: 'chunk'; chunk: string } | { type: 'done' } | { type: 'crash'; message: string };

/** Strips types and turns ES module syntax into CommonJS (sucrase, a few ms); syntax errors come back with 1-based line and column. */
export function compileLearnerCode(source: string): CompileResult {
  const started = performance.now();
  try {
    const { code } = transform(source, { transforms: ['typescript', 'imports'], disableESTransforms: true, filePath: 'solution.ts' });
    return { ok: true, code, durationMs: performance.now() - started };
  } catch (error) {
    const e = error as { message?: string; loc?: { line?: number; column?: number } };
    const message = String(e.message ?? error).replace(/\s*\(\d+:\d+\)$/, '');
    const line = Math.max(1, e.loc?.line ?? 1);
    const column = Math.max(1, e.loc?.column ?? 1);
    return { ok: false, diagnostic: { line, column, message }, durationMs: performance.now() - started };
  }
}

/** The worker's driver: steps the harness, yielding a macrotask whenever an async test waits so its promises settle. */
const driver = `
  const step = globalThis.__graderStep;
  if (typeof step !== 'function') { post({ type: 'crash', message: 'the suite did not start' }); return; }
  const channel = new Channel();
  let resume = null;
  channel.port1.onmessage = () => { const r = resume; resume = null; if (r) r(); };
  const nextTask = () => new Promise((r) => { resume = r; channel.port2.postMessage(0); });
  (async () => {
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
    "Object.defineProperty(self, 'postMessage', { value: undefined, writable: false, configurable: false });",
    suiteScript,
    driver,
    '})();',
  ].join('\n');
}
