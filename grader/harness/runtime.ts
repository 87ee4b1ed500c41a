/**
 * The in-sandbox test runner. boot() hardens the environment, then exposes the step function
 * described in protocol.ts. Tests run one per step; async tests are driven by draining
 * microtasks between steps and firing virtual timers. Only strings this file writes (capped)
 * leave the sandbox.
 */
import { hashSeed, Prng } from '../../engine/sim/prng';
import { AssertionError } from './expect';
import { describeThrown, describeValue } from './describe-value';
import { freezeGlobal, harden } from './harden';
import { OutputCapture } from './output-capture';
import { ENTRY_GLOBAL, REPEAT_COMMAND, type HarnessEvent, type HarnessTestResult, type SuiteOptions } from './protocol';
import { sealRegistry, setCurrentContext, type RegisteredTest, type TestContext } from './registry';
import { VirtualTimers } from './virtual-timers';

export interface BootOptions extends SuiteOptions {
  /** Evaluates the test module (and through it the learner's module). */
  loadSuite: () => unknown;
}

interface RunningTest {
  test: RegisteredTest;
  startedMs: number;
  metrics: Record<string, number>;
  /** The last value attached; serialized only if the test does not pass. */
  trace: { value: unknown } | undefined;
  assertionFailure: string | undefined;
  /** Set when an async test settles. */
  outcome: { threw: boolean; value: unknown } | undefined;
}

const maxMetrics = 32;

