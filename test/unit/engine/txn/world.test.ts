/**
 * engine/txn: the TCC/Saga world runs the tcc-saga lab's reference to a correct end on reliable
 * and lossy networks and with a crash before or after every step, and its checks notice the
 * classic bugs (a Confirm that is not idempotent, a Try after Cancel that freezes money).
 */
import { describe, expect, it } from 'vitest';
import { Prng } from '@/engine/sim/prng';
import type { Branch, Saga, Transfer, Tx } from '@/engine/txn/types';
import { TxnWorld } from '@/engine/txn/world';
import { Coordinator, TccParticipant } from '@/labs/tcc-saga/.meta/reference';
import { LOSSY, randomScenario, runScenario, simpleTransfer, tripSaga, type Scenario } from '@/labs/tcc-saga/scenarios';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const reference = { participant: TccParticipant, coordinator: Coordinator };

describe('TxnWorld with the reference', () => {
  it('a simple transfer confirms and moves the money', async () => {
    const out = await runScenario(1, simpleTransfer(), reference, settle);
    expect(out.failure).toBeNull();
    expect(out.world.amount(1, 'balance/alice')).toBe(70);
    expect(out.world.amount(2, 'balance/bob')).toBe(50);
    expect(out.world.transfers[0]!.answer).toBe('confirmed');
  });

  it('a saga whose last step fails compensates in reverse', async () => {
    const out = await runScenario(1, tripSaga(2), reference, settle);
    expect(out.failure).toBeNull();
    expect(out.world.sagaEvents.filter((e) => e.result === 'compensated').map((e) => e.step)).toEqual([1, 0]);
  });

  it('generated lossy runs hold every rule', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const sc: Scenario = { ...randomScenario(new Prng(seed), { transfers: 4, sagas: 2, spreadMs: 80 }), network: LOSSY, lateRequestPerMille: 80, busyCompensationPerMille: 200 };
      const out = await runScenario(seed, sc, reference, settle);
      expect(out.failure, `seed ${seed}`).toBeNull();
    }
  });

  it('a crash before or after every step holds every rule', async () => {
    const sc: Scenario = { ...simpleTransfer(), sagas: tripSaga(2).sagas, participants: 3 };
    const clean = await runScenario(3, sc, reference, settle);
    expect(clean.failure).toBeNull();
    for (let step = 0; step < clean.world.steps.length; step++) {
      for (const when of ['before', 'after'] as const) {
        const out = await runScenario(3, { ...sc, crashes: [{ step, when }] }, reference, settle);
        expect(out.failure, `crash ${when} step ${step}`).toBeNull();
      }
    }
  });
});

describe('TxnWorld settles promise callbacks', () => {
  it('after every event that ran the code under test: long microtask chains in the coordinator change nothing', async () => {
    const yieldMany = async () => {
      for (let i = 0; i < 60; i++) await null;
    };
    class SlowCoordinator extends Coordinator {
      override async transfer(t: Transfer): Promise<'confirmed' | 'cancelled'> {
        await yieldMany();
        return super.transfer(t);
      }
      override async saga(s: Saga): Promise<'completed' | 'compensated'> {
        await yieldMany();
        return super.saga(s);
      }
      override async recover(): Promise<void> {
        await yieldMany();
        return super.recover();
      }
    }
    for (const seed of [2, 5, 9]) {
      const sc: Scenario = { ...randomScenario(new Prng(seed), { transfers: 3, sagas: 1, spreadMs: 40 }), network: LOSSY, lateRequestPerMille: 80, crashes: [{ step: 4 + seed, when: 'after' }] };
      const plain = await runScenario(seed, sc, reference, settle);
      const slow = await runScenario(seed, sc, { ...reference, coordinator: SlowCoordinator }, settle);
      expect(slow.failure).toBeNull();
      expect(JSON.stringify(slow.trace)).toBe(JSON.stringify(plain.trace));
    }
  });
});

describe('TxnWorld notices broken participants', () => {
  class DoubleConfirm extends TccParticipant {
    override confirm(tx: Tx, b: Branch): void {
      if (b.kind === 'debit') tx.put(`frozen/${b.account}`, ((tx.get(`frozen/${b.account}`) as number) ?? 0) - b.amount);
      else tx.put(`balance/${b.account}`, ((tx.get(`balance/${b.account}`) as number) ?? 0) + b.amount);
      tx.put(`tcc/${b.xid}`, 'confirmed');
    }
  }

  it('a Confirm that applies twice breaks money conservation', async () => {
    let failures = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const sc: Scenario = { ...randomScenario(new Prng(seed), { transfers: 4, sagas: 0, spreadMs: 50 }), network: LOSSY };
      const out = await runScenario(seed, sc, { ...reference, participant: DoubleConfirm }, settle);
      if (out.failure !== null) failures++;
    }
    expect(failures).toBeGreaterThan(0);
  });

  class ThrowingEmptyRollback extends TccParticipant {
    override cancel(tx: Tx, b: Branch): void {
      if (tx.get(`tcc/${b.xid}`) === undefined) throw new Error('no Try');
      super.cancel(tx, b);
    }
  }

  it('a Cancel that throws on an empty rollback is reported as such, with the seed', async () => {
    const sc: Scenario = { ...simpleTransfer(), holds: [{ first: 'try t1 (credit', delayMs: 6000 }] };
    const out = await runScenario(7, sc, { ...reference, participant: ThrowingEmptyRollback }, settle);
    expect(out.failure).toMatch(/seed 7/);
    expect(out.failure).toMatch(/empty rollback/);
  });

  it('records a crash and restarts the node', async () => {
    const w = new TxnWorld({ rng: new Prng(1), participantClass: TccParticipant, coordinatorClass: Coordinator, settle, participants: 2, balances: { '1/a': 10 }, crashes: [{ first: 'p1', when: 'before' }] });
    w.transfer(0, { xid: 'x', branches: [{ xid: 'x', participant: 1, account: 'a', kind: 'debit', amount: 5 }, { xid: 'x', participant: 2, account: 'b', kind: 'credit', amount: 5 }] });
    await w.run(5000);
    expect(w.crashCount).toBe(1);
    expect(w.transfers[0]!.answer).toBe('cancelled');
    expect(w.amount(1, 'balance/a')).toBe(10);
  });
});
