/** The KV service under faults, checked for linearizability (the classic lab's KV tests). */
import { checkOperations, describeResult } from '../../check/linearizability';
import { kvModel } from '../../check/models/kv-model';
import { Prng } from '../../sim/prng';
import { UNRELIABLE } from '../../sim/network-profile';
import { KvService, type ReadMode } from '../kv/kv-service';
import { KvStateMachine } from '../kv/kv-state-machine';
import { World, type Scenario } from './scenario';

interface KvFaults {
  readonly partitions: boolean;
  readonly crashes: boolean;
  readonly unreliable: boolean;
  readonly readMode: ReadMode;
  readonly snapshots: boolean;
}

function kvScenario(name: string, faults: KvFaults): Scenario {
  return {
    name,
    cites: 'Raft §6.3–6.4 (client interaction, linearizable reads)',
    run(seed) {
      const w = new World({
        nodes: 5,
        seed,
        network: faults.unreliable ? UNRELIABLE : undefined,
        stateMachineFor: () => new KvStateMachine(),
        snapshotEveryEntries: faults.snapshots ? 50 : null,
      });
      const c = w.cluster;
      const rng = new Prng(seed).fork('scenario');
      const kv = new KvService(c, { clients: 5, readMode: faults.readMode }, new Prng(seed).fork('clients'));
      const stormMs = 4000;
      const calmMs = 3000;
      kv.runClosedLoop({ keys: ['a', 'b', 'c'], untilMs: stormMs + calmMs, thinkMsMax: 20, getPerMille: 400, putPerMille: 200 });
      // Safety phase: faults while clients run.
      while (c.nowMs() < stormMs) {
        c.runForMs(rng.range(100, 600));
        const roll = rng.int(1000);
        if (faults.partitions && roll < 300) {
          const minority = rng.shuffled(c.ids).slice(0, rng.range(1, 2));
          c.partition([minority, c.ids.filter((id) => !minority.includes(id))]);
        } else if (faults.partitions && roll < 500) c.heal();
        else if (faults.crashes && roll < 700) {
          const up = c.ids.filter((id) => c.isUp(id));
          if (up.length > 3) c.crash(rng.pick(up));
        } else if (faults.crashes && roll < 900) {
          const down = c.ids.filter((id) => !c.isUp(id));
          if (down.length > 0) c.restart(rng.pick(down));
        }
      }
      // Liveness phase: heal; clients keep going for calmMs, then every client must finish.
      const healedAtMs = c.nowMs();
      c.heal();
      for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
      c.setNetwork({ ...UNRELIABLE, name: 'reliable', dropRequestPerMille: 0, dropReplyPerMille: 0 });
      c.runForMs(calmMs);
      const settled = c.runUntil(() => [0, 1, 2, 3, 4].every((i) => kv.isIdle(i)), 15_000);
      w.expect(settled, 'clients still waiting 15 s after the network healed');
      const ops = kv.history.operations();
      const afterHeal = ops.filter((o) => o.returnMs !== null && o.returnMs > healedAtMs).length;
      w.expect(afterHeal >= 10, `only ${afterHeal} operations completed in the ${calmMs} ms after the network healed`);
      const verdict = checkOperations(kvModel, ops, { maxSteps: 5_000_000 });
      c.trace.record({ t: c.nowMs(), k: 'verdict', checker: 'linearizability', ok: verdict.verdict !== 'illegal', detail: verdict.verdict });
      w.expect(verdict.verdict === 'ok', `history of ${ops.length} ops is not linearizable: ${describeResult(kvModel, verdict)}`);
      return w.result();
    },
  };
}

export const kvPartitions = kvScenario('kv-partitions', { partitions: true, crashes: false, unreliable: false, readMode: 'log', snapshots: false });
export const kvCrashes = kvScenario('kv-crashes', { partitions: false, crashes: true, unreliable: false, readMode: 'read-index', snapshots: true });
export const kvUnreliable = kvScenario('kv-unreliable', { partitions: true, crashes: true, unreliable: true, readMode: 'read-index', snapshots: true });
export const kvUnreliableLogReads = kvScenario('kv-unreliable-log-reads', { partitions: true, crashes: true, unreliable: true, readMode: 'log', snapshots: false });
