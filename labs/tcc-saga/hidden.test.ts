import { AssertionError, attachTrace, expect, forSeeds, metric, stage, test } from '../../grader/harness/api';
import { property } from '../../grader/harness/property';
import { Prng } from '../../engine/sim/prng';
import { ParticipantBench } from '../../engine/txn/participant-bench';
import { ReferenceParticipant } from '../../engine/txn/reference-participant';
import type { Branch } from './api';
import { compareDeliveries, deliveryCase, describeDeliveryCase } from './hidden-participant';
import { crashAtEveryStep, generatedWorlds } from './hidden-runs';
import { LOSSY, randomScenario, runScenario, simpleTransfer, tripSaga, type Outcome, type Scenario } from './scenarios';
import { Coordinator, TccParticipant } from './solution';

/** Lets pending promise callbacks run between simulation events (the harness's virtual zero-delay timer). */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown };
const settle = (): Promise<void> => new Promise<void>((resolve) => void timers.setTimeout(resolve, 0));
const classes = { participant: TccParticipant, coordinator: Coordinator };
const seeds = (n: number, from: number): number[] => Array.from({ length: n }, (_, i) => from + i);

function holds(outcome: Outcome): void {
  for (const [name, value] of Object.entries(outcome.metrics)) metric(name, value);
  attachTrace(outcome.trace);
  if (outcome.failure !== null) throw new AssertionError(outcome.failure);
}

const debit = (xid: string, account: string, amount: number): Branch => ({ xid, participant: 1, account, kind: 'debit', amount });
const credit = (xid: string, account: string, amount: number): Branch => ({ xid, participant: 1, account, kind: 'credit', amount });

stage('participant', () => {
  test('Try refuses a debit larger than the balance and changes nothing', () => {
    const p = new ParticipantBench(TccParticipant, { alice: 20 });
    expect(p.call('try', debit('t1', 'alice', 30)), 'try 30 out of 20').toEqual({ ok: false });
    expect(p.amounts(), 'amounts').toEqual({ 'balance/alice': 20 });
  });

  test('a duplicate Try reserves once and answers true again', () => {
    const p = new ParticipantBench(TccParticipant, { alice: 100 });
    p.call('try', debit('t1', 'alice', 30));
    expect(p.call('try', debit('t1', 'alice', 30)), 'second Try').toEqual({ ok: true });
    expect(p.amounts(), 'amounts').toEqual({ 'balance/alice': 70, 'frozen/alice': 30 });
  });

  test('Cancel delivered twice releases the reservation once', () => {
    const p = new ParticipantBench(TccParticipant, { alice: 100 });
    p.call('try', debit('t1', 'alice', 30));
    p.call('try', debit('t2', 'alice', 50));
    p.call('cancel', debit('t1', 'alice', 30));
    p.call('cancel', debit('t1', 'alice', 30));
    expect(p.amounts(), 'amounts').toEqual({ 'balance/alice': 50, 'frozen/alice': 50 });
  });

  test('a credit reaches the balance on Confirm only, and once', () => {
    const p = new ParticipantBench(TccParticipant, { bob: 10 });
    p.call('try', credit('t1', 'bob', 40));
    expect(p.amounts(), 'after Try').toEqual({ 'balance/bob': 10 });
    p.call('confirm', credit('t1', 'bob', 40));
    p.call('confirm', credit('t1', 'bob', 40));
    expect(p.amounts(), 'after two Confirms').toEqual({ 'balance/bob': 50 });
  });

  test('a participant restarted between Try and Confirm still confirms: its state is in the database', () => {
    const p = new ParticipantBench(TccParticipant, { alice: 100 });
    p.call('try', debit('t1', 'alice', 30));
    p.restart();
    p.call('confirm', debit('t1', 'alice', 30));
    p.restart();
    p.call('confirm', debit('t1', 'alice', 30));
    expect(p.amounts(), 'amounts').toEqual({ 'balance/alice': 70 });
  });
});

