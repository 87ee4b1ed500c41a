/**
 * Simulation plumbing shared by the visible and hidden tests: clusters with PreVote and CheckQuorum
 * on and reads served under a leader lease, whose leaders run your rules (the other nodes, when a
 * test says so, the reference rules). Every node's clock runs at its own rate, drawn from the seed
 * within what the world promises (clockDriftBound). Checks, as the run goes:
 * - the Raft invariants (election safety, log matching, ...);
 * - no stale lease read: a leader of term T never serves a lease read once a leader of a newer term
 *   has committed an entry (after that instant a write may have completed that the old leader
 *   has not seen; thesis §6.4.1);
 * and, at the end, linearizability of the clients' history (Porcupine-style checker, engine/check).
 */
import { attachTrace, expect } from '../../grader/harness/api';
import { compactTrace } from '../../grader/harness/kits/raft-lab-kit';
import { checkOperations, describeResult } from '../../engine/check/linearizability';
import { kvModel } from '../../engine/check/models/kv-model';
import type { ElectionTimer, LeaderLeaseRules, LeaseReadView } from '../../engine/raft/hooks';
import { referenceLeaderLease } from '../../engine/raft/hooks/leader-lease';
import { KvService } from '../../engine/raft/kv/kv-service';
import { World } from '../../engine/raft/scenarios/scenario';
import type { RaftCluster } from '../../engine/raft/cluster/raft-cluster';
import type { ReadonlyLog } from '../../engine/raft/raft-log';
import type { NodeId } from '../../engine/raft/types';
import { RELIABLE, type NetworkProfile } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';

export const ELECTION_TICKS = 30;
export const TICK_MS = 10;

/**
 * The rate range a world with drift bound D really draws from: a little inside D, because a tick
 * is indivisible (a follower's "30 ticks" may start just before its next tick, so it waits only
 * 29 whole ticks for sure): fastest/slowest ≤ D·(E−1)/E.
 */
export function rateRange(driftBound: number): { minPerMille: number; maxPerMille: number } {
  const usable = (driftBound * (ELECTION_TICKS - 1)) / ELECTION_TICKS - 0.005;
  const half = Math.sqrt(Math.max(1, usable));
  return { minPerMille: Math.ceil(1000 / half), maxPerMille: Math.floor(1000 * half) };
}

/** Timeouts just above electionTicks (still ≥ electionTicks, as Raft requires): a new leader as early as the rules allow. */
export const EAGER_TIMER: ElectionTimer = {
  randomizedTimeoutTicks: (rng, e) => rng.range(e + 2, e + 6),
  shouldCampaign: (elapsed, timeout) => elapsed >= timeout,
};

/** Each node's clock at the slowest or the fastest rate the world allows, from the seed: the worst case for leases. */
export function extremeRates(seed: number, driftBound: number): (id: NodeId) => number {
  const range = rateRange(driftBound);
  const rng = new Prng(seed).fork('extreme-rates');
  const picks = new Map<NodeId, number>();
  return (id) => {
    let r = picks.get(id);
    if (r === undefined) picks.set(id, (r = rng.chance(1, 2) ? range.minPerMille : range.maxPerMille));
    return r;
  };
}

/** A network whose messages always take at least 1 ms (a reply never arrives in the instant it was asked for). */
export const SLOW_LOSSY: NetworkProfile = { ...RELIABLE, name: 'lossy', dropRequestPerMille: 50, dropReplyPerMille: 50, delayMsMin: 1, delayMsMax: 12 };

export interface LeaseWorldOptions {
  readonly nodes: number;
  readonly rules: LeaderLeaseRules;
  /** Which nodes run your rules (default: all); the others run the reference rules. */
  readonly learners?: (id: NodeId) => boolean;
  readonly network?: NetworkProfile;
  /** The drift bound the world promises (default 1.25). */
  readonly driftBound?: number;
  /** Explicit clock rates per node (per mille); default: drawn from the seed within rateRange(driftBound). */
  readonly rates?: (id: NodeId) => number;
  /** Draw each node's rate at one end of the range (the slowest or the fastest clock), from the seed. */
  readonly extremeRates?: boolean;
  /** Every node draws its election timeout from [electionTicks + 2, electionTicks + 6]: elections as early as Raft allows. */
  readonly eagerTimers?: boolean;
  /** Election timers per node (directed elections); default: the reference randomized timer. */
  readonly timerFor?: (id: NodeId) => ElectionTimer | undefined;
  /** KV clients running gets, puts and appends (0: none). */
  readonly clients?: number;
}

