/**
 * The test registry shared by the lab-author API (api.ts) and the runner (runtime.ts).
 * One instance per sandbox run: the suite bundle contains exactly one copy of this module.
 */
import type { Prng } from '../../engine/sim/prng';

export interface RegisteredTest {
  name: string;
  stage?: string;
  seed?: number;
  fn: () => unknown;
}

/** What a running test can record; the runner creates one per test. */
export interface TestContext {
  readonly rng: Prng;
  metric(name: string, value: number): void;
  attachTrace(value: unknown): void;
  /** Assertion failures are sticky: swallowing the thrown AssertionError does not make a test pass. */
  recordAssertionFailure(message: string): void;
}

const tests: RegisteredTest[] = [];
const names = new Set<string>();
let currentStage: string | undefined;
let namePrefix = '';
let currentContext: TestContext | null = null;
let sealed = false;

export function registerTest(test: Omit<RegisteredTest, 'stage'>): void {
  if (sealed) throw new Error(`test("${test.name}") was called while tests are running; register tests at the top level of the test file`);
  if (typeof test.name !== 'string' || test.name.length === 0) throw new TypeError('a test needs a non-empty name');
  const name = namePrefix + test.name;
  if (names.has(name)) throw new Error(`duplicate test name: "${name}"`);
  names.add(name);
  tests.push({ ...test, name, stage: currentStage });
}

/**
 * Registers the tests of `body` under names starting with `prefix`: the hidden run loads the
 * visible tests this way ("visible › …") before its own, so Submit fails whatever Run fails.
 */
export function withNamePrefix(prefix: string, body: () => void): void {
  const end = beginNamePrefix(prefix);
  try {
    body();
  } finally {
    end();
  }
}

/** The same, for a loader that registers asynchronously (a dynamic import); returns the undo. */
export function beginNamePrefix(prefix: string): () => void {
  const outer = namePrefix;
  namePrefix = outer + prefix;
  return () => {
    namePrefix = outer;
  };
}

/** The prefix the hidden run gives the visible tests it includes. */
export const visibleTestPrefix = 'visible › ';

export function withStage(id: string, body: () => void): void {
  if (currentStage !== undefined) throw new Error(`stage("${id}") cannot be nested inside stage("${currentStage}")`);
  currentStage = id;
  try {
    body();
  } finally {
    currentStage = undefined;
  }
}

/** Called by the runner once the test file has loaded: no more registrations after this. */
export function sealRegistry(): readonly RegisteredTest[] {
  sealed = true;
  return tests.slice();
}

export function setCurrentContext(context: TestContext | null): void {
  currentContext = context;
}

export function getCurrentContext(): TestContext {
  if (currentContext === null) throw new Error('metric(), attachTrace() and testRng() can only be used while a test is running');
  return currentContext;
}

export function peekCurrentContext(): TestContext | null {
  return currentContext;
}

let stickySuspended = 0;

/** Records an assertion failure on the running test, unless a property check is exploring inputs. */
export function recordAssertionFailure(message: string): void {
  if (stickySuspended === 0) currentContext?.recordAssertionFailure(message);
}

/**
 * Runs `body` with sticky assertion failures suspended: a property check runs its predicate on
 * many inputs and while shrinking, and reports one failure itself, for the minimal input.
 */
export function withoutStickyFailures<T>(body: () => T): T {
  stickySuspended++;
  try {
    return body();
  } finally {
    stickySuspended--;
  }
}
