/**
 * Server-only: the hidden world runs of tcc-saga. A crash before and after every step of a run
 * (coordinator and participants alike), and generated workloads with generated crash points,
 * shrunk to a minimal case on failure.
 */
import { fc } from '../../grader/harness/property';
import { Prng } from '../../engine/sim/prng';
import type { CrashPoint } from '../../engine/txn/world';
import { describeScenario, LOSSY, randomScenario, runScenario, type Classes, type Outcome, type Scenario } from './scenarios';

/** The seed's scenario run clean, then once with a crash before and once after each of its steps. */
export async function crashAtEveryStep(seed: number, sc: Scenario, classes: Classes, settle: () => Promise<void>, maxSteps = 70): Promise<Outcome> {
  const clean = await runScenario(seed, sc, classes, settle);
  if (clean.failure !== null) return clean;
  const steps = Math.min(clean.world.steps.length, maxSteps);
  let crashes = 0;
  for (let step = 0; step < steps; step++) {
    for (const when of ['before', 'after'] as const) {
      const out = await runScenario(seed, { ...sc, crashes: [{ step, when }] }, classes, settle);
      crashes++;
      if (out.failure !== null) return { ...out, failure: `${out.failure} [scenario: ${describeScenario(sc)}]` };
    }
  }
  return { ...clean, metrics: { ...clean.metrics, crashRuns: crashes } };
}

export interface WorldCase {
  readonly worldSeed: number;
  readonly transfers: number;
  readonly sagas: number;
  readonly lossy: boolean;
  readonly crashes: readonly CrashPoint[];
}

export const worldCase: fc.Arbitrary<WorldCase> = fc.record({
  worldSeed: fc.integer({ min: 1, max: 1_000_000 }),
  transfers: fc.integer({ min: 0, max: 3 }),
  sagas: fc.integer({ min: 0, max: 2 }),
  lossy: fc.boolean(),
  crashes: fc.array(fc.record({ step: fc.integer({ min: 0, max: 50 }), when: fc.constantFrom('before' as const, 'after' as const) }), { maxLength: 2 }),
});

function scenarioOf(c: WorldCase): Scenario {
  const base = randomScenario(new Prng(c.worldSeed), { transfers: c.transfers, sagas: c.sagas, spreadMs: 60 });
  return { ...base, crashes: c.crashes, ...(c.lossy ? { network: LOSSY, lateRequestPerMille: 80, busyCompensationPerMille: 150 } : {}) };
}

export function describeWorldCase(c: WorldCase): string {
  const crashes = c.crashes.map((k) => ('step' in k ? `crash ${k.when} step #${k.step}` : '')).join(', ');
  return `world seed ${c.worldSeed}, ${c.lossy ? 'lossy' : 'reliable'} network; ${describeScenario(scenarioOf(c))}; ${crashes || 'no crash'}`;
}

/** Null when every generated case holds, else the minimal failing case's message and trace. */
export async function generatedWorlds(seed: number, classes: Classes, settle: () => Promise<void>, numRuns: number): Promise<{ failure: string; trace: unknown } | null> {
  const details = await fc.check(
    fc.asyncProperty(worldCase, async (c) => (await runScenario(c.worldSeed, scenarioOf(c), classes, settle)).failure === null),
    { seed, numRuns },
  );
  if (!details.failed || details.counterexample === null) return null;
  const minimal = details.counterexample[0];
  const out = await runScenario(minimal.worldSeed, scenarioOf(minimal), classes, settle);
  return {
    failure: `generated worlds (seed ${seed}): minimal counter-example after ${details.numRuns} cases and ${details.numShrinks} shrinks: ${describeWorldCase(minimal)} — ${out.failure ?? 'it failed while searching but not on its own (state kept between runs?)'}`,
    trace: out.trace,
  };
}
