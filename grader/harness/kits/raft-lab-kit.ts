/**
 * Shared by the Raft labs' hidden suites: worlds with the invariant checker on, a churn workload,
 * a compact trace for the replay viewer, and failure messages that name the property, the seed
 * and (through each lab's advice table) where to look in that lab's piece.
 */
import { attachTrace, fail } from '../api';
import type { NetworkProfile } from '../../../engine/sim/network-profile';
import { Prng } from '../../../engine/sim/prng';
import type { RaftCluster } from '../../../engine/raft/cluster/raft-cluster';
import type { TraceEvent } from '../../../engine/sim/trace';
import type { RaftHooks } from '../../../engine/raft/hooks';
import { World } from '../../../engine/raft/scenarios/scenario';

export { fail };

/** The trace viewer takes `{ version: 1, events }`; the harness caps a trace at 16 KB. */
const TRACE_BUDGET_CHARS = 15_000;
const TRACE_MAX_EVENTS = 400;

/** The last events of the run (fitting the harness's cap), preceded by each node's last role before them. */
export function compactTrace(cluster: RaftCluster, seed: number): unknown {
  const all = cluster.traceEvents();
  let count = Math.min(TRACE_MAX_EVENTS, all.length);
  for (;;) {
    const window = all.slice(all.length - count);
    const before = all.slice(0, all.length - count);
    const roles = new Map<number, TraceEvent>();
    for (const e of before) if (e.k === 'role') roles.set(e.node, e);
    const value = { version: 1, seed, truncated: all.length - count, events: [...roles.values(), ...window] };
    if (JSON.stringify(value).length <= TRACE_BUDGET_CHARS || count <= 20) return value;
    count = Math.floor(count * 0.8);
  }
}

/** Runs `body` and then attaches the run's trace as it ended (reported only if the test fails). */
export function traced(world: World, seed: number, body: () => void): void {
  try {
    body();
  } finally {
    attachTrace(compactTrace(world.cluster, seed));
  }
}

const PROPERTY_NAMES: Record<string, string> = {
  'election-safety': 'election safety (at most one leader per term)',
  'leader-completeness': 'leader completeness',
  'state-machine-safety': 'state machine safety',
  'log-matching': 'log matching',
  'commit-needs-majority': 'commit needs a majority',
  'applied-in-order': 'applied in order',
  'term-monotonic': 'terms never go back',
  'persist-before-send': 'persist before send',
};

/** Per broken invariant, where to look in the lab's piece. */
export type InvariantAdvice = Readonly<Record<string, string>>;

/** Fails the running test with a teaching message if the world saw any violation or scenario failure. */
export function expectSafe(advice: InvariantAdvice, world: World, seed: number, what: string): void {
  const v = world.checker.violations[0] ?? world.cluster.violations[0];
  if (v !== undefined) {
    const rule = v.rule;
    fail(`${PROPERTY_NAMES[rule] ?? rule} violated ${what} (seed ${seed}, at ${v.tMs} ms): node ${v.node} ${v.detail}. ${advice[rule] ?? ''}`);
  }
  const f = world.failures[0];
  if (f !== undefined) fail(`${what} (seed ${seed}): ${f}`);
}

export function check(ok: boolean, message: string): void {
  if (!ok) fail(message);
}

/** How often the leader changed (a new leader or a new term) over a window of the run. */
export function leaderChanges(world: World): number {
  let changes = 0;
  for (const e of world.cluster.traceEvents()) if (e.k === 'role' && e.role === 'leader') changes++;
  return changes;
}

/**
 * A churny workload: proposals, crashes, restarts, minority partitions and heals on a lossy
 * network, then everything healed and one more value agreed by all.
 */
export function storm(seed: number, hooksFor: (id: number) => Partial<RaftHooks>, network: NetworkProfile, options: { nodes: number; rounds: number; electionTicks?: number; heartbeatTicks?: number }): World {
  const w = new World({ nodes: options.nodes, seed, network, hooksFor, electionTicks: options.electionTicks, heartbeatTicks: options.heartbeatTicks });
  const c = w.cluster;
  const rng = new Prng(seed).fork('lab-storm');
  const minUp = Math.floor(options.nodes / 2) + 1;
  for (let i = 0; i < options.rounds; i++) {
    c.propose(`v${i}`);
    c.runForMs(rng.range(20, 200));
    const victim = rng.pick(c.ids);
    const roll = rng.int(10);
    if (roll < 2 && c.isUp(victim) && c.ids.filter((id) => c.isUp(id)).length > minUp) c.crash(victim);
    else if (roll < 5 && !c.isUp(victim)) c.restart(victim);
    else if (roll < 7) {
      const minority = rng.shuffled(c.ids).slice(0, Math.floor((options.nodes - 1) / 2));
      c.partition([minority, c.ids.filter((id) => !minority.includes(id))]);
    } else if (roll < 8) c.heal();
  }
  c.heal();
  for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
  w.awaitLeader(10_000);
  w.one('end', options.nodes, 20_000);
  return w;
}