export interface LeaseRead {
  readonly node: NodeId;
  readonly term: number;
  readonly tMs: number;
  readonly ageTicks: number;
}

export class LeaseWorld {
  readonly world: World;
  readonly cluster: RaftCluster;
  readonly kv: KvService | null;
  readonly driftBound: number;
  readonly problems: string[] = [];
  /** Lease reads served (your canServeLeaseRead said yes on a leader). */
  readonly leaseReads: LeaseRead[] = [];
  /** canServeLeaseRead calls that said no (the read fell back to ReadIndex). */
  refusedLeaseReads = 0;
  /** Earliest true time an entry of each term committed, anywhere. */
  private readonly firstCommitMs = new Map<number, number>();
  private maxCommittedTerm = 0;
  private nextReadId = 1_000_000;

  constructor(readonly seed: number, options: LeaseWorldOptions) {
    const isLearner = options.learners ?? (() => true);
    this.driftBound = options.driftBound ?? 1.25;
    const wrap = (id: NodeId, rules: LeaderLeaseRules): LeaderLeaseRules => ({
      checkQuorum: (view) => rules.checkQuorum(view),
      leaseStart: (view) => rules.leaseStart(view),
      canServeLeaseRead: (view: LeaseReadView, now: number) => {
        const ok = rules.canServeLeaseRead(view, now);
        if (ok === true) this.onLeaseRead(id, view, now);
        else this.refusedLeaseReads++;
        return ok;
      },
    });
    this.world = new World({
      nodes: options.nodes,
      seed,
      network: options.network ?? RELIABLE,
      preVote: true,
      checkQuorum: true,
      readOnly: 'lease-based',
      clockDriftBound: this.driftBound,
      clockRates: options.rates ?? (options.extremeRates === true ? extremeRates(seed, this.driftBound) : rateRange(this.driftBound)),
      electionTicks: ELECTION_TICKS,
      tickMs: TICK_MS,
      ...((options.clients ?? 0) > 0 ? { stateMachineFor: () => KvService.stateMachine() } : {}),
      hooksFor: (id) => {
        const timer = options.timerFor?.(id) ?? (options.eagerTimers === true ? EAGER_TIMER : undefined);
        return { leaderLease: wrap(id, isLearner(id) ? options.rules : referenceLeaderLease), ...(timer === undefined ? {} : { electionTimer: timer }) };
      },
    });
    this.cluster = this.world.cluster;
    this.cluster.addObserver({ onCommit: (t, _node, commit, _term, log) => this.onCommit(t, commit, log) });
    const clients = options.clients ?? 0;
    this.kv = clients > 0 ? new KvService(this.cluster, { clients, readMode: 'read-index', retryTimeoutMs: 150 }, new Prng(seed).fork('lease-clients')) : null;
  }

  private onCommit(t: number, commit: number, log: ReadonlyLog): void {
    const term = log.termAt(commit);
    if (term === undefined) return;
    if (!this.firstCommitMs.has(term)) this.firstCommitMs.set(term, t);
    if (term > this.maxCommittedTerm) this.maxCommittedTerm = term;
  }

  private onLeaseRead(id: NodeId, view: LeaseReadView, now: number): void {
    const t = this.cluster.nowMs();
    const age = view.leaseStartTick === null ? -1 : now - view.leaseStartTick;
    this.leaseReads.push({ node: id, term: view.currentTerm, tMs: t, ageTicks: age });
    if (this.maxCommittedTerm > view.currentTerm) {
      const newer = [...this.firstCommitMs].filter(([term]) => term > view.currentTerm).sort((a, b) => a[1] - b[1])[0]!;
      const rate = this.cluster.clockRatePerMille(id);
      this.check(
        false,
        `stale lease read: leader ${id} of term ${view.currentTerm} served a read under its lease ${view.leaseStartTick === null ? 'with no lease at all' : `${age} of its ticks after the lease start (tick ${view.leaseStartTick}; electionTicks ${view.electionTicks}, clockDriftBound ${view.clockDriftBound}, its clock runs at ${(rate / 1000).toFixed(3)}×)`}, but a leader of term ${newer[0]} had already committed an entry at ${newer[1]} ms: a write may have completed there that this read does not see`,
      );
    }
  }

