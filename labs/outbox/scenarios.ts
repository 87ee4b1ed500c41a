/**
 * The lab's runs on engine/outbox: a seeded workload of deposits and withdrawals (some overdraw and
 * roll back), a broker profile and a crash schedule, run to quiescence and verified. Shared by the
 * visible and the hidden tests.
 */
import { BROKER_FLAKY, BROKER_RELIABLE, BROKER_REORDERING, BROKER_STORMY } from '../../engine/outbox/broker-profiles';
import { DEFAULT_WORKLOAD, generateWorkload, runOutbox, type RunReport, type Solution } from '../../engine/outbox/scenario';
import type { CrashPoint } from '../../engine/outbox/world';
import type { NetworkProfile } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';
import { AssertionError, attachTrace, metric } from '../../grader/harness/api';

export type { CrashPoint };
export const BROKERS = { reliable: BROKER_RELIABLE, flaky: BROKER_FLAKY, reordering: BROKER_REORDERING, stormy: BROKER_STORMY } as const;

/** Lets pending promise callbacks run between simulation events: the tests pass the harness's virtual zero-delay timer. */
export type Settle = () => Promise<void>;

/** Where each rule comes from, quoted in a failure. */
export const RULES = {
  outbox: 'rule: the message is inserted in the same local transaction as the business change (microservices.io, "Pattern: Transactional outbox")',
  relay: 'rule: the relay publishes every outbox row at least once and marks it sent only after the broker acknowledged it (microservices.io, "Pattern: Transactional outbox"; Debezium, "Outbox Event Router")',
  consumer: 'rule: an idempotent consumer records the message id in the same transaction as its effect (microservices.io, "Pattern: Idempotent consumer"), and a per-entity version keeps an older event from overwriting a newer one',
} as const;

export interface Directed {
  readonly broker: NetworkProfile;
  readonly crashes: readonly CrashPoint[];
  /** Check the consumer's state too. */
  readonly consumer: boolean;
}

/** One seeded run of the default workload (12 commands on 3 accounts). */
export function directedRun(solution: Solution, settle: Settle, seed: number, d: Directed): Promise<RunReport> {
  return runOutbox(solution, { seed, workload: generateWorkload(new Prng(seed).fork('workload'), DEFAULT_WORKLOAD), broker: d.broker, crashes: d.crashes, consumer: d.consumer, settle });
}

/** A burst: 14–16 commands on one or two accounts within 12 ms, so many outbox rows wait for one poll. */
export function burstRun(solution: Solution, settle: Settle, seed: number): Promise<RunReport> {
  const workload = generateWorkload(new Prng(seed).fork('burst'), { commands: 14 + (seed % 3), accounts: 1 + (seed % 2), spanMs: 12, withdrawPerMille: 150 });
  return runOutbox(solution, { seed, workload, broker: BROKER_RELIABLE, crashes: [], consumer: true, settle });
}

/** Records the run's counts and, on a failure, its trace; fails with the rule quoted. */
export function holds(report: RunReport, rule: string): void {
  const w = report.world;
  metric('publishes', w.publishes);
  metric('deliveries', w.deliveries);
  metric('crashes', w.crashCount);
  if (report.failure === null) return;
  attachTrace(w.trace());
  throw new AssertionError(`${report.failure} — ${rule}`);
}
