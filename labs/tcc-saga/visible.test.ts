import { attachTrace, expect, fail, stage, test } from '../../grader/harness/api';
import { ParticipantBench } from '../../engine/txn/participant-bench';
import type { Branch } from './api';
import { runScenario, simpleTransfer, tripSaga } from './scenarios';
import { Coordinator, TccParticipant } from './solution';

/** Lets pending promise callbacks run between simulation events (the harness's virtual zero-delay timer). */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown };
const settle = (): Promise<void> => new Promise<void>((resolve) => void timers.setTimeout(resolve, 0));
const classes = { participant: TccParticipant, coordinator: Coordinator };

const pay = (xid: string, amount: number): Branch => ({ xid, participant: 1, account: 'alice', kind: 'debit', amount });

stage('participant', () => {
  test('Try freezes the amount and Confirm spends it', () => {
    const p = new ParticipantBench(TccParticipant, { alice: 100 });
    expect(p.call('try', pay('t1', 30)), 'try').toEqual({ ok: true });
    expect(p.amounts(), 'after Try').toEqual({ 'balance/alice': 70, 'frozen/alice': 30 });
    expect(p.call('confirm', pay('t1', 30)), 'confirm').toEqual({ ok: true });
    expect(p.amounts(), 'after Confirm').toEqual({ 'balance/alice': 70 });
  });

  test('Confirm delivered twice spends the money once (Seata TCC: idempotence)', () => {
    const p = new ParticipantBench(TccParticipant, { alice: 100 });
    p.call('try', pay('t1', 30));
    p.call('confirm', pay('t1', 30));
    p.call('confirm', pay('t1', 30));
    expect(p.amounts(), 'after two Confirms').toEqual({ 'balance/alice': 70 });
  });
});

stage('traps', () => {
  test('empty rollback: a Cancel whose Try never arrived returns normally and changes nothing', () => {
    const p = new ParticipantBench(TccParticipant, { alice: 100 });
    expect(p.call('cancel', pay('t1', 30)), 'cancel without try').toEqual({ ok: true });
    expect(p.amounts(), 'amounts').toEqual({ 'balance/alice': 100 });
  });
});

stage('coordinator', () => {
  test('a transfer on a reliable network confirms on both participants', async () => {
    const out = await runScenario(1, simpleTransfer(), classes, settle);
    attachTrace(out.trace);
    if (out.failure !== null) fail(out.failure);
    expect(out.world.transfers[0]!.answer, 'transfer() answered').toBe('confirmed');
    expect(out.world.amount(2, 'balance/bob'), 'bob on p2').toBe(50);
  });
});

stage('saga', () => {
  test('a saga whose third step fails: hotel then flight compensated (reverse order)', async () => {
    const out = await runScenario(1, tripSaga(2), classes, settle);
    attachTrace(out.trace);
    if (out.failure !== null) fail(out.failure);
    expect(out.world.sagas[0]!.answer, 'saga() answered').toBe('compensated');
  });
});
