/**
 * Server-only: this lab's advice per broken Raft invariant, bound into the shared Raft lab kit.
 */
import { expectSafe as expectSafeWith, type InvariantAdvice } from '../../grader/harness/kits/raft-lab-kit';
import type { World } from '../../engine/raft/scenarios/scenario';
import { Prng } from '../../engine/sim/prng';

export { check, fail, leaderChanges, storm, traced } from '../../grader/harness/kits/raft-lab-kit';

/** Where to look, per broken property, for this lab's pieces (the vote rule and the timer). */
const ADVICE: InvariantAdvice = {
  'election-safety': 'Check that requestVote grants at most one vote per term: once votedFor names a candidate (a candidate has voted for itself), refuse every other candidate in that term.',
  'leader-completeness': 'A leader was elected without an entry that was already committed. Check the §5.4.1 up-to-date comparison in requestVote: the later last log term wins; only with equal last terms does the longer log win.',
  'state-machine-safety': 'Two nodes committed different entries at one index, which follows from electing a leader with a stale log. Check the §5.4.1 up-to-date comparison in requestVote (last term first, then last index).',
  'log-matching': 'Logs disagree on an entry both hold; an out-of-date leader overwrote history. Check the §5.4.1 up-to-date comparison in requestVote.',
  'commit-needs-majority': 'An entry counted as committed is not on a majority of disks; a stale leader overwrote it. Check the §5.4.1 up-to-date comparison in requestVote.',
  'applied-in-order': 'A state machine saw entries out of order after a stale leader rewrote the log. Check the §5.4.1 up-to-date comparison in requestVote.',
  'term-monotonic': 'A node\'s term went backwards.',
  'persist-before-send': 'A message left before the state it promises was on disk.',
};

/** Fails the running test with a teaching message if the world saw any violation or scenario failure. */
export function expectSafe(world: World, seed: number, what: string): void {
  expectSafeWith(ADVICE, world, seed, what);
}

/** Requests sent since trace event `from`, by message type, and the candidacies (role changes to candidate) among them. */
export function rpcBreakdown(world: World, from = 0): { votes: number; appends: number; candidacies: number; terms: number } {
  const events = world.cluster.traceEvents().slice(from);
  let votes = 0;
  let appends = 0;
  let candidacies = 0;
  const terms = new Set<number>();
  for (const e of events) {
    if (e.k === 'send' && e.type === 'RequestVote') votes++;
    else if (e.k === 'send' && e.type === 'AppendEntries') appends++;
    else if (e.k === 'role' && e.role === 'candidate') {
      candidacies++;
      terms.add(e.term);
    }
  }
  return { votes, appends, candidacies, terms: terms.size };
}

/**
 * Why an election cost too many RPCs, from what the run did (not a guess): split votes when more
 * than one candidacy was needed; heartbeats when AppendEntries dominate.
 */
export function electionRpcAdvice(world: World, from: number): string {
  const b = rpcBreakdown(world, from);
  const counts = `${b.votes} RequestVote and ${b.appends} AppendEntries, ${b.candidacies} candidac${b.candidacies === 1 ? 'y' : 'ies'} in ${b.terms} term${b.terms === 1 ? '' : 's'}`;
  if (b.candidacies > 1) return `${counts}: candidates timed out close together and split the vote (§5.2). Spread election timeouts more widely.`;
  if (b.appends > b.votes) return `${counts}: most were AppendEntries; the leader sends one to each follower every heartbeatTicks, so send heartbeats less often.`;
  return `${counts}. Replay the seed and look at the RequestVotes in the trace.`;
}

/**
 * Why an idle cluster sent too many RPCs: heartbeats alone (computed from the timing) or elections
 * while idle (counted in the run).
 */
export function idleRpcAdvice(world: World, from: number, timing: { heartbeatTicks: number }, nodes: number, seconds: number): string {
  const heartbeatRate = ((nodes - 1) * 100) / timing.heartbeatTicks;
  const b = rpcBreakdown(world, from);
  if (heartbeatRate > 60) return `With heartbeatTicks = ${timing.heartbeatTicks} the leader alone sends ${(nodes - 1)} × ${(100 / timing.heartbeatTicks).toFixed(1)} = ${heartbeatRate.toFixed(1)} heartbeats per second: send them less often (about 10 per second per follower is plenty).`;
  if (b.votes > 0) return `Heartbeats account for about ${heartbeatRate.toFixed(1)} per second; the rest came from ${b.votes} RequestVotes in ${seconds} s (${b.candidacies} candidacies): followers started elections while a leader was alive.`;
  return `Heartbeats account for about ${heartbeatRate.toFixed(1)} per second; replay the seed to see the rest.`;
}

