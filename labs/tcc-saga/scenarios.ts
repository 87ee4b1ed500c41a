/**
 * Scenarios of the tcc-saga lab: (seed, scenario, classes) → a finished world and the first rule it
 * broke. Shared by the visible and the hidden tests.
 */
import { RELIABLE, type NetworkProfile } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';
import type { Branch, CoordinatorClass, ParticipantClass, Saga, Transfer } from '../../engine/txn/types';
import { TxnWorld, type CrashPoint, type Hold } from '../../engine/txn/world';
import { verify } from './checks';

export interface Scenario {
  readonly participants: number;
  readonly balances: Readonly<Record<string, number>>;
  readonly transfers: readonly { readonly at: number; readonly transfer: Transfer }[];
  readonly sagas: readonly { readonly at: number; readonly saga: Saga; readonly failAt: number | null }[];
  readonly network?: NetworkProfile;
  readonly lateRequestPerMille?: number;
  readonly busyCompensationPerMille?: number;
  readonly crashes?: readonly CrashPoint[];
  readonly holds?: readonly Hold[];
}

export interface Outcome {
  readonly world: TxnWorld;
  readonly failure: string | null;
  readonly metrics: Record<string, number>;
  /** The finished world's trace, built when first read (a passing run's trace is rarely wanted). */
  readonly trace: unknown;
}

export interface Classes {
  readonly participant: ParticipantClass;
  readonly coordinator: CoordinatorClass;
}

/** Lossy: 10% of requests and replies lost, 3% duplicated, a quarter of replies held back 30–90 ms. */
export const LOSSY: NetworkProfile = {
  ...RELIABLE,
  name: 'lossy',
  dropRequestPerMille: 100,
  dropReplyPerMille: 100,
  delayMsMin: 1,
  delayMsMax: 12,
  duplicatePerMille: 30,
  reorderReplyPerMille: 250,
  reorderDelayMsMin: 30,
  reorderDelayMsMax: 90,
};

export async function runScenario(seed: number, sc: Scenario, classes: Classes, settle: () => Promise<void>, options: { mustFinish?: boolean } = {}): Promise<Outcome> {
  const world = new TxnWorld({
    rng: new Prng(seed),
    participantClass: classes.participant,
    coordinatorClass: classes.coordinator,
    settle,
    participants: sc.participants,
    balances: sc.balances,
    network: sc.network,
    lateRequestPerMille: sc.lateRequestPerMille,
    busyCompensationPerMille: sc.busyCompensationPerMille,
    crashes: sc.crashes,
    holds: sc.holds,
  });
  for (const t of sc.transfers) world.transfer(t.at, t.transfer);
  for (const s of sc.sagas) world.saga(s.at, s.saga, s.failAt);
  let failure: string | null;
  try {
    await world.run(4000, 30_000);
    failure = verify(world, seed, options);
  } catch (error) {
    failure = `the run stopped (seed ${seed}): ${String((error as Error)?.message ?? error)}`;
  }
  let trace: { value: unknown } | undefined;
  return {
    world,
    failure,
    metrics: { messages: world.messages, steps: world.steps.length, crashes: world.crashCount },
    get trace() {
      trace ??= { value: world.trace({ seed }) };
      return trace.value;
    },
  };
}

const debit = (xid: string, participant: number, account: string, amount: number): Branch => ({ xid, participant, account, kind: 'debit', amount });
const credit = (xid: string, participant: number, account: string, amount: number): Branch => ({ xid, participant, account, kind: 'credit', amount });

/** Two participants: alice (p1, 100) pays bob (p2) 30. */
export function simpleTransfer(): Scenario {
  return {
    participants: 2,
    balances: { '1/alice': 100, '2/bob': 20 },
    transfers: [{ at: 0, transfer: { xid: 't1', branches: [debit('t1', 1, 'alice', 30), credit('t1', 2, 'bob', 30)] } }],
    sagas: [],
  };
}

/** A trip saga over three services whose step `failAt` fails (null: none fails). */
export function tripSaga(failAt: number | null, steps = 3): Scenario {
  const actions = ['book flight', 'book hotel', 'rent car', 'buy insurance'];
  return {
    participants: 3,
    balances: { '1/alice': 10 },
    transfers: [],
    sagas: [{ at: 0, saga: { sagaId: 'trip', steps: actions.slice(0, steps).map((action, i) => ({ participant: (i % 3) + 1, action })) }, failAt }],
  };
}

/**
 * A generated workload: 2–4 participants with two accounts each; transfers of one debit and one to
 * three credits on distinct participants (some larger than the payer's balance); sagas of 2–4 steps,
 * some with a failing step. Sizes and amounts are drawn from `rng`.
 */
export function randomScenario(rng: Prng, shape: { transfers: number; sagas: number; spreadMs: number }): Scenario {
  const participants = rng.range(2, 4);
  const balances: Record<string, number> = {};
  const accounts = ['a', 'b'];
  for (let p = 1; p <= participants; p++) for (const a of accounts) balances[`${p}/${a}${p}`] = rng.range(3, 20) * 10;
  const transfers: { at: number; transfer: Transfer }[] = [];
  for (let i = 0; i < shape.transfers; i++) {
    const xid = `t${i + 1}`;
    const order = rng.shuffled(Array.from({ length: participants }, (_, k) => k + 1));
    const payer = order[0]!;
    const payees = order.slice(1, 1 + rng.range(1, participants - 1));
    const parts = payees.map(() => rng.range(1, 6) * 10);
    const total = parts.reduce((s, x) => s + x, 0);
    const branches = [debit(xid, payer, `${rng.pick(accounts)}${payer}`, total), ...payees.map((p, k) => credit(xid, p, `${rng.pick(accounts)}${p}`, parts[k]!))];
    transfers.push({ at: rng.range(0, shape.spreadMs), transfer: { xid, branches: rng.shuffled(branches) } });
  }
  const sagas: { at: number; saga: Saga; failAt: number | null }[] = [];
  for (let i = 0; i < shape.sagas; i++) {
    const n = rng.range(2, 4);
    const steps = Array.from({ length: n }, (_, k) => ({ participant: rng.range(1, participants), action: `step ${k}` }));
    sagas.push({ at: rng.range(0, shape.spreadMs), saga: { sagaId: `s${i + 1}`, steps }, failAt: rng.chance(600) ? rng.range(0, n - 1) : null });
  }
  return { participants, balances, transfers, sagas };
}

export function describeScenario(sc: Scenario): string {
  const t = sc.transfers.map(({ at, transfer }) => `${transfer.xid}@${at}ms [${transfer.branches.map((b) => `${b.kind} p${b.participant}/${b.account} ${b.amount}`).join(', ')}]`);
  const s = sc.sagas.map(({ at, saga, failAt }) => `${saga.sagaId}@${at}ms ${saga.steps.length} steps${failAt === null ? '' : `, T${failAt} fails`}`);
  return `${sc.participants} participants; ${[...t, ...s].join('; ')}`;
}
