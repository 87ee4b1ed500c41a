/**
 * Simulation plumbing shared by the visible and hidden tests: clusters whose nodes run your
 * membership rules (or a mix with the reference rules), with PreVote on (so a removed server that
 * never learnt of its removal cannot disrupt the rest), the Raft invariant checker extended for
 * configurations, and checks of the thesis §4 rules on every configuration a leader appends.
 * Failure messages name the rule, the thesis section and the seed; a compact trace is attached.
 */
import { attachTrace, expect } from '../../grader/harness/api';
import { compactTrace } from '../../grader/harness/kits/raft-lab-kit';
import { RaftCluster } from '../../engine/raft/cluster/raft-cluster';
import type { ClusterObserver } from '../../engine/raft/cluster/cluster-observer';
import { MembershipInvariantChecker } from '../../engine/raft/membership-invariants';
import { changeRequest, configOf, describeConfig, latestConfig, referenceMembership, type ClusterConfig, type MembershipRules } from '../../engine/raft/membership';
import type { Entry, Json, NodeId } from '../../engine/raft/types';
import type { NetworkProfile } from '../../engine/sim/network-profile';

export interface MembershipWorldOptions {
  /** Nodes 1..nodes exist; the first `voters` of them form the initial configuration, the rest are spare servers. */
  readonly nodes: number;
  readonly voters: number;
  readonly rules: MembershipRules;
  /** Which nodes run your rules (default: all); the others run the reference rules. */
  readonly yours?: (id: NodeId) => boolean;
  readonly network?: NetworkProfile;
  readonly maxEntriesPerMessage?: number;
}

export class MembershipWorld implements ClusterObserver {
  readonly cluster: RaftCluster;
  readonly checker: MembershipInvariantChecker;
  readonly bootstrap: ClusterConfig;
  readonly problems: string[] = [];
  /** Configurations appended by leaders, in order: [index, term, config]. */
  readonly appended: { index: number; term: number; config: ClusterConfig; leader: NodeId }[] = [];

  constructor(readonly seed: number, options: MembershipWorldOptions) {
    const yours = options.yours ?? (() => true);
    const voters = Array.from({ length: options.voters }, (_, i) => i + 1);
    this.bootstrap = { voters, learners: [] };
    this.cluster = new RaftCluster({
      nodes: options.nodes,
      seed,
      voters,
      preVote: true,
      network: options.network,
      maxEntriesPerMessage: options.maxEntriesPerMessage,
      hooksFor: (id) => ({ membership: yours(id) ? options.rules : referenceMembership }),
    });
    this.checker = new MembershipInvariantChecker(this.bootstrap, this.cluster.trace);
    this.cluster.addObserver(this.checker);
    this.cluster.addObserver(this);
  }

  check(ok: boolean, message: string): boolean {
    if (!ok) this.problems.push(`[${this.cluster.nowMs()} ms] ${message}`);
    return ok;
  }

  // ---- the thesis §4 rules, checked on every configuration a leader appends ----------------------

  onPersist(_tMs: number, node: NodeId, entries: readonly Entry[]): void {
    const n = this.cluster.node(node);
    if (n === null || n.role() !== 'leader') return;
    for (const e of entries) {
      const config = configOf(e.data);
      if (config === null || e.term !== n.term()) continue;
      const log = n.log();
      const before = latestConfig(log, this.bootstrap, e.index - 1);
      const commit = n.commitIndex();
      this.appended.push({ index: e.index, term: e.term, config, leader: node });
      const what = `leader ${node} (term ${e.term}) appended configuration ${describeConfig(config)} at index ${e.index}`;
      if (before.index > commit) {
        this.check(false, `${what} while the previous configuration ${describeConfig(before.config)} at index ${before.index} was not committed yet (commit index ${commit}): thesis §4.1 allows one change at a time; two uncommitted single-server changes are a two-server change whose majorities need not overlap`);
      }
      if (log.termAt(commit) !== e.term) {
        this.check(false, `${what} before committing any entry of its own term (commit index ${commit} holds term ${log.termAt(commit)}): the 2015 fix of the single-server algorithm (thesis §4.1 errata) — a new leader must commit its no-op first, or a change from an older leader's uncommitted configuration can lead to two leaders with disjoint majorities`);
      }
      const promoted = config.voters.filter((v) => !before.config.voters.includes(v));
      for (const p of promoted) {
        const disk = this.cluster.disk(p);
        const held = disk.lastIndex() >= commit && disk.termAt(commit) === log.termAt(commit);
        if (!before.config.learners.includes(p)) {
          this.check(false, `${what}, making node ${p} a voter without first adding it as a learner (thesis §4.2.1)`);
        } else if (!held) {
          this.check(false, `${what}, promoting learner ${p} before it caught up: its disk holds the leader's log only up to index ${disk.lastIndex()} (of ${commit} committed) — thesis §4.2.1: a new server that votes before it catches up can stall commits`);
        }
      }
    }
  }

