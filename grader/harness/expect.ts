/**
 * A small expect-style assertion library for lab tests. Failures throw AssertionError and are
 * also recorded on the running test, so learner code that catches the error cannot hide it.
 */
import { describeValue } from './describe-value';
import { recordAssertionFailure } from './registry';

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
  }
}
Object.defineProperty(AssertionError.prototype, 'name', { value: 'AssertionError' });

/**
 * Fails the running test with exactly this message (sticky, like every assertion). For properties
 * a matcher cannot phrase well: `if (dup) fail(`duplicate id ${id} from worker 7 (seed ${seed})`)`.
 */
export function fail(message: string): never {
  recordAssertionFailure(message);
  throw new AssertionError(message);
}

/** Structural equality as toEqual() decides it (same prototypes, arrays, maps, sets, plain objects). */
export function deepEqualValues(a: unknown, b: unknown): boolean {
  return deepEqual(a, b, new Map());
}

function deepEqual(a: unknown, b: unknown, seen: Map<object, object>): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const bArray = b as unknown[];
    if (a.length !== bArray.length) return false;
    return a.every((item, i) => deepEqual(item, bArray[i], seen));
  }
  if (a instanceof Map) {
    const bMap = b as Map<unknown, unknown>;
    if (a.size !== bMap.size) return false;
    for (const [key, value] of a) if (!bMap.has(key) || !deepEqual(value, bMap.get(key), seen)) return false;
    return true;
  }
  if (a instanceof Set) {
    const bSet = b as Set<unknown>;
    if (a.size !== bSet.size) return false;
    for (const value of a) if (!bSet.has(value)) return false;
    return true;
  }
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], seen));
}

export interface Matchers {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toBeTruthy(): void;
  toBeFalsy(): void;
  toBeLessThan(bound: number): void;
  toBeLessThanOrEqual(bound: number): void;
  toBeGreaterThan(bound: number): void;
  toBeGreaterThanOrEqual(bound: number): void;
  toContain(item: unknown): void;
  toHaveLength(length: number): void;
  /** The actual value must be a function that throws; optionally with a message containing `substring`. */
  toThrow(substring?: string): void;
}

export interface Expectation extends Matchers {
  readonly not: Matchers;
}

function matchers(actual: unknown, negated: boolean, label: string | undefined): Matchers {
  const prefix = label ? `${label}: ` : '';
  const show = (value: unknown) => describeValue(value, 200);
  const check = (passed: boolean, describe: (not: string) => string) => {
    if (passed === negated) fail(prefix + describe(negated ? 'not ' : ''));
  };
  const numeric = (bound: number, op: string, passed: (a: number) => boolean) => {
    if (typeof actual !== 'number') fail(`${prefix}expected a number to compare ${op} ${bound}, got ${show(actual)}`);
    check(passed(actual as number), (not) => `expected ${show(actual)} ${not}to be ${op} ${bound}`);
  };
  return {
    toBe: (expected) => check(Object.is(actual, expected), (not) => `expected ${show(actual)} ${not}to be ${show(expected)}`),
    toEqual: (expected) => check(deepEqual(actual, expected, new Map()), (not) => `expected ${show(actual)} ${not}to equal ${show(expected)}`),
    toBeTruthy: () => check(Boolean(actual), (not) => `expected ${show(actual)} ${not}to be truthy`),
    toBeFalsy: () => check(!actual, (not) => `expected ${show(actual)} ${not}to be falsy`),
    toBeLessThan: (bound) => numeric(bound, '<', (a) => a < bound),
    toBeLessThanOrEqual: (bound) => numeric(bound, '≤', (a) => a <= bound),
    toBeGreaterThan: (bound) => numeric(bound, '>', (a) => a > bound),
    toBeGreaterThanOrEqual: (bound) => numeric(bound, '≥', (a) => a >= bound),
    toContain: (item) => {
      const contains = typeof actual === 'string' ? typeof item === 'string' && actual.includes(item) : Array.isArray(actual) && actual.some((x) => Object.is(x, item));
      check(contains, (not) => `expected ${show(actual)} ${not}to contain ${show(item)}`);
    },
    toHaveLength: (length) => {
      const actualLength = (actual as { length?: unknown } | null | undefined)?.length;
      check(actualLength === length, (not) => `expected length ${show(actualLength)} ${not}to be ${length}`);
    },
    toThrow: (substring) => {
      if (typeof actual !== 'function') fail(`${prefix}expected a function to call, got ${show(actual)}`);
      let threw = false;
      let message = '';
      try {
        (actual as () => unknown)();
      } catch (error) {
        threw = true;
        message = error instanceof Error ? error.message : describeValue(error);
      }
      const passed = threw && (substring === undefined || message.includes(substring));
      check(passed, (not) => `expected the call ${not}to throw${substring === undefined ? '' : ` a message containing ${show(substring)}`}${threw ? `; it threw ${show(message)}` : ''}`);
    },
  };
}

/** `expect(actual, label?)`: the optional label prefixes failure messages, e.g. "after heal: expected 3 to be 4". */
export function expect(actual: unknown, label?: string): Expectation {
  return { ...matchers(actual, false, label), not: matchers(actual, true, label) };
}