  check(ok: boolean, message: string): boolean {
    if (!ok) this.problems.push(`[${this.cluster.nowMs()} ms] ${message}`);
    return ok;
  }

  /** Ask node `id` for a read now (as a client's get would): served under the lease or by ReadIndex. */
  readAt(id: NodeId): void {
    if (this.cluster.isUp(id)) this.cluster.readIndex(id, this.nextReadId++);
  }

  ratesText(): string {
    return this.cluster.ids.map((id) => `${id}:${(this.cluster.clockRatePerMille(id) / 1000).toFixed(3)}`).join(' ');
  }

  /** Linearizability of the clients' history (every get, lease reads included). */
  checkLinearizable(): void {
    if (this.kv === null) return;
    const ops = this.kv.history.operations();
    const verdict = checkOperations(kvModel, ops, { maxSteps: 2_000_000 });
    if (verdict.verdict === 'illegal') this.check(false, `the clients' history is not linearizable (${ops.length} operations): ${describeResult(kvModel, verdict)}`);
  }

  failures(): string[] {
    const all = [...this.problems, ...this.world.result().failures];
    const at = (f: string): number => Number(/^\[(\d+) ms\]/.exec(f)?.[1] ?? Infinity);
    return all.map((f, i) => ({ f, i })).sort((a, b) => at(a.f) - at(b.f) || a.i - b.i).map((x) => x.f);
  }
}

const ADVICE: readonly [RegExp, string][] = [
  [/stale lease read|not linearizable/, 'Thesis §6.4.1: the lease runs from the SEND time of the newest heartbeat round that a majority (the leader once, plus acknowledging peers) acknowledged, never from when the acks arrived nor from a round only a minority answered; and it lasts less than electionTicks / clockDriftBound of the leader\'s own ticks, because a follower\'s clock may run faster than the leader\'s by up to that factor.'],
  [/still leader|did not step down|kept leading/, 'Thesis §6.2 (CheckQuorum): at each check the leader counts itself once plus the peers it heard from since the last check, and steps down unless that is a majority of the whole cluster (3 of 4, 3 of 5, 2 of 3).'],
  [/no leader|stepped down .* times|clients still waiting|only \d+ operations/, 'Liveness: a leader that hears from a majority must keep leading (a majority of 5 is 3, the leader included); and a leader with a fresh lease should serve reads without a round trip.'],
  [/election-safety|leader-completeness|log-matching|state-machine-safety/, 'A Raft invariant broke: replay the seed and look at the roles around the failure.'],
];

function advise(failure: string): string {
  for (const [pattern, advice] of ADVICE) if (pattern.test(failure)) return advice;
  return 'Replay the seed and follow the heartbeat rounds and the lease reads in the trace around the failure.';
}

/** Runs a scenario, attaches the trace, and fails with the first problem (its time, the seed, and advice). */
export function runTraced(lw: LeaseWorld, scenario: string, body: () => void): void {
  try {
    body();
  } finally {
    attachTrace(compactTrace(lw.cluster, lw.seed));
  }
  const failures = lw.failures();
  const first = failures[0];
  if (first !== undefined) {
    const more = failures.length > 1 ? ` (${failures.length - 1} more problem${failures.length > 2 ? 's' : ''} after it)` : '';
    expect(first === undefined, `${scenario} (seed ${lw.seed}; clock rates ${lw.ratesText()}): ${first}${more}. ${advise(first)}`).toBe(true);
  }
}

/** Ticks of slack a step-down may take beyond two checks (the check runs every electionTicks). */
const STEP_DOWN_SLACK_TICKS = 3;