stage('traps', () => {
  test('suspension: a Try that arrives after an empty rollback is refused and freezes nothing', () => {
    const p = new ParticipantBench(TccParticipant, { alice: 100 });
    p.call('cancel', debit('t1', 'alice', 30));
    expect(p.call('try', debit('t1', 'alice', 30)), 'late Try').toEqual({ ok: false });
    expect(p.amounts(), 'amounts').toEqual({ 'balance/alice': 100 });
  });

  test('a Try duplicated after the Cancel of its reservation is refused', () => {
    const p = new ParticipantBench(TccParticipant, { alice: 100 });
    p.call('try', debit('t1', 'alice', 30));
    p.call('cancel', debit('t1', 'alice', 30));
    expect(p.call('try', debit('t1', 'alice', 30)), 'duplicate Try after Cancel').toEqual({ ok: false });
    expect(p.amounts(), 'amounts').toEqual({ 'balance/alice': 100 });
  });

  forSeeds('generated deliveries (duplicates, late Tries, reordering, restarts): the same answers and amounts as the reference', seeds(6, 11), (seed) => {
    property('participant deliveries', deliveryCase, (c) => {
      const why = compareDeliveries(c, TccParticipant, ReferenceParticipant);
      if (why !== null) throw new Error(why);
    }, { seed, numRuns: 150, describeCase: describeDeliveryCase });
  });

  forSeeds('a Try held back on the network past its Cancel: refused, nothing stays frozen', seeds(8, 21), async (seed) => {
    const rng = new Prng(seed);
    const late = rng.range(1, 2);
    const sc: Scenario = { ...simpleTransfer(), holds: [{ first: `try t1 (${late === 1 ? 'debit' : 'credit'}`, delayMs: rng.range(80, 400) }] };
    holds(await runScenario(seed, sc, classes, settle));
  });
});

stage('coordinator', () => {
  test('a transfer the payer cannot afford is cancelled everywhere', async () => {
    const sc = simpleTransfer();
    const out = await runScenario(1, { ...sc, balances: { '1/alice': 10, '2/bob': 20 } }, classes, settle);
    holds(out);
    expect(out.world.transfers[0]!.answer, 'transfer() answered').toBe('cancelled');
  });

  forSeeds('reliable network: one Try and one Confirm or Cancel per branch, one call per saga step and compensation (messages counted)', seeds(4, 81), async (seed) => {
    const sc = randomScenario(new Prng(seed), { transfers: 4, sagas: 2, spreadMs: 60 });
    const out = await runScenario(seed, sc, classes, settle);
    holds(out);
    const budget =
      sc.transfers.reduce((n, t) => n + 2 * t.transfer.branches.length, 0) +
      sc.sagas.reduce((n, s) => n + (s.failAt === null ? s.saga.steps.length : 2 * s.failAt + 1), 0);
    metric('messageBudget', budget);
    expect(out.world.messages, `seed ${seed}: messages the coordinator sent on a network that loses nothing (budget ${budget}: a retry is only for a missing answer)`).toBeLessThanOrEqual(budget);
  });

  forSeeds('lossy network (lost, duplicated, late and reordered messages): every transfer ends confirmed or cancelled on every participant, money conserved', seeds(8, 31), async (seed) => {
    const sc: Scenario = { ...randomScenario(new Prng(seed), { transfers: 5, sagas: 0, spreadMs: 80 }), network: LOSSY, lateRequestPerMille: 80 };
    holds(await runScenario(seed, sc, classes, settle));
  });

  forSeeds('a crash before or after every step of the coordinator and the participants: every transfer settles', seeds(3, 41), async (seed) => {
    const sc = randomScenario(new Prng(seed), { transfers: 2, sagas: 0, spreadMs: 10 });
    holds(await crashAtEveryStep(seed, sc, classes, settle));
  });

  forSeeds('generated transfers and sagas, lossy or reliable network, up to two crashes: every rule holds (shrunk on failure)', seeds(4, 51), async (seed) => {
    const result = await generatedWorlds(seed, classes, settle, 12);
    if (result === null) return;
    attachTrace(result.trace);
    throw new AssertionError(result.failure);
  });
});

stage('saga', () => {
  test('a saga whose steps all succeed completes and compensates nothing', async () => {
    const out = await runScenario(1, tripSaga(null, 4), classes, settle);
    holds(out);
    expect(out.world.sagas[0]!.answer, 'saga() answered').toBe('completed');
  });

  forSeeds('a failing step at a generated position, lossy network, busy compensations: completed steps compensated in exact reverse order', seeds(8, 61), async (seed) => {
    const rng = new Prng(seed);
    const steps = rng.range(2, 4);
    const sc: Scenario = { ...tripSaga(rng.range(1, steps - 1), steps), network: LOSSY, busyCompensationPerMille: 300 };
    holds(await runScenario(seed, sc, classes, settle));
  });

  forSeeds('a crash before or after every step of a saga: it completes, or is compensated in reverse order', seeds(5, 71), async (seed) => {
    const rng = new Prng(seed);
    const steps = rng.range(2, 4);
    holds(await crashAtEveryStep(seed, tripSaga(rng.chance(700) ? rng.range(1, steps - 1) : null, steps), classes, settle));
  });
});
