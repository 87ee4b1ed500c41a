/**
 * The wire protocol between the in-sandbox harness and the host.
 *
 * The suite script defines one global function, `ENTRY_GLOBAL`. The host calls it repeatedly,
 * letting microtasks drain between calls. Each call returns a chunk: a string of zero or more
 * newline-separated JSON events (the empty string means "nothing to report yet, call again"),
 * or `null` when the suite is finished. The first call removes the global and freezes
 * `globalThis`, so learner code never sees the entry point.
 *
 * Types only: this file is bundled into the sandbox and must not import anything.
 */
export const ENTRY_GLOBAL = '__graderStep';

/**
 * The global function a suite script defines around the learner's module, transpiled to CommonJS:
 * (exports, module, require). The suite's stand-in for './solution' calls it (grader/suite-cache.ts).
 */
export const LEARNER_MODULE_GLOBAL = '__dsdLearnerModule';

/**
 * Calling the entry with this argument returns the previous chunk again without advancing.
 * A host whose call was interrupted after the step ran (isolated-vm throws a learner's unhandled
 * promise rejection from the microtask checkpoint, losing the return value) uses it to recover.
 * Unhandled rejections do not fail a test by themselves: tests judge behaviour.
 */
export const REPEAT_COMMAND = 'repeat';

export type TestStatus = 'pass' | 'fail' | 'error';

export interface HarnessTestResult {
  name: string;
  stage?: string;
  status: TestStatus;
  message?: string;
  seed?: number;
  durationMs: number;
  output?: string;
  metrics?: Record<string, number>;
  trace?: string;
}

export interface PlannedTest {
  name: string;
  stage?: string;
  seed?: number;
}

export type HarnessEvent =
  | { type: 'plan'; tests: PlannedTest[] }
  | { type: 'load-error'; message: string; output?: string }
  | { type: 'result'; test: HarnessTestResult };

/** Caps the harness applies to everything it writes out of the sandbox. */
export interface HarnessCaps {
  outputCharsPerTest: number;
  messageChars: number;
  traceChars: number;
}

export interface SuiteOptions {
  caps: HarnessCaps;
  /** Run only the test with exactly this name (replaying one failure). */
  only?: string;
  /**
   * Stop after the first test that does not pass; the tests after it report nothing. For runs that only ask
   * "does this fail?" (the lab contract's mutants), never for a learner's verdict.
   */
  bail?: boolean;
  /**
   * Run every `count`-th test from the `index`-th (0-based) of the registered order: one of `count` shards of a suite
   * graded side by side in separate sandboxes (grader/shards.ts merges them back in the registered order).
   */
  shard?: { index: number; count: number };
}