/** The true ms a node needs for `ticks` of its own ticks. */
export function msForTicks(lw: LeaseWorld, id: NodeId, ticks: number): number {
  return Math.ceil((ticks * TICK_MS * 1000) / lw.cluster.clockRatePerMille(id));
}

export interface CutOffOptions {
  /** Followers cut off together with the leader (0: the leader alone). */
  readonly withLeader: number;
}

/**
 * Thesis §6.2: the leader is cut off with `withLeader` followers, a minority; it must step down
 * within two CheckQuorum periods of its own clock, and after the heal the cluster has a leader again.
 */
export function leaderCutOff(lw: LeaseWorld, o: CutOffOptions): void {
  const c = lw.cluster;
  const w = lw.world;
  const leader = w.awaitLeader(5000);
  if (!lw.check(leader !== null, 'no leader elected within 5 s of the start')) return;
  const others = c.ids.filter((id) => id !== leader);
  const minority = [leader!, ...others.slice(0, o.withLeader)];
  const majority = c.ids.filter((id) => !minority.includes(id));
  c.partition([minority, majority]);
  const term = c.node(leader!)!.term();
  const boundMs = msForTicks(lw, leader!, 2 * ELECTION_TICKS + STEP_DOWN_SLACK_TICKS);
  const stepped = c.runUntil(() => c.node(leader!)!.role() !== 'leader' || c.node(leader!)!.term() !== term, boundMs);
  const side = o.withLeader === 0 ? 'alone' : `with ${o.withLeader} follower${o.withLeader > 1 ? 's' : ''} (${minority.slice(1).join(', ')})`;
  lw.check(stepped, `leader ${leader} of term ${term}, cut off ${side} from ${majority.length} of the ${c.ids.length} nodes, is still leader ${boundMs} ms later (two CheckQuorum periods of its clock, which runs at ${(c.clockRatePerMille(leader!) / 1000).toFixed(3)}×): ${minority.length} of ${c.ids.length} is not a majority, so it did not step down`);
  c.runForMs(1000);
  c.heal();
  const again = w.awaitLeader(5000);
  lw.check(again !== null, 'no leader elected within 5 s after the heal');
}

export interface RaceOptions {
  /** Followers cut off together with the old leader (0: the leader alone). */
  readonly withLeader: number;
}

/** The directed race's clocks and timers: node 1 leads first on the slowest clock; `designated` times out first once armed. */
export interface RaceSetup {
  armed: boolean;
  readonly designated: NodeId;
  readonly rates: (id: NodeId) => number;
  readonly timerFor: (id: NodeId) => ElectionTimer;
}

export function raceSetup(driftBound: number, nodes: number, withLeader: number): RaceSetup {
  const range = rateRange(driftBound);
  const designated = 2 + withLeader;
  if (designated > nodes) throw new RangeError('no node left on the majority side');
  const setup: RaceSetup = {
    armed: false,
    designated,
    rates: (id) => (id === 1 ? range.minPerMille : range.maxPerMille),
    timerFor: (id) => ({
      // Before the race: node 1 times out first (it leads); the others wait 3 election timeouts.
      randomizedTimeoutTicks: (rng, e) => (id === 1 ? e : setup.armed ? rng.range(e, 2 * e - 1) : 3 * e),
      // During the race: the designated follower times out as early as Raft allows (≥ electionTicks, plus 2 ticks so its peers passed theirs too).
      shouldCampaign: (elapsed, timeout) => elapsed >= (setup.armed && id === designated ? ELECTION_TICKS + 2 : timeout),
    }),
  };
  return setup;
}

/**
 * The race a lease must win (thesis §6.4.1): the old leader's clock is the slowest the world
 * allows, the others' the fastest, and one follower of the majority side times out as early as
 * Raft lets it. The old leader is asked for a read every 3 ms; not one may be served under its
 * lease once the new leader has committed.
 */
