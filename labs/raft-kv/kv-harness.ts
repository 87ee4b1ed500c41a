/**
 * The lab's simulation harness: the reference KV service (engine/raft/kv/kv-service.ts) on the
 * simulated reference Raft cluster, with your store as every server's state machine and your
 * planGet as the read path. Closed-loop clients retry with the same (clientId, seq) until they get
 * an answer and record the history the linearizability checker verifies. Client traffic crosses
 * the same faulty network as Raft traffic.
 */
import { checkOperations, describeResult, type LinearizabilityResult } from '../../engine/check/linearizability';
import { kvModel, type KvInput, type KvOutput } from '../../engine/check/models/kv-model';
import { KvService } from '../../engine/raft/kv/kv-service';
import { World } from '../../engine/raft/scenarios/scenario';
import type { StateMachine } from '../../engine/raft/state-machine';
import type { NodeId } from '../../engine/raft/types';
import { RELIABLE, type NetworkProfile } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';
import type { RaftCluster } from '../../engine/raft/cluster/raft-cluster';
import type { GetPlan, KvStateMachine, ServerView } from './api';

export { KvService };

export interface KvWorldOptions {
  readonly seed: number;
  /** Cluster size (default 5). */
  readonly nodes?: number;
  readonly newStore: () => KvStateMachine;
  readonly planFor: (node: NodeId) => (server: ServerView) => GetPlan;
  readonly clients: number;
  readonly network?: NetworkProfile;
  readonly snapshotEveryEntries?: number | null;
  readonly logReads?: boolean;
}

/** A reference Raft cluster (5 nodes unless told) whose servers all run your store, with the KV service and the invariant checker. */
export function kvWorld(o: KvWorldOptions): { world: World; cluster: RaftCluster; kv: KvService } {
  const world = new World({
    nodes: o.nodes ?? 5,
    seed: o.seed,
    network: o.network ?? RELIABLE,
    stateMachineFor: () => o.newStore() as unknown as StateMachine,
    snapshotEveryEntries: o.snapshotEveryEntries ?? null,
  });
  const kv = new KvService(
    world.cluster,
    { clients: o.clients, readMode: o.logReads === true ? 'log' : 'read-index', planGet: (server) => o.planFor(server.id)(server) },
    new Prng(o.seed).fork('clients'),
  );
  return { world, cluster: world.cluster, kv };
}

export interface StormOptions {
  readonly partitions: boolean;
  readonly crashes: boolean;
  readonly stormMs: number;
  readonly calmMs: number;
}

/** Safety phase (faults while clients run), then liveness (heal, restart, reliable links): every client must finish. */
export function storm(w: { world: World; cluster: RaftCluster; kv: KvService }, seed: number, o: StormOptions, clients: number): void {
  const c = w.cluster;
  const rng = new Prng(seed).fork('storm');
  w.kv.runClosedLoop({ keys: ['a', 'b', 'c'], untilMs: o.stormMs + o.calmMs, thinkMsMax: 20, getPerMille: 400, putPerMille: 200 });
  while (c.nowMs() < o.stormMs) {
    c.runForMs(rng.range(100, 500));
    const roll = rng.int(1000);
    if (o.partitions && roll < 300) {
      const minority = rng.shuffled(c.ids).slice(0, rng.range(1, 2));
      c.partition([minority, c.ids.filter((id) => !minority.includes(id))]);
    } else if (o.partitions && roll < 500) c.heal();
    else if (o.crashes && roll < 700) {
      const up = c.ids.filter((id) => c.isUp(id));
      if (up.length > 3) c.crash(rng.pick(up));
    } else if (o.crashes && roll < 900) {
      const down = c.ids.filter((id) => !c.isUp(id));
      if (down.length > 0) c.restart(rng.pick(down));
    }
  }
  const healedAtMs = c.nowMs();
  c.heal();
  for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
  c.setNetwork(RELIABLE);
  c.runForMs(o.calmMs);
  const settled = c.runUntil(() => w.kv.allIdle(), 10_000);
  w.world.expect(settled, `clients still waiting 10 s after the network healed`);
  const done = w.kv.history.operations().filter((op) => op.returnMs !== null && op.returnMs > healedAtMs).length;
  w.world.expect(done >= clients * 2, `only ${done} operations completed in the ${o.calmMs} ms after the network healed`);
}

export type Verdict = LinearizabilityResult<KvInput, KvOutput>;

export function checkHistory(kv: KvService): { verdict: Verdict; text: string; ops: number } {
  const ops = kv.history.operations();
  const verdict = checkOperations(kvModel, ops, { maxSteps: 3_000_000 });
  return { verdict, text: describeResult(kvModel, verdict), ops: ops.length };
}
