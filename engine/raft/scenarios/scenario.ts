/**
 * Scenario plumbing: a world (cluster + invariant checker + trace) per seed, a failure collector,
 * and the classic lab's helpers (`one`: get a value committed on enough nodes).
 */
import { RaftInvariantChecker } from '../raft-invariants';
import { RaftCluster, type ClusterOptions } from '../cluster/raft-cluster';
import type { Json, NodeId } from '../types';

export interface ScenarioResult {
  readonly failures: readonly string[];
  readonly world: World;
}

export interface Scenario {
  readonly name: string;
  /** The paper section or lab test it follows, e.g. "Raft §5.2". */
  readonly cites: string;
  run(seed: number): ScenarioResult;
}

type WorldOptions = Omit<ClusterOptions, 'observers'>;

/** Options added to every World built inside `withWorldDefaults` (the scenario's own options win). */
let worldDefaults: Partial<WorldOptions> = {};

/**
 * Run `body` with `defaults` added to every World it builds: a lab runs the unchanged scenario
 * catalogue on its learner's nodes with `withWorldDefaults({ nodeFactory }, () => scenario.run(seed))`.
 */
export function withWorldDefaults<T>(defaults: Partial<WorldOptions>, body: () => T): T {
  const saved = worldDefaults;
  worldDefaults = { ...saved, ...defaults };
  try {
    return body();
  } finally {
    worldDefaults = saved;
  }
}

export class World {
  readonly cluster: RaftCluster;
  readonly checker: RaftInvariantChecker;
  readonly failures: string[] = [];

  constructor(options: WorldOptions) {
    this.cluster = new RaftCluster({ ...worldDefaults, ...options });
    this.checker = new RaftInvariantChecker(this.cluster.trace);
    this.cluster.addObserver(this.checker);
  }

  /** Record a failure unless `ok`; returns ok so callers can stop early. */
  expect(ok: boolean, message: string): boolean {
    if (!ok) this.failures.push(`[${this.cluster.nowMs()} ms] ${message}`);
    return ok;
  }

  /** Wait until one leader is followed by every live node in `among` (or all live nodes). */
  awaitLeader(timeoutMs = 5000, among?: readonly NodeId[]): NodeId | null {
    let leader: NodeId | null = null;
    this.cluster.runUntil(() => (leader = this.cluster.agreedLeader(among)) !== null, timeoutMs);
    return leader;
  }

  /** Number of nodes that applied index `index`, and whether they agree it holds `value`. */
  nApplied(index: number): number {
    return this.cluster.ids.filter((id) => this.cluster.appliedIndex(id) >= index).length;
  }

  /**
   * The classic lab's `one(cmd, expectedServers)`: propose at whichever node is leader, and wait
   * until at least `expected` nodes applied it; retry through leader changes for up to timeoutMs.
   * Returns the index, or null (and records a failure).
   */
  one(value: Json, expected: number, timeoutMs = 10_000): number | null {
    const c = this.cluster;
    const deadline = c.nowMs() + timeoutMs;
    const want = JSON.stringify(value);
    while (c.nowMs() < deadline) {
      const pos = c.propose(value);
      if (pos !== null) {
        const ok = c.runUntil(() => this.nApplied(pos.index) >= expected, 2000);
        if (ok && this.checker.appliedPayloadAt(pos.index) === want) return pos.index;
      } else c.runForMs(50);
    }
    this.expect(false, `one(${want}) failed to reach agreement on ${expected} nodes within ${timeoutMs} ms`);
    return null;
  }

  /** All failures: the scenario's own, the driver's persist-before-send checks and the invariant checker's. */
  result(): ScenarioResult {
    const all = [...this.failures];
    for (const v of this.cluster.violations) all.push(`[${v.tMs} ms] ${v.rule} @ node ${v.node}: ${v.detail}`);
    for (const v of this.checker.violations) all.push(`[${v.tMs} ms] ${v.rule} @ node ${v.node}: ${v.detail}`);
    return { failures: all, world: this };
  }
}

/** A subset of `ids` of size k, drawn from the cluster's own PRNG stream for the scenario. */
export function pickSome(rng: { shuffled<T>(items: readonly T[]): T[] }, ids: readonly NodeId[], k: number): NodeId[] {
  return rng.shuffled(ids).slice(0, k);
}
