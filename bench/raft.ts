/**
 * Simulator throughput: a 5-node cluster under the classic lab's unreliable network with a
 * steady closed-loop KV load. Prints simulated events per wall second and virtual seconds per
 * wall second, measured in this run, for three configurations (bare, + invariant checker,
 * + full trace) so the cost of checking and tracing is visible. Each line also gives events per
 * second of this process's CPU time, a steadier figure when other jobs share the machine. Each
 * configuration runs N times (--repeat, default 3) and the median run by wall time is printed: the
 * first run after another configuration is often slower while the JIT re-optimizes.
 *   npx tsx bench/raft.ts [virtualSeconds] [--repeat N]
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
  cpuMs: number;
  opsDone: number;
}

function run(label: string, virtualSeconds: number, checker: boolean, trace: boolean): Figures {
  const cluster = new RaftCluster({ nodes: 5, seed: 2024, network: UNRELIABLE, trace: trace ? 'full' : 'off', stateMachineFor: () => new KvStateMachine(), snapshotEveryEntries: 1000 });
  if (checker) cluster.addObserver(new RaftInvariantChecker(cluster.trace));
  const kv = new KvService(cluster, { clients: 20, readMode: 'read-index' }, new Prng(2024).fork('clients'));
  kv.runClosedLoop({ keys: ['a', 'b', 'c', 'd', 'e'], untilMs: virtualSeconds * 1000, thinkMsMax: 5, getPerMille: 500, putPerMille: 250 });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  cluster.runForMs(virtualSeconds * 1000);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const opsDone = kv.history.operations().filter((o) => o.returnMs !== null).length;
  return { label, events: cluster.stats.events, virtualMs: virtualSeconds * 1000, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, opsDone };
}

function median(label: string, repeat: number, virtualSeconds: number, checker: boolean, trace: boolean): Figures {
  const runs = Array.from({ length: repeat }, () => run(label, virtualSeconds, checker, trace)).sort((a, b) => a.wallMs - b.wallMs);
  return runs[(runs.length - 1) >> 1]!;
}

function report(f: Figures): void {
  const perSecond = (f.events / f.wallMs) * 1000;
  console.log(
    `${f.label.padEnd(26)} ${f.events.toLocaleString('en-US').padStart(11)} events in ${f.wallMs.toFixed(0).padStart(6)} ms wall → ` +
      `${Math.round(perSecond).toLocaleString('en-US').padStart(10)} events/s, ${(f.virtualMs / f.wallMs).toFixed(1).padStart(6)} virtual s per wall s, ` +
      `${f.opsDone.toLocaleString('en-US')} client ops (${((f.opsDone / f.virtualMs) * 1000).toFixed(0)}/virtual s); ` +
      `${Math.round((f.events / f.cpuMs) * 1000).toLocaleString('en-US')} events per CPU s`,
  );
}

const args = process.argv.slice(2);
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Math.max(1, Number(args.splice(repeatAt, 2)[1] ?? 3)) : 3;
const seconds = Number(args[0] ?? 240);
console.log(`bench/raft: 5 nodes, unreliable network (10%/10% loss, 0–27 ms), 20 KV clients, ${seconds} virtual s, median of ${repeat} runs`);
// Warm every configuration's code paths first, so the measured runs compare steady states.
run('warm-up', 20, false, false);
run('warm-up', 20, true, false);
run('warm-up', 20, true, true);
report(median('bare', repeat, seconds, false, false));
report(median('+ invariant checker', repeat, seconds, true, false));
report(median('+ checker + full trace', repeat, seconds, true, true));