/**
 * Why followers started elections under a live leader, checked against the submission: the
 * timeout is too close to the heartbeat interval, or shouldCampaign fires early.
 */
export function stableLeaderAdvice(timing: { heartbeatTicks: number; electionTicks: number }, shouldCampaign: (elapsed: number, timeout: number) => boolean): string {
  const ratio = timing.electionTicks / timing.heartbeatTicks;
  if (ratio < 3) return `electionTicks (${timing.electionTicks}) is only ${ratio.toFixed(1)} heartbeat intervals (${timing.heartbeatTicks}): one or two lost heartbeats look like a dead leader. Make the election timeout several heartbeat intervals long.`;
  for (const timeout of [timing.electionTicks, 2 * timing.electionTicks]) {
    for (let elapsed = 0; elapsed < timeout; elapsed++) {
      if (shouldCampaign(elapsed, timeout)) return `shouldCampaign(${elapsed}, ${timeout}) is true: your followers campaign before their timeout has passed.`;
    }
  }
  return 'Replay the seed and find the first node that became a candidate: how long had it gone without an AppendEntries?';
}

/** A generated cluster: its size (2–9), which nodes run your code, and a fault schedule drawn from the seed. */
export interface GeneratedCluster {
  readonly nodes: number;
  readonly learners: readonly number[];
  readonly lossy: boolean;
  readonly rounds: number;
}

const SIZES = [2, 3, 4, 5, 6, 7, 8, 9];

/** Seeds 1–8 cover every size from 2 to 9 once (in an order drawn from the seed block); the rest is drawn from the seed. */
export function generatedCluster(seed: number): GeneratedCluster {
  const order = new Prng('cluster-sizes').shuffled(SIZES);
  const nodes = order[(seed - 1) % SIZES.length]!;
  const rng = new Prng(seed).fork('generated-cluster');
  const ids = Array.from({ length: nodes }, (_, i) => i + 1);
  let learners = ids.filter(() => rng.chance(650));
  if (learners.length === 0) learners = [rng.pick(ids)];
  return { nodes, learners, lossy: rng.chance(500), rounds: rng.range(8, 16) };
}

/**
 * Random faults on a generated cluster: proposals, crashes and restarts (a majority stays up),
 * partitions into random groups (sometimes none with a majority), the leader isolated, heals.
 * Ends healed with every node up.
 */
export function generatedFaults(world: World, seed: number, rounds: number): void {
  const c = world.cluster;
  const rng = new Prng(seed).fork('generated-faults');
  const n = c.ids.length;
  const majority = Math.floor(n / 2) + 1;
  for (let i = 0; i < rounds; i++) {
    c.propose(`g${i}`);
    c.runForMs(rng.range(100, 500));
    const roll = rng.int(10);
    const up = c.ids.filter((id) => c.isUp(id));
    if (roll < 2 && up.length > majority) c.crash(rng.pick(up));
    else if (roll < 4) {
      const down = c.ids.filter((id) => !c.isUp(id));
      if (down.length > 0) c.restart(rng.pick(down));
    } else if (roll < 6) {
      const shuffled = rng.shuffled(c.ids);
      const cut = rng.range(1, n - 1 || 1);
      c.partition([shuffled.slice(0, cut), shuffled.slice(cut)]);
    } else if (roll < 7) {
      const leader = c.leader();
      if (leader !== null) c.isolate(leader);
    } else if (roll < 9) c.heal();
  }
  c.heal();
  for (const id of c.ids) if (!c.isUp(id)) c.restart(id);
}

/** Why no leader emerged, from the run: nobody campaigned, nobody granted a vote, or the votes kept splitting. */
export function noLeaderAdvice(world: World, from = 0): string {
  const b = rpcBreakdown(world, from);
  let grants = 0;
  for (const e of world.cluster.traceEvents().slice(from)) if (e.k === 'send' && e.type === 'RequestVoteResponse' && e.ok === true) grants++;
  if (b.candidacies === 0) return 'No node became a candidate: check shouldCampaign (it must return true once the timeout has passed) and the timeouts you draw.';
  if (grants === 0) return `${b.candidacies} candidacies in ${b.terms} terms and not one vote granted: check requestVote (a voter that has not voted in the term grants a candidate whose log is at least as up-to-date).`;
  return `${b.candidacies} candidacies in ${b.terms} terms, ${grants} votes granted, no majority: candidates kept splitting the vote. Randomize timeouts more widely (§5.2).`;
}
