/**
 * Seeded outbox runs: a workload of deposits and withdrawals on a few accounts (some withdrawals
 * overdraw and roll back), a broker profile and a crash schedule; run to quiescence and verified.
 */
import type { NetworkProfile } from '../sim/network-profile';
import type { Prng } from '../sim/prng';
import { BROKER_PROFILES } from './broker-profiles';
import { verifyOutbox } from './checks';
import type { Command, ConsumerClass, RelayClass, ServiceClass } from './types';
import { describeCrash, OutboxWorld, type CrashPoint } from './world';

export interface TimedCommand {
  readonly atMs: number;
  readonly command: Command;
}

export interface WorkloadSettings {
  readonly commands: number;
  readonly accounts: number;
  /** Commands are sent in [0, spanMs]. */
  readonly spanMs: number;
  /** Chance (per mille) that a command is a withdrawal, which may overdraw and roll back. */
  readonly withdrawPerMille: number;
}

export const DEFAULT_WORKLOAD: WorkloadSettings = { commands: 12, accounts: 3, spanMs: 240, withdrawPerMille: 300 };

/** Commands with ids c1, c2, … on accounts a, b, c, …; deposits of 20–100, withdrawals of 10–80. */
export function generateWorkload(rng: Prng, w: WorkloadSettings): TimedCommand[] {
  const accounts = Array.from({ length: w.accounts }, (_, i) => String.fromCharCode(97 + i));
  const out: TimedCommand[] = [];
  for (let i = 0; i < w.commands; i++) {
    const withdraw = rng.chance(w.withdrawPerMille);
    const delta = withdraw ? -10 * rng.range(1, 8) : 10 * rng.range(2, 10);
    out.push({ atMs: rng.range(0, w.spanMs), command: { id: `c${i + 1}`, account: rng.pick(accounts), delta } });
  }
  return out.sort((a, b) => a.atMs - b.atMs || a.command.id.localeCompare(b.command.id));
}

export interface Solution {
  readonly service: ServiceClass;
  readonly relay: RelayClass;
  readonly consumer: ConsumerClass;
}

export interface RunSettings {
  readonly seed: number;
  readonly workload: readonly TimedCommand[];
  readonly broker: NetworkProfile;
  readonly crashes: readonly CrashPoint[];
  /** Check the consumer's state too. */
  readonly consumer: boolean;
  readonly settle: () => Promise<void>;
  readonly runUntilMs?: number;
}

export interface RunReport {
  readonly world: OutboxWorld;
  readonly failure: string | null;
  readonly describe: string;
}

const RUN_UNTIL_MS = 3000;
const QUIET_FROM_MS = 2200;
const CRASHES_UNTIL_MS = 900;

export function describeRun(s: Pick<RunSettings, 'seed' | 'workload' | 'broker' | 'crashes'>): string {
  const crashes = s.crashes.map(describeCrash).join(', ') || 'no crash';
  const n = s.workload.length;
  return `seed ${s.seed}, broker ${s.broker.name.replace(/^broker-/, '')}, ${n} command${n === 1 ? '' : 's'}, ${crashes}`;
}

export async function runOutbox(solution: Solution, s: RunSettings): Promise<RunReport> {
  const world = new OutboxWorld({
    seed: s.seed,
    settle: s.settle,
    service: solution.service,
    relay: solution.relay,
    consumer: solution.consumer,
    broker: s.broker,
    crashes: s.crashes,
    crashesUntilMs: CRASHES_UNTIL_MS,
  });
  for (const c of s.workload) world.command(c.command, c.atMs);
  const describe = describeRun(s);
  let failure: string | null;
  try {
    await world.run(s.runUntilMs ?? RUN_UNTIL_MS);
    failure = verifyOutbox(world, { consumer: s.consumer, quietFromMs: QUIET_FROM_MS });
  } catch (error) {
    failure = String((error as Error)?.message ?? error);
  }
  return { world, failure: failure === null ? null : `${describe}: ${failure}`, describe };
}

export function brokerProfile(name: string): NetworkProfile {
  const p = BROKER_PROFILES[name];
  if (p === undefined) throw new RangeError(`unknown broker profile ${name}`);
  return p;
}
