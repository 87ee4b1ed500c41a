/**
 * Runs one lab's suites in plain Node under vitest, for StrykerJS: the lab's visible tests
 * (prefixed as in the hidden run) and hidden tests become vitest tests, with './solution' bound to
 * the lab's .meta/reference.ts (which Stryker mutates). The sandbox is not needed to score a
 * suite: the reference is trusted code. Each harness test runs as the sandbox's runtime runs it:
 * its own seeded Prng, sticky assertion failures, async tests awaited.
 *
 * MUTATION_LAB=<lab-id> npx vitest run --config vitest.mutation.config.mts
 */
import { describe, it } from 'vitest';
import { hashSeed, Prng } from '../../engine/sim/prng';
import { sealRegistry, setCurrentContext, visibleTestPrefix, type TestContext } from '../../grader/harness/registry';
import { labUnderMutation, loadLabModule } from './lab-under-mutation';

const lab = labUnderMutation();
await loadLabModule(lab, 'visible.test.ts', visibleTestPrefix);
await loadLabModule(lab, 'hidden.test.ts');

/**
 * The sandbox's timers are virtual: a zero-delay timer fires as soon as the microtasks drain. In
 * Node a zero-delay setTimeout waits a millisecond or more, so suites that settle with
 * setTimeout(resolve, 0) between steps would crawl; setImmediate is the faithful stand-in.
 */
const realSetTimeout = globalThis.setTimeout;
const virtualishSetTimeout = ((fn: () => void, ms?: number) => (ms === undefined || ms <= 0 ? setImmediate(fn) : realSetTimeout(fn, ms))) as unknown as typeof setTimeout;

describe(lab, () => {
  for (const test of sealRegistry()) {
    it(test.name, async () => {
      let failure: string | undefined;
      const context: TestContext = {
        rng: new Prng(test.seed ?? hashSeed(test.name)),
        metric: () => undefined,
        attachTrace: () => undefined,
        recordAssertionFailure: (message) => {
          failure ??= message;
        },
      };
      setCurrentContext(context);
      globalThis.setTimeout = virtualishSetTimeout;
      try {
        await test.fn();
      } finally {
        globalThis.setTimeout = realSetTimeout;
        setCurrentContext(null);
      }
      if (failure !== undefined) throw new Error(failure);
    });
  }
});
