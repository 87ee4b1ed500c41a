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
let currentContext: TestContext | null = null;
let sealed = false;

export function registerTest(test: Omit<RegisteredTest, 'stage'>): void {
  if (sealed) throw new Error(`test("${test.name}") was called while tests are running; register tests at the top level of the test file`);
  if (typeof test.name !== 'string' || test.name.length === 0) throw new TypeError('a test needs a non-empty name');
  if (names.has(test.name)) throw new Error(`duplicate test name: "${test.name}"`);
  names.add(test.name);
  tests.push({ ...test, stage: currentStage });
}

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
