/**
 * Simulation plumbing shared by the visible and hidden tests: clusters in which some nodes run
 * your PreVote rules (the others the reference rules), with PreVote on and CheckQuorum off, so
 * your rules are the only thing between a rejoining node and the leader. Invariant checker on;
 * compact traces; failure messages that teach.
 */
import { attachTrace, expect } from '../../grader/harness/api';
import { compactTrace } from '../../grader/harness/kits/raft-lab-kit';
import type { PreVoteRules } from '../../engine/raft/hooks';
import { referencePreVote } from '../../engine/raft/hooks/pre-vote';
import { World } from '../../engine/raft/scenarios/scenario';
import type { NodeId } from '../../engine/raft/types';
import type { NetworkProfile } from '../../engine/sim/network-profile';
import type { RaftCluster } from '../../engine/raft/cluster/raft-cluster';

export interface PreVoteWorldOptions {
  readonly nodes: number;
  readonly rules: PreVoteRules;
  /** Which nodes run your rules (default: all); the others run the reference rules. */
  readonly learners?: (id: NodeId) => boolean;
  readonly network?: NetworkProfile;
}

export class PreVoteWorld {
  readonly world: World;
  readonly cluster: RaftCluster;
  readonly learners: readonly NodeId[];
  readonly problems: string[] = [];

  constructor(readonly seed: number, options: PreVoteWorldOptions) {
    const isLearner = options.learners ?? (() => true);
    this.world = new World({
      nodes: options.nodes,
      seed,
      network: options.network,
      preVote: true,
      checkQuorum: false,
      hooksFor: (id) => ({ preVote: isLearner(id) ? options.rules : referencePreVote }),
    });
    this.cluster = this.world.cluster;
    this.learners = this.cluster.ids.filter(isLearner);
  }

  check(ok: boolean, message: string): boolean {
    if (!ok) this.problems.push(`[${this.cluster.nowMs()} ms] ${message}`);
    return ok;
  }

  /** Highest term of any node now. */
  maxTerm(): number {
    return Math.max(...this.cluster.ids.map((id) => this.cluster.node(id)?.term() ?? 0));
  }

  /** PreVote and RequestVote messages sent so far. */
  votesSent(): { preVotes: number; votes: number } {
    let preVotes = 0;
    let votes = 0;
    for (const e of this.cluster.traceEvents()) {
      if (e.k !== 'send') continue;
      if (e.type === 'PreVote') preVotes++;
      else if (e.type === 'RequestVote') votes++;
    }
    return { preVotes, votes };
  }

  failures(): string[] {
    const all = [...this.problems, ...this.world.result().failures];
    const at = (f: string): number => Number(/^\[(\d+) ms\]/.exec(f)?.[1] ?? Infinity);
    return all.map((f, i) => ({ f, i })).sort((a, b) => at(a.f) - at(b.f) || a.i - b.i).map((x) => x.f);
  }
}

const ADVICE: readonly [RegExp, string][] = [
  [/leader deposed|term rose|raised its term/, 'A pre-vote must not raise anyone\'s term. A pre-candidate probes with currentTerm + 1 without taking it, and campaigns (the only step that increments the term) only after a majority of the whole cluster granted; voters refuse while they hear from a leader, and refuse logs less up-to-date than theirs.'],
  [/no leader|not elected|elected no/, 'Liveness: when the leader really is gone, followers stop hearing from it; once a voter has not heard from a leader for electionTicks it must grant pre-votes to up-to-date logs, and a pre-candidate must campaign as soon as a majority (itself included) granted.'],
  [/election-safety|leader-completeness|log-matching|state-machine-safety/, 'Safety broke: check that your pre-vote keeps the §5.4.1 up-to-date rule (last term first, then last index).'],
];

function advise(failure: string): string {
  for (const [pattern, advice] of ADVICE) if (pattern.test(failure)) return advice;
  return 'Replay the seed and follow the PreVote / PreVoteResponse messages in the trace around the failure.';
}


