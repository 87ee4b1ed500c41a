/**
 * The API lab authors use in visible.test.ts and hidden.test.ts.
 *
 *   import { test, forSeeds, stage, expect, metric, attachTrace } from '../grader/harness/api';
 *   import { Counter } from './solution';   // the learner's code
 *
 * Free of Node APIs: it runs in the grader's sandbox and in a browser Web Worker.
 */
import { Prng } from '../../engine/sim/prng';
import { AssertionError } from './expect';
import { getCurrentContext, registerTest, withStage } from './registry';

export { expect, fail, AssertionError } from './expect';
export type { Expectation, Matchers } from './expect';

/** Registers a test. `fn` may be async; it may only wait on promises and virtual timers. */
export function test(name: string, fn: () => void | Promise<void>): void {
  registerTest({ name, fn });
}

/**
 * Registers one test per seed, named `${name} [seed ${seed}]`. Each gets its own Prng; a failing
 * test reports its seed so the run can be replayed exactly.
 */
export function forSeeds(name: string, seeds: readonly number[], fn: (seed: number, rng: Prng) => void | Promise<void>): void {
  for (const seed of seeds) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`forSeeds("${name}") needs integer seeds, got ${seed}`);
    registerTest({ name: `${name} [seed ${seed}]`, seed, fn: () => fn(seed, new Prng(seed)) });
  }
}

/** Groups the tests registered in `body` under a stage id declared in lab.json. */
export function stage(id: string, body: () => void): void {
  withStage(id, body);
}

/** Records an efficiency figure the lab defines (RPC count, DB loads) on the running test. */
export function metric(name: string, value: number): void {
  getCurrentContext().metric(name, value);
}

/**
 * Attaches a trace (any JSON-serializable value) to the running test; it is serialized and reported only if the test
 * fails, as the value stands when the test ends (attach a copy to keep a snapshot). The last one attached wins.
 */
export function attachTrace(value: unknown): void {
  getCurrentContext().attachTrace(value);
}

/** The running test's Prng (seeded by its seed, or by its name for plain tests). */
export function testRng(): Prng {
  return getCurrentContext().rng;
}

/**
 * Wraps a function before handing it to learner code: the learner gets a frozen bound copy that
 * has no prototype and whose source cannot be read back. An error it throws (or a promise it
 * rejects) reaches learner code cleaned: the same kind of error with the harness's own message,
 * never the test's text, which learner code could otherwise catch and print. An assertion that
 * failed inside it still fails the test (assertions are sticky), with the test's own message.
 */
export function bound<Args extends unknown[], R>(fn: (...args: Args) => R): (...args: Args) => R {
  const call = fn.bind(undefined);
  const guarded = (...args: Args): R => {
    let result: R;
    try {
      result = call(...args);
    } catch (error) {
      throw cleanedError(error);
    }
    if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
      return (result as unknown as PromiseLike<unknown>).then(undefined, (error: unknown) => {
        throw cleanedError(error);
      }) as R;
    }
    return result;
  };
  return Object.freeze(guarded);
}

const cleanConstructors: Readonly<Record<string, new (message: string) => Error>> = Object.freeze({ TypeError, RangeError, SyntaxError, ReferenceError });

function cleanedError(error: unknown): Error {
  let name = 'Error';
  try {
    if (error instanceof AssertionError) return new AssertionError('the tests rejected this call (the failing test says why)');
    if (error instanceof Error && typeof error.name === 'string') name = error.name;
  } catch {
    // A hostile value (a proxy, a throwing getter): keep the generic name.
  }
  const Kind = cleanConstructors[name] ?? Error;
  return new Kind(`${name} in a function the tests gave your code (its message is hidden: it may quote the hidden tests)`);
}
