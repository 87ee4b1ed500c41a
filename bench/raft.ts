/**
 * Simulator throughput: a 5-node cluster under the classic lab's unreliable network with a
 * steady closed-loop KV load. Prints simulated events per wall second and virtual seconds per
 * wall second, measured in this run, for three configurations (bare, + invariant checker,
 * + full trace) so the cost of checking and tracing is visible.
 *   npx tsx bench/raft.ts [virtualSeconds]
 */
import { RaftInvariantChecker } from '../engine/raft/raft-invariants';
import { KvService } from '../engine/raft/kv/kv-service';
import { KvStateMachine } from '../engine/raft/kv/kv-state-machine';
import { UNRELIABLE } from '../engine/sim/network-profile';
import { Prng } from '../engine/sim/prng';
import { RaftCluster } from '../engine/raft/cluster/raft-cluster';

interface Figures {
  label: string;
  events: number;
  virtualMs: number;
  wallMs: number;
  opsDone: number;
}

function run(label: string, virtualSeconds: number, checker: boolean, trace: boolean): Figures {
  const cluster = new RaftCluster({ nodes: 5, seed: 2024, network: UNRELIABLE, trace: trace ? 'full' : 'off', stateMachineFor: () => new KvStateMachine(), snapshotEveryEntries: 1000 });
  if (checker) cluster.addObserver(new RaftInvariantChecker(cluster.trace));
  const kv = new KvService(cluster, { clients: 20, readMode: 'read-index' }, new Prng(2024).fork('clients'));
  kv.runClosedLoop({ keys: ['a', 'b', 'c', 'd', 'e'], untilMs: virtualSeconds * 1000, thinkMsMax: 5, getPerMille: 500, putPerMille: 250 });
  const t0 = performance.now();
  cluster.runForMs(virtualSeconds * 1000);
  const wallMs = performance.now() - t0;
  const opsDone = kv.history.operations().filter((o) => o.returnMs !== null).length;
  return { label, events: cluster.stats.events, virtualMs: virtualSeconds * 1000, wallMs, opsDone };
}

function report(f: Figures): void {
  const perSecond = (f.events / f.wallMs) * 1000;
  console.log(
    `${f.label.padEnd(26)} ${f.events.toLocaleString('en-US').padStart(11)} events in ${f.wallMs.toFixed(0).padStart(6)} ms wall → ` +
      `${Math.round(perSecond).toLocaleString('en-US').padStart(10)} events/s, ${(f.virtualMs / f.wallMs).toFixed(1).padStart(6)} virtual s per wall s, ` +
      `${f.opsDone.toLocaleString('en-US')} client ops (${((f.opsDone / f.virtualMs) * 1000).toFixed(0)}/virtual s)`,
  );
}

const seconds = Number(process.argv[2] ?? 240);
console.log(`bench/raft: 5 nodes, unreliable network (10%/10% loss, 0–27 ms), 20 KV clients, ${seconds} virtual s`);
// Warm every configuration's code paths first, so the measured runs compare steady states.
run('warm-up', 20, false, false);
run('warm-up', 20, true, false);
run('warm-up', 20, true, true);
report(run('bare', seconds, false, false));
report(run('+ invariant checker', seconds, true, false));
report(run('+ checker + full trace', seconds, true, true));