export function runTraced(pw: PreVoteWorld, scenario: string, body: () => void): void {
  try {
    body();
  } finally {
    attachTrace(compactTrace(pw.cluster, pw.seed));
  }
  const failures = pw.failures();
  const first = failures[0];
  if (first !== undefined) {
    const more = failures.length > 1 ? ` (${failures.length - 1} more problem${failures.length > 2 ? 's' : ''} after it)` : '';
    expect(first === undefined, `${scenario} (seed ${pw.seed}): ${first}${more}. ${advise(first)}`).toBe(true);
  }
}

export interface RejoinOptions {
  /** Nodes cut off together (1 or 2), all chosen among nodes running your rules. */
  readonly cutOff: 1 | 2;
  /** Client writes the majority commits while they are away (their logs fall behind); 0 keeps logs equal. */
  readonly writesWhileAway: number;
  readonly awayMs: number;
}

/** A minority is partitioned away and returns: the leader must keep its role and its term. */
export function rejoin(pw: PreVoteWorld, o: RejoinOptions): void {
  const c = pw.cluster;
  const w = pw.world;
  const leader = w.awaitLeader(5000);
  if (!pw.check(leader !== null, 'no leader elected within 5 s of the start')) return;
  w.one('x', c.ids.length);
  const termBefore = c.node(leader!)!.term();
  const away = pw.learners.filter((id) => id !== leader).slice(0, o.cutOff);
  if (!pw.check(away.length === o.cutOff, '(scenario) not enough nodes running your rules')) return;
  c.partition([away, c.ids.filter((id) => !away.includes(id))]);
  const startMs = c.nowMs();
  for (let i = 0; i < o.writesWhileAway; i++) w.one(`w${i}`, c.ids.length - away.length);
  c.runForMs(Math.max(0, o.awayMs - (c.nowMs() - startMs)));
  for (const id of away) {
    const t = c.node(id)!.term();
    pw.check(t === termBefore, `node ${id} raised its term from ${termBefore} to ${t} while it was partitioned away (${o.awayMs} ms, no leader reachable): a pre-vote it could not win still took a new term`);
  }
  c.heal();
  c.runForMs(2000);
  const now = c.node(leader!)!;
  if (now.role() !== 'leader' || now.term() !== termBefore) {
    const by = away.map((id) => `${id} (term ${c.node(id)!.term()})`).join(', ');
    pw.check(false, `leader deposed: node${away.length > 1 ? 's' : ''} ${by} rejoined after a partition and the healthy leader ${leader} went from leader of term ${termBefore} to ${now.role()} of term ${now.term()}`);
  } else {
    pw.check(c.agreedLeader() === leader, `after the heal the cluster does not follow leader ${leader} any more`);
  }
  w.one('y', c.ids.length);
}

export interface LivenessOptions {
  /** 1: crash the leader; 2: the leader and one follower. */
  readonly down: 1 | 2;
  /** Election deadline after the crash. */
  readonly withinMs: number;
}

/** The leader really dies: the others must elect a new one within the deadline. Returns the election time in ms. */
export function leaderDies(pw: PreVoteWorld, o: LivenessOptions): number {
  const c = pw.cluster;
  const w = pw.world;
  const leader = w.awaitLeader(5000);
  if (!pw.check(leader !== null, 'no leader elected within 5 s of the start')) return -1;
  w.one('x', c.ids.length);
  const crashed = [leader!, ...c.ids.filter((id) => id !== leader).slice(0, o.down - 1)];
  for (const id of crashed) c.crash(id);
  const live = c.ids.filter((id) => !crashed.includes(id));
  const at = c.nowMs();
  const next = w.awaitLeader(o.withinMs, live);
  const tookMs = c.nowMs() - at;
  if (!pw.check(next !== null, `no leader elected among ${live.join(', ')} within ${o.withinMs} ms after leader ${leader}${crashed.length > 1 ? ` and node ${crashed[1]}` : ''} crashed (a majority of ${live.length} of ${c.ids.length} is still up)`)) return -1;
  w.one('after', live.length);
  return tookMs;
}
