/**
 * Simulation plumbing shared by the visible and hidden tests: a cluster in which some nodes use
 * your installSnapshot handler, the invariant checker, a "terms never decrease along a log" check,
 * convergence checks, a compact trace for the replay viewer, and failure messages that teach.
 */
import { attachTrace, expect } from '../../grader/harness/api';
import { compactTrace } from '../../grader/harness/kits/raft-lab-kit';
import type { SnapshotInstallHandler } from '../../engine/raft/hooks';
import type { ReadonlyLog } from '../../engine/raft/raft-log';
import { World } from '../../engine/raft/scenarios/scenario';
import type { NodeId, Role } from '../../engine/raft/types';
import type { ClusterObserver } from '../../engine/raft/cluster/cluster-observer';
import type { NetworkProfile } from '../../engine/sim/network-profile';
import type { RaftCluster } from '../../engine/raft/cluster/raft-cluster';

export interface SnapshotWorldOptions {
  readonly nodes: number;
  readonly seed: number;
  readonly handler: SnapshotInstallHandler;
  /** Which nodes run your handler (default: all). */
  readonly learners?: (id: NodeId) => boolean;
  readonly network?: NetworkProfile;
  readonly snapshotEveryEntries?: number;
}

/** Raft logs never go back in term: after a snapshot boundary of term T, no entry may have a term below T. */
class LogTermOrder implements ClusterObserver {
  readonly problems: string[] = [];
  onStep(tMs: number, node: NodeId, _role: Role, _term: number, log: ReadonlyLog): void {
    if (this.problems.length > 0) return;
    let prev = log.snapshotTerm();
    for (let i = log.firstIndex(); i <= log.lastIndex(); i++) {
      const t = log.termAt(i) as number;
      if (t < prev) {
        this.problems.push(
          `[${tMs} ms] node ${node}'s log has entry ${i} of term ${t} after ${i - 1 === log.snapshotIndex() ? `its snapshot boundary (index ${log.snapshotIndex()}, term ${prev})` : `an entry of term ${prev}`}: terms never decrease along a Raft log, so entries after the snapshot were kept that are not the leader's`,
        );
        return;
      }
      prev = t;
    }
  }
}

/** Thrown out of the simulation when a node keeps ignoring snapshots the leader keeps resending. */
class SnapshotLoop extends Error {}

/** Consecutive ignored snapshots on one node after which the run stops: the leader is resending the same snapshot forever. */
const IGNORE_LOOP_LIMIT = 150;

export class SnapshotWorld {
  readonly world: World;
  readonly cluster: RaftCluster;
  readonly learners: readonly NodeId[];
  private readonly termOrder = new LogTermOrder();
  readonly problems: string[] = [];

  constructor(readonly seed: number, options: SnapshotWorldOptions) {
    const isLearner = options.learners ?? (() => true);
    this.world = new World({
      nodes: options.nodes,
      seed,
      network: options.network,
      snapshotEveryEntries: options.snapshotEveryEntries ?? 10,
      hooksFor: (id) => (isLearner(id) ? { installSnapshot: this.guarded(id, options.handler) } : {}),
    });
    this.cluster = this.world.cluster;
    this.cluster.addObserver(this.termOrder);
    this.learners = this.cluster.ids.filter(isLearner);
  }

  private readonly ignoredInARow = new Map<NodeId, number>();

  /** Your handler, counting consecutive ignores so an endless resend loop stops the run with an explanation. */
  private guarded(id: NodeId, handler: SnapshotInstallHandler): SnapshotInstallHandler {
    return (follower, request) => {
      const d = handler(follower, request);
      const n = d.kind === 'ignore' ? (this.ignoredInARow.get(id) ?? 0) + 1 : 0;
      this.ignoredInARow.set(id, n);
      if (n >= IGNORE_LOOP_LIMIT) {
        const meta = request.snapshot.meta;
        throw new SnapshotLoop(
          `[${this.cluster.nowMs()} ms] node ${id} never caught up: it ignored ${n} InstallSnapshot in a row from leader ${request.from} (the last one through index ${meta.index}, term ${meta.term}) while its commitIndex was ${follower.commitIndex} and its log ran from ${follower.log.firstIndex()} to ${follower.log.lastIndex()} (${follower.log.termAt(meta.index) === undefined ? 'no entry' : `term ${follower.log.termAt(meta.index)}`} at ${meta.index}); the run was stopped`,
        );
      }
      return d;
    };
  }

  /** Records a problem unless ok. */
  check(ok: boolean, message: string): boolean {
    if (!ok) this.problems.push(`[${this.cluster.nowMs()} ms] ${message}`);
    return ok;
  }

  /** InstallSnapshot messages sent to `node` so far. */
  snapshotsSentTo(node: NodeId): number {
    let n = 0;
    for (const e of this.cluster.traceEvents()) if (e.k === 'send' && e.type === 'InstallSnapshot' && e.to === node) n++;
    return n;
  }

  /** Whether `node` stored a snapshot installed from a leader. */
  installedSnapshot(node: NodeId): boolean {
    return this.cluster.traceEvents().some((e) => e.k === 'snapshot' && e.node === node && e.installed);
  }