  private readonly lastRole = new Map<NodeId, { role: string; term: number }>();

  onCrash(_tMs: number, node: NodeId): void {
    this.lastRole.delete(node);
  }

  onStep(_tMs: number, node: NodeId, role: string, term: number): void {
    const prev = this.lastRole.get(node);
    this.lastRole.set(node, { role, term });
    const n = this.cluster.node(node)!;
    if (prev?.role === 'leader' && role !== 'leader' && prev.term === term) {
      const { config, index } = n.membership();
      if (!config.voters.includes(node) && index > n.commitIndex()) {
        this.check(false, `leader ${node} stepped down in term ${term} while the configuration ${describeConfig(config)} at index ${index} that removes it was not committed yet (commit index ${n.commitIndex()}): thesis §4.2.2, a leader being removed keeps managing the cluster until C_new is committed, then steps down`);
      }
    }
    if (role !== 'leader') return;
    const { config, index } = n.membership();
    if (!config.voters.includes(node) && index <= n.commitIndex()) {
      this.check(false, `node ${node} still leads term ${n.term()} after committing (commit index ${n.commitIndex()}) the configuration ${describeConfig(config)} at index ${index} that removed it: thesis §4.2.2, a removed leader steps down once C_new is committed`);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** The live leader of the highest term, or null. */
  leader(): NodeId | null {
    return this.cluster.leader();
  }

  /** The configuration the leader has committed (null without a leader). */
  committedConfig(): ClusterConfig | null {
    const l = this.leader();
    if (l === null) return null;
    const n = this.cluster.node(l)!;
    const { config, index } = n.membership();
    return index <= n.commitIndex() ? config : latestConfig(n.log(), this.bootstrap, index - 1).config;
  }

  /** Wait until a leader is followed by every live voter of its configuration. */
  awaitLeader(timeoutMs: number): NodeId | null {
    let found: NodeId | null = null;
    this.cluster.runUntil(() => {
      const l = this.leader();
      if (l === null) return false;
      const n = this.cluster.node(l)!;
      const { config } = n.membership();
      const live = config.voters.filter((v) => this.cluster.isUp(v));
      if (this.cluster.agreedLeader(live) !== l) return false;
      found = l;
      return true;
    }, timeoutMs);
    return found;
  }

  /**
   * Ask for a change until the leader's committed configuration shows it (an added server a voter,
   * a removed one gone), retrying through leader changes. Returns whether it happened in time.
   */
  change(op: 'add' | 'remove', node: NodeId, timeoutMs: number): boolean {
    const c = this.cluster;
    const done = (): boolean => {
      const cfg = this.committedConfig();
      if (cfg === null) return false;
      return op === 'add' ? cfg.voters.includes(node) : !cfg.voters.includes(node) && !cfg.learners.includes(node);
    };
    const deadline = c.nowMs() + timeoutMs;
    while (c.nowMs() < deadline) {
      if (done()) return true;
      const l = this.leader();
      if (l !== null) c.propose(changeRequest({ op, node }), l);
      c.runUntil(done, 30);
    }
    return done();
  }

  /** Propose `value` at the leader and wait until the leader commits it. */
  commit(value: Json, timeoutMs: number): boolean {
    const c = this.cluster;
    const deadline = c.nowMs() + timeoutMs;
    while (c.nowMs() < deadline) {
      const l = this.awaitLeader(Math.max(1, deadline - c.nowMs()));
      if (l === null) return false;
      const pos = c.propose(value, l);
      if (pos === null) continue;
      const ok = c.runUntil(() => {
        const n = c.node(l);
        return n !== null && n.commitIndex() >= pos.index;
      }, Math.min(1000, Math.max(1, deadline - c.nowMs())));
      const n = c.node(l);
      if (ok && n !== null && n.log().termAt(pos.index) === pos.term) return true;
    }
    return false;
  }

  failures(): string[] {
    const all = [...this.problems, ...this.cluster.violations.map((v) => `[${v.tMs} ms] ${v.rule} at node ${v.node}: ${v.detail}`), ...this.checker.violations.map((v) => `[${v.tMs} ms] ${v.rule} at node ${v.node}: ${v.detail}`)];
    const at = (f: string): number => Number(/^\[(\d+) ms\]/.exec(f)?.[1] ?? Infinity);
    return all.map((f, i) => ({ f, i })).sort((a, b) => at(a.f) - at(b.f) || a.i - b.i).map((x) => x.f);
  }
}

const ADVICE: readonly [RegExp, string][] = [
  [/commit-needs-majority|election-safety/, 'quorum: only the voters of the configuration count, each once, and a majority of them is floor(voters / 2) + 1 (thesis §4.1): learners receive entries but never vote or count for commitment.'],
  [/previous configuration .* was not committed/, 'canPropose: refuse while view.configIndex > view.commitIndex (thesis §4.1, one change at a time).'],
  [/before committing any entry of its own term/, 'canPropose: refuse until view.log.termAt(view.commitIndex) === view.currentTerm (the 2015 fix: a new leader commits its no-op before any change).'],
  [/before it caught up/, 'promoteWhenCaughtUp: a learner is caught up when its matchIndex has reached the leader\'s commit index (thesis §4.2.1).'],
  [/stepped down in term .* not committed yet/, 'afterCommit: step down only once the configuration that removed this leader is committed (view.configIndex <= view.commitIndex); until then it keeps replicating without counting itself (thesis §4.2.2).'],
  [/still leads/, 'afterCommit: a leader that is not a voter of its latest configuration steps down once that configuration is committed (view.configIndex <= view.commitIndex), thesis §4.2.2.'],
  [/no leader|not committed|did not take effect/, 'Liveness: after each change a leader among the voters of the new configuration must emerge and commit; check that a removed leader steps down only after its removal is committed, and that learners are promoted once they hold every committed entry.'],
];

function advise(failure: string): string {
  for (const [pattern, advice] of ADVICE) if (pattern.test(failure)) return advice;
  return 'Replay the seed and follow the configuration entries in the trace around the failure.';
}

export function runTraced(mw: MembershipWorld, scenario: string, body: () => void): void {
  try {
    body();
  } finally {
    attachTrace(compactTrace(mw.cluster, mw.seed));
  }
  const failures = mw.failures();
  const first = failures[0];
  if (first !== undefined) {
    const more = failures.length > 1 ? ` (${failures.length - 1} more problem${failures.length > 2 ? 's' : ''} after it)` : '';
    expect(first === undefined, `${scenario} (seed ${mw.seed}): ${first}${more}. ${advise(first)}`).toBe(true);
  }
}

/** Grow the cluster from its initial voters by adding every spare server, one at a time, committing a value after each. */
export function growAll(mw: MembershipWorld, opts: { entriesBefore: number }): void {
  const c = mw.cluster;
  if (!mw.check(mw.awaitLeader(5000) !== null, 'no leader elected within 5 s of the start')) return;
  for (let i = 0; i < opts.entriesBefore; i++) c.propose(`pre${i}`, mw.leader());
  if (!mw.check(mw.commit('warm', 5000), 'the initial configuration did not commit a value within 5 s')) return;
  for (const id of c.ids.filter((x) => !mw.bootstrap.voters.includes(x))) {
    if (!mw.check(mw.change('add', id, 8000), `adding node ${id} did not take effect within 8 s (it never became a voter of a committed configuration)`)) return;
    if (!mw.check(mw.commit(`after-add-${id}`, 5000), `no leader committed a value within 5 s after node ${id} was added`)) return;
  }
}

/** Remove the current leader, then check that it stepped down and a new leader among the rest commits. */
export function removeLeader(mw: MembershipWorld): void {
  const c = mw.cluster;
  const leader = mw.awaitLeader(5000);
  if (!mw.check(leader !== null, 'no leader elected within 5 s of the start')) return;
  if (!mw.check(mw.commit('before', 5000), 'no value committed within 5 s of the start')) return;
  const l = mw.leader()!;
  if (!mw.check(mw.change('remove', l, 8000), `removing leader ${l} did not take effect within 8 s`)) return;
  c.runForMs(50);
  mw.check(c.node(l)?.role() !== 'leader', `node ${l} is still leader 50 ms after the configuration removing it committed (thesis §4.2.2)`);
  if (!mw.check(mw.commit('after', 5000), `no new leader among the remaining voters committed a value within 5 s after leader ${l} was removed`)) return;
  const now = mw.leader();
  mw.check(now !== l, `the removed node ${l} leads again`);
}