function clip(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(0, maxChars - 1))}…`;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

export function boot(options: BootOptions): void {
  const { caps } = options;
  const realNowMs = Date.now;
  const serialize = JSON.stringify;
  const timers = new VirtualTimers();
  const capture = new OutputCapture(caps.outputCharsPerTest);
  let rng = new Prng('load');

  harden({ source: { random: () => rng.float(), nowMs: () => timers.nowMs() }, timers: timers.globals(), console: capture.console() });
  for (const harnessClass of [Prng, VirtualTimers, OutputCapture, AssertionError]) {
    Object.freeze(harnessClass.prototype);
    Object.freeze(harnessClass);
  }

  let phase: 'boot' | 'running' | 'done' = 'boot';
  let tests: readonly RegisteredTest[] = [];
  let nextIndex = 0;
  let running: RunningTest | null = null;
  let inStep = false;
  /** Set by the first test that does not pass when options.bail is on. */
  let bailed = false;

  const line = (event: HarnessEvent) => serialize(event);

  const contextFor = (state: RunningTest): TestContext =>
    Object.freeze({
      rng,
      metric(name: string, value: number) {
        if (typeof name !== 'string' || typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError('metric(name, value) needs a string and a finite number');
        if (!(name in state.metrics) && Object.keys(state.metrics).length >= maxMetrics) throw new RangeError(`more than ${maxMetrics} metrics in one test`);
        state.metrics[clip(name, 64)] = value;
      },
      // Kept as given and serialized when the test fails (traceText): suites attach their trace as they go, on every
      // operation, and serializing each one cost a tenth of their time. A value changed after it was attached is
      // reported as it is when the test ends.
      attachTrace(value: unknown) {
        state.trace = { value };
      },
      recordAssertionFailure(message: string) {
        state.assertionFailure ??= message;
      },
    });

  const traceText = (value: unknown): string => {
    let text: string;
    try {
      text = typeof value === 'string' ? value : (serialize(value) ?? describeValue(value));
    } catch {
      text = describeValue(value, caps.traceChars);
    }
    return clip(text, caps.traceChars);
  };

  const startTest = (test: RegisteredTest): RunningTest => {
    timers.reset();
    capture.begin();
    rng = new Prng(test.seed ?? hashSeed(test.name));
    const state: RunningTest = { test, startedMs: realNowMs(), metrics: Object.create(null), trace: undefined, assertionFailure: undefined, outcome: undefined };
    setCurrentContext(contextFor(state));
    return state;
  };

  const finishTest = (state: RunningTest, outcome: { threw: boolean; value: unknown }): string => {
    setCurrentContext(null);
    timers.reset();
    let status: HarnessTestResult['status'] = 'pass';
    let message: string | undefined;
    if (state.assertionFailure !== undefined) {
      status = 'fail';
      message = state.assertionFailure;
    } else if (outcome.threw) {
      const isAssertion = (() => {
        try {
          return outcome.value instanceof AssertionError;
        } catch {
          return false;
        }
      })();
      status = isAssertion ? 'fail' : 'error';
      message = isAssertion ? (outcome.value as AssertionError).message : `the test threw ${describeThrown(outcome.value, caps.messageChars)}`;
    }
    if (status !== 'pass' && options.bail) bailed = true;
    const result: HarnessTestResult = { name: state.test.name, status, durationMs: Math.max(0, realNowMs() - state.startedMs) };
    if (state.test.stage !== undefined) result.stage = state.test.stage;
    if (state.test.seed !== undefined) result.seed = state.test.seed;
    if (message !== undefined) result.message = clip(message, caps.messageChars);
    // Before the output is closed: a value's toJSON may still print.
    const trace = status !== 'pass' && state.trace !== undefined ? traceText(state.trace.value) : undefined;
    const output = capture.end();
    if (output !== undefined) result.output = output;
    if (Object.keys(state.metrics).length > 0) result.metrics = { ...state.metrics };
    if (trace !== undefined) result.trace = trace;
    return line({ type: 'result', test: result });
  };

  const load = (): string | null => {
    delete (globalThis as Record<string, unknown>)[ENTRY_GLOBAL];
    freezeGlobal();
    capture.begin();
    try {
      options.loadSuite();
    } catch (error) {
      phase = 'done';
      const output = capture.end();
      const message = `loading the tests failed: ${describeThrown(error, caps.messageChars)}`;
      return line(output === undefined ? { type: 'load-error', message } : { type: 'load-error', message, output });
    }
    const registered = sealRegistry();
    tests = options.only === undefined ? registered : registered.filter((t) => t.name === options.only);
    const shard = options.shard;
    if (shard !== undefined) tests = tests.filter((_, i) => i % shard.count === shard.index);
    phase = 'running';
    return line({ type: 'plan', tests: tests.map((t) => ({ name: t.name, ...(t.stage === undefined ? {} : { stage: t.stage }), ...(t.seed === undefined ? {} : { seed: t.seed }) })) });
  };

  const advance = (): string | null => {
    if (phase === 'boot') return load();
    if (bailed) phase = 'done';
    if (phase === 'done') return null;
    if (running !== null) {
      const state = running;
      if (state.outcome !== undefined) {
        running = null;
        return finishTest(state, state.outcome);
      }
      if (timers.hasPending()) {
        try {
          timers.fireNext();
        } catch (error) {
          state.outcome ??= { threw: true, value: error };
        }
        return '';
      }
      running = null;
      return finishTest(state, { threw: true, value: new Error('the test never finished: it waited on a promise that never settled and no timer was pending') });
    }
    const test = tests[nextIndex++];
    if (test === undefined) {
      phase = 'done';
      return null;
    }
    const state = startTest(test);
    let returned: unknown;
    try {
      returned = test.fn();
    } catch (error) {
      return finishTest(state, { threw: true, value: error });
    }
    let thenable = false;
    try {
      thenable = isThenable(returned);
      if (thenable) {
        Promise.resolve(returned).then(
          (value) => {
            state.outcome ??= { threw: false, value };
          },
          (error: unknown) => {
            state.outcome ??= { threw: true, value: error };
          },
        );
      }
    } catch (error) {
      return finishTest(state, { threw: true, value: error });
    }
    if (!thenable) return finishTest(state, { threw: false, value: returned });
    running = state;
    return '';
  };

  let lastChunk: string | null = null;
  const step = function step(command?: unknown): string | null {
    if (command === REPEAT_COMMAND) return lastChunk;
    if (inStep) throw new Error('the grader entry point cannot be called re-entrantly');
    inStep = true;
    try {
      lastChunk = advance();
      return lastChunk;
    } finally {
      inStep = false;
    }
  };
  Object.defineProperty(globalThis, ENTRY_GLOBAL, { value: step, writable: false, enumerable: false, configurable: true });
}
