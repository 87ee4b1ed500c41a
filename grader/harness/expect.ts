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

/**
 * One expectation: methods on a shared prototype, `not` built only when asked. (A fresh object of eleven closures, twice,
 * for every expect() call was a tenth of the time of suites that check every operation.)
 */
class Expect implements Expectation {
  constructor(
    private readonly actual: unknown,
    private readonly negated: boolean,
    private readonly label: string | undefined,
  ) {}

  get not(): Matchers {
    return new Expect(this.actual, !this.negated, this.label);
  }

  private fail(message: string): never {
    return fail(this.label ? `${this.label}: ${message}` : message);
  }

  private check(passed: boolean, describe: (not: string) => string): void {
    if (passed === this.negated) this.fail(describe(this.negated ? 'not ' : ''));
  }

  private numeric(bound: number, op: string, passed: (a: number) => boolean): void {
    const actual = this.actual;
    if (typeof actual !== 'number') this.fail(`expected a number to compare ${op} ${bound}, got ${show(actual)}`);
    this.check(passed(actual as number), (not) => `expected ${show(actual)} ${not}to be ${op} ${bound}`);
  }

  toBe(expected: unknown): void {
    this.check(Object.is(this.actual, expected), (not) => `expected ${show(this.actual)} ${not}to be ${show(expected)}`);
  }
  toEqual(expected: unknown): void {
    this.check(deepEqual(this.actual, expected, new Map()), (not) => `expected ${show(this.actual)} ${not}to equal ${show(expected)}`);
  }
  toBeTruthy(): void {
    this.check(Boolean(this.actual), (not) => `expected ${show(this.actual)} ${not}to be truthy`);
  }
  toBeFalsy(): void {
    this.check(!this.actual, (not) => `expected ${show(this.actual)} ${not}to be falsy`);
  }
  toBeLessThan(bound: number): void {
    this.numeric(bound, '<', (a) => a < bound);
  }
  toBeLessThanOrEqual(bound: number): void {
    this.numeric(bound, '≤', (a) => a <= bound);
  }
  toBeGreaterThan(bound: number): void {
    this.numeric(bound, '>', (a) => a > bound);
  }
  toBeGreaterThanOrEqual(bound: number): void {
    this.numeric(bound, '≥', (a) => a >= bound);
  }
  toContain(item: unknown): void {
    const actual = this.actual;
    const contains = typeof actual === 'string' ? typeof item === 'string' && actual.includes(item) : Array.isArray(actual) && actual.some((x) => Object.is(x, item));
    this.check(contains, (not) => `expected ${show(actual)} ${not}to contain ${show(item)}`);
  }
  toHaveLength(length: number): void {
    const actualLength = (this.actual as { length?: unknown } | null | undefined)?.length;
    this.check(actualLength === length, (not) => `expected length ${show(actualLength)} ${not}to be ${length}`);
  }
  toThrow(substring?: string): void {
    const actual = this.actual;
    if (typeof actual !== 'function') this.fail(`expected a function to call, got ${show(actual)}`);
    let threw = false;
    let message = '';
    try {
      (actual as () => unknown)();
    } catch (error) {
      threw = true;
      message = error instanceof Error ? error.message : describeValue(error);
    }
    const passed = threw && (substring === undefined || message.includes(substring));
    this.check(passed, (not) => `expected the call ${not}to throw${substring === undefined ? '' : ` a message containing ${show(substring)}`}${threw ? `; it threw ${show(message)}` : ''}`);
  }
}

function show(value: unknown): string {
  return describeValue(value, 200);
}

/** `expect(actual, label?)`: the optional label prefixes failure messages, e.g. "after heal: expected 3 to be 4". */
export function expect(actual: unknown, label?: string): Expectation {
  return new Expect(actual, false, label);
}
