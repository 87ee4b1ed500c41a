/**
 * Server-only: generated outbox runs for a property test. A case is a workload (1–12 commands on
 * 1–3 accounts, drawn from its own seed: shrinking the count keeps a prefix of the same commands),
 * a broker profile and zero to three crashes at the nth step of a kind (a producer commit, a
 * publish, a consumer commit, a producer read), before or after it. Every property of
 * engine/outbox/checks.ts must hold; a failing case is shrunk (fewer commands, fewer crashes,
 * a tamer broker) and the message names the minimal one and the seed.
 */
import { generateWorkload, runOutbox, type RunReport, type Solution } from '../../engine/outbox/scenario';
import { describeCrash, type CrashPoint, type StepKind } from '../../engine/outbox/world';
import { Prng } from '../../engine/sim/prng';
import { fc } from '../../grader/harness/property';
import { BROKERS, type Settle } from './scenarios';

export interface OutboxCase {
  readonly worldSeed: number;
  readonly commands: number;
  readonly accounts: number;
  readonly broker: keyof typeof BROKERS;
  readonly crashes: readonly CrashPoint[];
}

const kinds: StepKind[] = ['producer commit', 'publish', 'consumer commit', 'producer read'];

export const outboxCase: fc.Arbitrary<OutboxCase> = fc.record({
  worldSeed: fc.integer({ min: 1, max: 1_000_000 }),
  commands: fc.integer({ min: 1, max: 12 }),
  accounts: fc.integer({ min: 1, max: 3 }),
  broker: fc.constantFrom('reliable' as const, 'flaky' as const, 'reordering' as const, 'stormy' as const),
  crashes: fc.array(fc.record({ kind: fc.constantFrom(...kinds), nth: fc.integer({ min: 1, max: 10 }), when: fc.constantFrom('before' as const, 'after' as const) }), { maxLength: 3 }),
});

export function describeCase(c: OutboxCase): string {
  return `world seed ${c.worldSeed}, ${c.commands} command${c.commands === 1 ? '' : 's'} on ${c.accounts} account${c.accounts > 1 ? 's' : ''}, broker ${c.broker}, ${c.crashes.map(describeCrash).join(', ') || 'no crash'}`;
}

function runCase(solution: Solution, settle: Settle, c: OutboxCase): Promise<RunReport> {
  const workload = generateWorkload(new Prng(c.worldSeed).fork('workload'), { commands: c.commands, accounts: c.accounts, spanMs: 240, withdrawPerMille: 300 });
  return runOutbox(solution, { seed: c.worldSeed, workload, broker: BROKERS[c.broker], crashes: c.crashes, consumer: true, settle });
}

/** Null when every case holds, else the minimal failing case's message and its run. */
export async function generatedRuns(seed: number, solution: Solution, settle: Settle, numRuns: number): Promise<{ failure: string; report: RunReport } | null> {
  const details = await fc.check(
    fc.asyncProperty(outboxCase, async (c) => (await runCase(solution, settle, c)).failure === null),
    { seed, numRuns },
  );
  if (!details.failed || details.counterexample === null) return null;
  const minimal = details.counterexample[0];
  const report = await runCase(solution, settle, minimal);
  const why = report.failure ?? 'it failed while searching but not on its own (state kept between runs?)';
  return { failure: `generated runs (seed ${seed}): minimal counter-example after ${details.numRuns} cases and ${details.numShrinks} shrinks: ${describeCase(minimal)} — ${why}`, report };
}