  /** Wait until every live node applied the leader's commit index, then compare their state machines. */
  converge(timeoutMs = 4000): void {
    const c = this.cluster;
    const done = (): boolean => {
      const l = c.agreedLeader();
      if (l === null) return false;
      const commit = c.node(l)!.commitIndex();
      return c.ids.every((id) => !c.isUp(id) || c.appliedIndex(id) >= commit);
    };
    if (!c.runUntil(done, timeoutMs)) {
      const l = c.leader();
      const commit = l === null ? 0 : c.node(l)!.commitIndex();
      const behind = c.ids.filter((id) => c.isUp(id) && c.appliedIndex(id) < commit);
      this.check(
        false,
        l === null
          ? `no stable leader ${timeoutMs} ms after the faults ended`
          : `node${behind.length > 1 ? 's' : ''} ${behind.join(', ')} never caught up: applied ${behind.map((id) => c.appliedIndex(id)).join(', ')} of the leader's ${commit} within ${timeoutMs} ms after the faults ended (${behind.map((id) => `${this.snapshotsSentTo(id)} InstallSnapshot sent to node ${id}`).join(', ')})`,
      );
      return;
    }
    const l = c.agreedLeader()!;
    const want = JSON.stringify(c.stateMachine(l).snapshot());
    for (const id of c.ids) {
      if (!c.isUp(id)) continue;
      const have = JSON.stringify(c.stateMachine(id).snapshot());
      if (have !== want) {
        this.check(false, `node ${id}'s state machine differs from leader ${l}'s after both applied index ${c.appliedIndex(l)}: ${have.slice(0, 120)} vs ${want.slice(0, 120)}`);
        return;
      }
    }
  }

  /** Every failure: this test's own, the log-term check, the driver's persist-before-send and the invariant checker's. */
  failures(): string[] {
    const all = [...this.problems, ...this.termOrder.problems, ...this.world.result().failures];
    const at = (f: string): number => Number(/^\[(\d+) ms\]/.exec(f)?.[1] ?? Infinity);
    return all.map((f, i) => ({ f, i })).sort((a, b) => at(a.f) - at(b.f) || a.i - b.i).map((x) => x.f);
  }
}

const ADVICE: readonly [RegExp, string][] = [
  [/rolled back/, 'An InstallSnapshot that does not reach past the follower\'s commitIndex is old news (a late or duplicated message): everything it covers is already applied, so installing it rolls the state machine back. Ignore it.'],
  [/terms never decrease/, 'Figure 13 rule 6 keeps the entries after the snapshot only if the log holds the snapshot\'s last included entry with the same index AND term; otherwise (rule 7) discard the whole log.'],
  [/never caught up/, 'When you ignore a snapshot the engine tells the leader how far this node\'s commit index goes, and the leader, still unable to send entries it compacted, sends the snapshot again. Ignore only snapshots your commit index already covers.'],
  [/state machine differs/, 'A node ended with a different state after applying the same index: check which snapshots you install and whether you keep a log suffix that does not match the leader\'s.'],
  [/log-matching|state-machine-safety|leader-completeness|commit-needs-majority/, 'Logs disagree on committed history: a kept log suffix that does not belong to the leader can surface later. Keep the suffix only when the term at lastIncludedIndex matches.'],
  [/applied-in-order/, 'A state machine saw entries out of order: check that you never install a snapshot behind what was already applied.'],
];

export function advise(failure: string): string {
  for (const [pattern, advice] of ADVICE) if (pattern.test(failure)) return advice;
  return 'Replay the seed and look at the InstallSnapshot messages around the failure in the trace.';
}


/** Runs the scenario, attaches the trace, and fails with the first broken property, its seed and where to look (`adviseOn`). */
export function runTraced(sw: SnapshotWorld, scenario: string, body: () => void, adviseOn: (failure: string) => string = advise): void {
  try {
    body();
  } catch (e) {
    if (!(e instanceof SnapshotLoop)) throw e;
    sw.problems.unshift(e.message);
  } finally {
    attachTrace(compactTrace(sw.cluster, sw.seed));
  }
  const failures = sw.failures();
  const first = failures[0];
  if (first !== undefined) {
    const more = failures.length > 1 ? ` (${failures.length - 1} more problem${failures.length > 2 ? 's' : ''} after it)` : '';
    expect(first === undefined, `${scenario} (seed ${sw.seed}): ${first}${more}. ${adviseOn(first)}`).toBe(true);
  }
}

/** A follower falls behind (crashed or cut off) while the others commit and compact, then returns; repeated `rounds` times. */
export function laggingPeer(sw: SnapshotWorld, mode: 'crash' | 'partition', rounds: number, entriesWhileAway: number): void {
  const c = sw.cluster;
  const w = sw.world;
  const rng = c.ids.length; // the victim rotates over learner nodes other than the leader
  if (!sw.check(w.awaitLeader(5000) !== null, 'no leader elected within 5 s')) return;
  w.one('start', c.ids.length);
  for (let round = 0; round < rounds; round++) {
    const leader = c.leader();
    const candidates = sw.learners.filter((id) => id !== leader);
    const victim = candidates[(round + rng) % candidates.length]!;
    if (mode === 'crash') c.crash(victim);
    else c.isolate(victim);
    for (let i = 0; i < entriesWhileAway; i++) w.one(`r${round}-${i}`, Math.floor(c.ids.length / 2) + 1);
    if (mode === 'crash') c.restart(victim);
    else c.heal();
    const leaderNow = c.leader();
    const compacted = leaderNow !== null ? c.node(leaderNow)!.log().snapshotIndex() : 0;
    w.one(`back-${round}`, c.ids.length, 4000);
    sw.check(
      c.appliedIndex(victim) >= compacted,
      `node ${victim} came back behind the leader's snapshot (index ${compacted}) and did not catch up: it applied only ${c.appliedIndex(victim)} (${sw.snapshotsSentTo(victim)} InstallSnapshot sent to it)`,
    );
    sw.check(sw.installedSnapshot(victim), `node ${victim} was away for ${entriesWhileAway} entries but never installed a snapshot from the leader`);
  }
  sw.converge();
}
