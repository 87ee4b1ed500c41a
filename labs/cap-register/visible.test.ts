import { checkOperations, describeResult } from '../../engine/check/linearizability';
import { registerModel } from '../../engine/check/models/register-model';
import { attachTrace, expect, forSeeds, stage, test } from '../../grader/harness/api';
import { Prng } from '../../engine/sim/prng';
import type { Mode } from './api';
import { REPLICA_IDS, RegisterCluster, describeOp } from './register-cluster';
import { Replica } from './solution';

function cluster(mode: Mode, seed = 1): RegisterCluster {
  const c = new RegisterCluster({ mode, rng: new Prng(seed), replicaClass: Replica });
  return c;
}

function noProblems(c: RegisterCluster): void {
  attachTrace(c.traceOf());
  expect(c.problems, 'protocol mistakes').toEqual([]);
}

stage('cp', () => {
  test('with C cut off, A and B keep serving and C refuses', () => {
    const c = cluster('cp');
    c.partition([['A', 'B'], ['C']]);
    const w = c.write('A', 7);
    c.runForMs(1000);
    const r = c.read('B');
    const wc = c.write('C', 8);
    const rc = c.read('C');
    c.runForMs(1500);
    noProblems(c);
    expect(w.result?.ok, 'write(7) at A, on the majority side').toBe(true);
    expect(r.result?.ok && r.result.value, 'read at B after write(7) completed').toBe(7);
    expect(wc.result?.ok, 'write(8) at C, alone in the minority (must refuse)').toBe(false);
    expect(rc.result?.ok, 'read at C, alone in the minority (must refuse, not answer from its copy)').toBe(false);
    expect((rc.returnMs ?? Infinity) - rc.callMs, 'ms until C refused the read').toBeLessThanOrEqual(1000);
  });

  test('after the heal, C serves again and reads the latest write', () => {
    const c = cluster('cp');
    c.partition([['A', 'B'], ['C']]);
    c.write('A', 7);
    c.runForMs(500);
    c.heal();
    c.runForMs(100);
    const r = c.read('C');
    c.runForMs(1000);
    noProblems(c);
    expect(r.result?.ok && r.result.value, 'read at C after the heal').toBe(7);
  });

  forSeeds('concurrent clients on a healthy network: the history is linearizable', [1, 2, 3], (seed, rng) => {
    const c = cluster('cp', seed);
    c.startClients({ perReplica: 2, untilMs: 1000, writePerMille: 500, thinkMsMax: 20, giveUpMs: 1000, rng });
    c.runUntilMs(2500);
    noProblems(c);
    expect(c.ops.every((o) => o.result?.ok === true), 'every operation succeeded (no faults)').toBe(true);
    const r = checkOperations(registerModel, c.history());
    expect(r.verdict === 'ok' ? 'ok' : describeResult(registerModel, r), 'linearizability').toBe('ok');
  });
});

stage('ap', () => {
  test('during a partition every replica answers at once, each from its own copy', () => {
    const c = cluster('ap');
    c.partition([['A', 'B'], ['C']]);
    const wa = c.write('A', 1);
    const wc = c.write('C', 2);
    c.runForMs(200);
    const reads = REPLICA_IDS.map((id) => c.read(id));
    c.runForMs(50);
    noProblems(c);
    for (const op of [wa, wc, ...reads]) {
      expect(op.result?.ok, describeOp(op)).toBe(true);
      expect((op.returnMs ?? Infinity) - op.callMs, `${describeOp(op)}: ms to answer (must not wait for peers)`).toBeLessThanOrEqual(20);
    }
    expect(reads.map((r) => (r.result?.ok ? r.result.value : null)), 'reads at A, B, C').toEqual([1, 1, 2]);
  });

  test('after the heal all replicas converge on the write with the highest version', () => {
    const c = cluster('ap');
    c.partition([['A', 'B'], ['C']]);
    const wa = c.write('A', 1);
    const wc = c.write('C', 2);
    c.runForMs(300);
    c.heal();
    c.runForMs(1000);
    noProblems(c);
    const versions = [wa, wc].map((w) => (w.result?.ok ? w.result.version : null));
    expect(versions.every((v) => v !== null), 'both writes acknowledged').toBe(true);
    const [va, vc] = versions as [NonNullable<(typeof versions)[0]>, NonNullable<(typeof versions)[0]>];
    const winner = va.counter !== vc.counter ? (va.counter > vc.counter ? 1 : 2) : va.replica > vc.replica ? 1 : 2;
    for (const id of REPLICA_IDS) expect(c.stored(id).value, `replica ${id} 1 s after the heal`).toBe(winner);
  });
});
