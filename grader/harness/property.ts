/**
 * Property tests for lab suites, on fast-check: a rule is checked on generated inputs (and
 * generated sizes), and a failure is shrunk to a minimal counter-example that the message names
 * with the seed that replays it. The run is a pure function of the seed: fast-check draws from its
 * own seeded generator, never from Math.random or the clock.
 *
 *   forSeeds('vote granting matches the rules', seeds(4), (seed) =>
 *     differential({ seed, arbitrary: voteCase, actual: (c) => requestVote(...c), expected: (c) => reference(...c) }));
 */
import fc from 'fast-check';
import { describeThrown, describeValue } from './describe-value';
import { deepEqualValues, fail } from './expect';
import { withoutStickyFailures } from './registry';

export { fc };

export interface PropertyOptions<T> {
  /** The test's seed (forSeeds gives one per test). */
  seed: number;
  /** Generated cases per seed (default 200). */
  numRuns?: number;
  /** How a case reads in the failure message (default: a compact JSON-like rendering). */
  describeCase?: (value: T) => string;
  /** Report the first failing case without shrinking it (for cases that each run a whole simulation). */
  endOnFailure?: boolean;
}

function failureMessage<T>(what: string, details: fc.RunDetails<[T]>, options: PropertyOptions<T>, why: string): string {
  const example = details.counterexample?.[0] as T;
  const shown = options.describeCase ? options.describeCase(example) : describeValue(example, 600);
  const kind = options.endOnFailure ? 'counter-example' : 'minimal counter-example';
  return `${what} (seed ${options.seed}): ${kind} after ${details.numRuns} cases and ${details.numShrinks} shrinks: ${shown} — ${why}`;
}

/**
 * Fails the running test unless `check` holds for every generated case. `check` returns false or
 * throws (expect() is fine) to reject a case; its last message is quoted for the minimal case.
 */
export function property<T>(what: string, arbitrary: fc.Arbitrary<T>, check: (value: T) => boolean | void, options: PropertyOptions<T>): void {
  /** Why a case is rejected, or undefined when it holds. */
  const verdict = (value: T): string | undefined => {
    try {
      return check(value) === false ? 'the check returned false' : undefined;
    } catch (error) {
      return describeThrown(error, 300);
    }
  };
  const details = withoutStickyFailures(() =>
    fc.check(
      fc.property(arbitrary, (value) => verdict(value) === undefined),
      { seed: options.seed, numRuns: options.numRuns ?? 200, endOnFailure: options.endOnFailure ?? false },
    ),
  );
  if (!details.failed) return;
  // The minimal case once more, so the message quotes exactly what it did.
  const why = details.counterexample ? withoutStickyFailures(() => verdict(details.counterexample![0])) : undefined;
  fail(failureMessage(what, details, options, why ?? 'it failed while searching but not on its own (state kept between cases?)'));
}

export interface DifferentialOptions<T, R> extends PropertyOptions<T> {
  arbitrary: fc.Arbitrary<T>;
  /** The learner's answer for a case. A throw is a wrong answer, reported as such. */
  actual: (value: T) => R;
  /** The reference answer for the same case. */
  expected: (value: T) => R;
  /** Compares answers (default: deep equality). */
  equal?: (actual: R, expected: R) => boolean;
  /** How an answer reads in the message (default: compact rendering). */
  describeAnswer?: (answer: R) => string;
}

/**
 * Differential property: the learner's function agrees with the reference on every generated
 * case; the failure names the minimal case, both answers and the seed.
 */
export function differential<T, R>(what: string, options: DifferentialOptions<T, R>): void {
  const equal = options.equal ?? ((a: R, b: R) => deepEqualValues(a, b));
  const show = options.describeAnswer ?? ((a: R) => describeValue(a, 300));
  property(
    what,
    options.arbitrary,
    (value) => {
      const expected = options.expected(value);
      let actual: R;
      try {
        actual = options.actual(value);
      } catch (error) {
        throw new Error(`your code threw ${describeThrown(error, 200)}; expected ${show(expected)}`);
      }
      if (!equal(actual, expected)) throw new Error(`expected ${show(expected)}, got ${show(actual)}`);
    },
    options,
  );
}