export function leaseRace(lw: LeaseWorld, race: RaceSetup, o: RaceOptions): void {
  const c = lw.cluster;
  const w = lw.world;
  const leader = w.awaitLeader(5000);
  if (!lw.check(leader !== null, 'no leader elected within 5 s of the start')) return;
  if (!lw.check(leader === 1, `(scenario) node 1 was meant to lead first, node ${leader} did`)) return;
  w.one('x', c.ids.length);
  // Cut off just after a heartbeat round was acknowledged by a majority (the lease was renewed).
  const before = c.node(1)!.leaseState().leaseStartTick ?? -1;
  c.runUntil(() => (c.node(1)!.leaseState().leaseStartTick ?? -1) > before, 500);
  c.runForMs(6);
  race.armed = true;
  const minority = [1, ...c.ids.slice(1, 1 + o.withLeader)];
  const majority = c.ids.filter((id) => !minority.includes(id));
  c.partition([minority, majority]);
  const cutMs = c.nowMs();
  const term = c.node(1)!.term();
  const poll = (): void => {
    if (c.nowMs() - cutMs > 1500) return;
    lw.readAt(1);
    c.schedule(3, poll);
  };
  poll();
  c.runForMs(1500);
  const newLeader = c.leader();
  lw.check(newLeader !== null && newLeader !== 1 && c.node(newLeader)!.term() > term, `(scenario) the majority ${majority.join(', ')} elected no new leader within 1.5 s`);
  c.heal();
  w.awaitLeader(5000);
}

export interface StormOptions {
  readonly stormMs: number;
  /** Allow crashes (a crashed node stays down at least 500 ms: see the README on restarts). */
  readonly crashes: boolean;
}

/**
 * Generated faults while clients run: the leader isolated, minority/majority splits (even sizes
 * split in half too), crashes; then everything healed and every client must finish. Every lease
 * read is checked as it happens and the whole history for linearizability at the end.
 */
export function leaseStorm(lw: LeaseWorld, o: StormOptions): void {
  const c = lw.cluster;
  const kv = lw.kv!;
  const rng = new Prng(lw.seed).fork('lease-storm');
  kv.runClosedLoop({ keys: ['a', 'b', 'c'], untilMs: o.stormMs + 1500, thinkMsMax: 15, getPerMille: 600, putPerMille: 200 });
  const downSince = new Map<NodeId, number>();
  while (c.nowMs() < o.stormMs) {
    c.runForMs(rng.range(80, 400));
    const roll = rng.int(1000);
    const leader = c.leader();
    if (roll < 250 && leader !== null) c.isolate(leader);
    else if (roll < 450) {
      // A minority (half of an even cluster at most), holding the leader half of the time.
      const k = rng.range(1, Math.floor(c.ids.length / 2));
      const others = rng.shuffled(c.ids.filter((id) => id !== leader));
      const side = leader !== null && rng.chance(1, 2) ? [leader, ...others.slice(0, k - 1)] : others.slice(0, k);
      c.partition([side, c.ids.filter((id) => !side.includes(id))]);
    } else if (roll < 650) c.heal();
    else if (o.crashes && roll < 800) {
      const up = c.ids.filter((id) => c.isUp(id));
      if (up.length > Math.floor(c.ids.length / 2) + 1) {
        const victim = rng.pick(up);
        c.crash(victim);
        downSince.set(victim, c.nowMs());
      }
    } else if (o.crashes && roll < 950) {
      const ready = [...downSince].filter(([, at]) => c.nowMs() - at >= 500).map(([id]) => id);
      if (ready.length > 0) {
        const id = rng.pick(ready);
        downSince.delete(id);
        c.restart(id);
      }
    }
  }
  c.heal();
  for (const [id, at] of downSince) {
    c.runForMs(Math.max(0, 500 - (c.nowMs() - at)));
    c.restart(id);
  }
  const healedMs = c.nowMs();
  c.runForMs(1500);
  const settled = c.runUntil(() => kv.allIdle(), 10_000);
  lw.check(settled, 'clients still waiting 10 s after the network healed');
  const done = kv.history.operations().filter((op) => op.returnMs !== null && op.returnMs > healedMs).length;
  lw.check(done >= 4, `only ${done} operations completed in the 1.5 s after the network healed`);
  lw.checkLinearizable();
}
