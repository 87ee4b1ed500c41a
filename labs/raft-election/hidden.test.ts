import { bound, forSeeds, metric, stage, test, testRng } from '../../grader/harness/api';
import type { ElectionTimer, RaftHooks } from '../../engine/raft/hooks';
import type { RequestVote } from '../../engine/raft/messages';
import { RaftLog } from '../../engine/raft/raft-log';
import { World } from '../../engine/raft/scenarios/scenario';
import { RELIABLE, UNRELIABLE } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';
import { check, expectSafe, fail, leaderChanges, storm, traced } from './hidden-support';
import { electionTimer, requestVote, timing } from './solution';

const learner: Partial<RaftHooks> = { requestVote, electionTimer };
const allLearners = () => learner;
const timingOptions = () => ({ electionTicks: timing.electionTicks, heartbeatTicks: timing.heartbeatTicks });

function world(nodes: number, seed: number, network = RELIABLE, hooksFor: (id: number) => Partial<RaftHooks> = allLearners): World {
  return new World({ nodes, seed, network, hooksFor, ...timingOptions() });
}

function timingIsValid(): boolean {
  const { heartbeatTicks, electionTicks } = timing;
  return Number.isInteger(heartbeatTicks) && Number.isInteger(electionTicks) && heartbeatTicks >= 1 && electionTicks > heartbeatTicks;
}

/** A RandomSource over a seeded Prng, frozen and bound before it reaches learner code. */
function randomSource(seed: number | string): { range(lo: number, hi: number): number } {
  const prng = new Prng(seed);
  return Object.freeze({ range: bound((lo: number, hi: number) => prng.range(lo, hi)) });
}

function logOf(terms: readonly number[]): RaftLog {
  return new RaftLog(0, 0, terms.map((term, i) => ({ index: i + 1, term, data: `e${i + 1}` })));
}

interface VoteCase {
  readonly name: string;
  readonly voter: { term: number; votedFor: number | null; log: number[] };
  readonly candidate: { id: number; lastLogIndex: number; lastLogTerm: number };
  readonly grant: boolean;
  readonly why: string;
}

function askVote(c: VoteCase): boolean {
  const log = logOf(c.voter.log);
  const request: RequestVote = { type: 'RequestVote', from: c.candidate.id, to: 1, term: c.voter.term, preVote: false, lastLogIndex: c.candidate.lastLogIndex, lastLogTerm: c.candidate.lastLogTerm };
  return requestVote(Object.freeze({ id: 1, currentTerm: c.voter.term, votedFor: c.voter.votedFor, log }), Object.freeze(request));
}

const VOTE_CASES: readonly VoteCase[] = [
  { name: 'fresh voter, empty logs', voter: { term: 1, votedFor: null, log: [] }, candidate: { id: 2, lastLogIndex: 0, lastLogTerm: 0 }, grant: true, why: 'a voter that has not voted in this term grants a candidate whose log is as up-to-date as its own' },
  { name: 'already voted for another candidate', voter: { term: 4, votedFor: 3, log: [1, 1] }, candidate: { id: 2, lastLogIndex: 2, lastLogTerm: 1 }, grant: false, why: 'one vote per term (§5.2): votedFor already names candidate 3' },
  { name: 'the voter is itself a candidate', voter: { term: 4, votedFor: 1, log: [1] }, candidate: { id: 2, lastLogIndex: 5, lastLogTerm: 3 }, grant: false, why: 'a candidate has voted for itself in its term and must refuse everyone else' },
  { name: 'the same candidate asks again', voter: { term: 4, votedFor: 2, log: [1, 2] }, candidate: { id: 2, lastLogIndex: 2, lastLogTerm: 2 }, grant: true, why: 'a repeated request from the candidate we already voted for is granted again (the first reply may have been lost)' },
  { name: 'candidate log is a strict prefix', voter: { term: 3, votedFor: null, log: [1, 1, 2] }, candidate: { id: 2, lastLogIndex: 2, lastLogTerm: 1 }, grant: false, why: 'the candidate\'s last term (1) is older than ours (2)' },
  { name: 'longer log but older last term', voter: { term: 5, votedFor: null, log: [1, 3] }, candidate: { id: 2, lastLogIndex: 6, lastLogTerm: 2 }, grant: false, why: '§5.4.1 compares last terms first: term 2 < term 3, however long the candidate\'s log is' },
  { name: 'shorter log but newer last term', voter: { term: 5, votedFor: null, log: [1, 1, 1, 2, 2] }, candidate: { id: 2, lastLogIndex: 3, lastLogTerm: 4 }, grant: true, why: '§5.4.1: a later last term is more up-to-date, however short the log' },
  { name: 'same last term, shorter log', voter: { term: 3, votedFor: null, log: [1, 2, 2] }, candidate: { id: 2, lastLogIndex: 2, lastLogTerm: 2 }, grant: false, why: 'with equal last terms the longer log is more up-to-date' },
  { name: 'same last term, same length', voter: { term: 3, votedFor: null, log: [1, 2, 2] }, candidate: { id: 2, lastLogIndex: 3, lastLogTerm: 2 }, grant: true, why: 'an equally up-to-date log is good enough ("at least as up-to-date")' },
  { name: 'same last term, longer log', voter: { term: 3, votedFor: null, log: [1, 2] }, candidate: { id: 2, lastLogIndex: 4, lastLogTerm: 2 }, grant: true, why: 'with equal last terms the longer log wins' },
  { name: 'voter with empty log', voter: { term: 2, votedFor: null, log: [] }, candidate: { id: 2, lastLogIndex: 1, lastLogTerm: 1 }, grant: true, why: 'any log is at least as up-to-date as an empty one' },
  { name: 'candidate with empty log', voter: { term: 2, votedFor: null, log: [1] }, candidate: { id: 2, lastLogIndex: 0, lastLogTerm: 0 }, grant: false, why: 'an empty log is behind a voter that holds an entry' },
];

stage('timing', () => {
  test('heartbeat interval and election timeout are valid tick counts', () => {
    check(timingIsValid(), `timing ${JSON.stringify(timing)} is not usable: heartbeatTicks and electionTicks must be positive integers with electionTicks > heartbeatTicks (one tick is 10 ms).`);
  });
});

stage('timer', () => {
  test('timeouts are drawn from a wide enough range above electionTicks', () => {
    for (const electionTicks of [10, 30, 50]) {
      const rng = randomSource(`draws-${electionTicks}`);
      const seen = new Set<number>();
      for (let i = 0; i < 400; i++) {
        const t = electionTimer.randomizedTimeoutTicks(rng, electionTicks);
        check(Number.isInteger(t), `randomizedTimeoutTicks(rng, ${electionTicks}) returned ${t}: timeouts are whole ticks.`);
        check(t >= electionTicks && t <= 3 * electionTicks, `randomizedTimeoutTicks(rng, ${electionTicks}) returned ${t}: keep timeouts in [electionTicks, 3·electionTicks] — shorter ones fire between heartbeats, longer ones make failover slow (§5.2 uses a range such as 150–300 ms).`);
        seen.add(t);
      }
      metric(`distinctTimeouts${electionTicks}`, seen.size);
      check(seen.size >= Math.ceil(electionTicks / 2), `randomizedTimeoutTicks(rng, ${electionTicks}) produced only ${seen.size} distinct values in 400 draws: nodes that time out together split the vote, again and again (§5.2). Spread timeouts over a range about electionTicks wide.`);
    }
  });

  test('timeouts come only from the RandomSource it is given (replays are exact)', () => {
    for (const electionTicks of [10, 30]) {
      const a = randomSource(`replay-${electionTicks}`);
      const b = randomSource(`replay-${electionTicks}`);
      const first = Array.from({ length: 50 }, () => electionTimer.randomizedTimeoutTicks(a, electionTicks));
      testRng().int(1000);
      const second = Array.from({ length: 50 }, () => electionTimer.randomizedTimeoutTicks(b, electionTicks));
      check(JSON.stringify(first) === JSON.stringify(second), 'two RandomSources with the same seed gave different timeouts: draw with rng.range(...) only (never Math.random or a counter of your own), or a failing seed cannot be replayed.');
    }
  });

  test('shouldCampaign fires once the timeout has passed, not before', () => {
    for (const timeout of [12, 37, 60]) {
      for (let elapsed = 0; elapsed < timeout; elapsed++) {
        check(!electionTimer.shouldCampaign(elapsed, timeout), `shouldCampaign(${elapsed}, ${timeout}) is true: a follower that campaigns before its timeout disrupts a healthy leader.`);
      }
      for (const elapsed of [timeout + 1, timeout + 2, 3 * timeout]) {
        check(electionTimer.shouldCampaign(elapsed, timeout), `shouldCampaign(${elapsed}, ${timeout}) is false: once the timeout has passed without a leader, start an election.`);
      }
    }
  });

  forSeeds('five nodes with your timer and vote rule elect one leader, and again after it crashes', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (seed) => {
    if (!timingIsValid()) return fail(`cannot build a cluster with timing ${JSON.stringify(timing)} (seed ${seed}).`);
    const network = seed % 2 === 0 ? UNRELIABLE : RELIABLE;
    const w = world(5, seed, network);
    const c = w.cluster;
    traced(w, seed, () => {
      const leader = w.awaitLeader(5000);
      metric('electionMs', c.nowMs());
      metric('electionRpcs', c.rpcCount());
      if (leader === null) return fail(`no leader agreed by all 5 nodes within 5 s on the ${network.name} network (seed ${seed}). If candidates keep splitting the vote, randomize timeouts more widely; if nobody campaigns, check shouldCampaign.`);
      // The classic budget is 30 RPCs; a lossy network gets some slack for lost RequestVotes (a lost vote costs a whole new term).
      const budget = network === RELIABLE ? 30 : 45;
      check(c.rpcCount() <= budget, `electing the first leader took ${c.rpcCount()} RPCs (budget ${budget}) on the ${network.name} network (seed ${seed}): candidates timed out together and split the vote, or followers campaigned while a leader was being elected. Spread election timeouts more widely.`);
      c.crash(leader);
      const before = c.rpcCount();
      const t0 = c.nowMs();
      const next = w.awaitLeader(5000);
      metric('reelectionMs', c.nowMs() - t0);
      metric('reelectionRpcs', c.rpcCount() - before);
      if (next === null) return fail(`no new leader within 5 s after leader ${leader} crashed (seed ${seed}).`);
      const rebudget = network === RELIABLE ? 30 : 50;
      check(c.rpcCount() - before <= rebudget, `re-electing after the leader crashed took ${c.rpcCount() - before} RPCs (budget ${rebudget}) on the ${network.name} network (seed ${seed}): the survivors split the vote; their timers all restarted at the last heartbeat, so only the randomized timeout separates them.`);
      expectSafe(w, seed, 'while electing');
    });
  });
});

stage('vote', () => {
  test('RequestVote: one vote per term, only for an up-to-date log (§5.2, §5.4.1)', () => {
    for (const c of VOTE_CASES) {
      const granted = askVote(c);
      check(granted === c.grant, `${c.name}: voter (term ${c.voter.term}, votedFor ${c.voter.votedFor ?? 'null'}, last entry index ${c.voter.log.length} term ${c.voter.log.at(-1) ?? 0}) ${granted ? 'granted' : 'refused'} candidate ${c.candidate.id} (last entry index ${c.candidate.lastLogIndex} term ${c.candidate.lastLogTerm}); it should ${c.grant ? 'grant' : 'refuse'}: ${c.why}.`);
    }
  });

  /** Every node campaigns after exactly the same timeout: candidates collide in one term on purpose. */
  const lockstepTimer: ElectionTimer = { randomizedTimeoutTicks: (_rng, ticks) => ticks, shouldCampaign: (elapsed, timeout) => elapsed >= timeout };
  forSeeds('colliding candidates: at most one leader per term', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    const w = new World({ nodes: 5, seed, network: UNRELIABLE, hooksFor: () => ({ requestVote, electionTimer: lockstepTimer }) });
    const c = w.cluster;
    traced(w, seed, () => {
      const rng = new Prng(seed).fork('collisions');
      for (let round = 0; round < 12; round++) {
        c.runForMs(rng.range(300, 900));
        const l = c.leader();
        if (l !== null && rng.chance(700)) c.crash(l);
        for (const id of c.ids) if (!c.isUp(id) && rng.chance(500)) c.restart(id);
        if (!w.checker.ok) break;
      }
      metric('leaderChanges', leaderChanges(w));
      expectSafe(w, seed, 'with candidates colliding in one term');
    });
  });

  forSeeds('safety under churn, with your nodes next to reference nodes', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], (seed) => {
    if (!timingIsValid()) return fail(`cannot build a cluster with timing ${JSON.stringify(timing)} (seed ${seed}).`);
    const w = storm(seed, (id) => (id <= 3 ? learner : {}), UNRELIABLE, { nodes: 5, rounds: 40, ...timingOptions() });
    traced(w, seed, () => {
      metric('rpcs', w.cluster.rpcCount());
      metric('leaderChanges', leaderChanges(w));
      expectSafe(w, seed, 'under crashes, partitions and a lossy network (nodes 1–3 yours, 4–5 reference)');
    });
  });
});

stage('cluster', () => {
  forSeeds('RPC budgets: elect with at most 30 RPCs, idle at most 60 RPCs per second', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    if (!timingIsValid()) return fail(`cannot build a cluster with timing ${JSON.stringify(timing)} (seed ${seed}).`);
    const nodes = seed % 2 === 0 ? 5 : 3;
    const w = world(nodes, seed);
    const c = w.cluster;
    traced(w, seed, () => {
      const leader = w.awaitLeader(5000);
      metric('electionRpcs', c.rpcCount());
      if (leader === null) return fail(`no leader within 5 s on a reliable ${nodes}-node cluster (seed ${seed}).`);
      check(c.rpcCount() <= 30, `electing a leader of ${nodes} nodes took ${c.rpcCount()} RPCs (budget 30, seed ${seed}): split votes; randomize the election timeout over a wider range.`);
      const before = c.rpcCount();
      c.runForMs(3000);
      const perSecond = (c.rpcCount() - before) / 3;
      metric('idleRpcsPerSecond', perSecond);
      check(perSecond <= 60, `an idle ${nodes}-node cluster sent ${perSecond.toFixed(1)} RPCs per second (budget 60, seed ${seed}). Heartbeats go to every follower each heartbeatTicks ticks of 10 ms: send them less often (about 10 per second per follower is plenty).`);
      check(c.agreedLeader() === leader && leaderChanges(w) === 1, `the leader changed in an idle, reliable cluster (seed ${seed}): followers must not time out while heartbeats arrive. Make the election timeout several heartbeat intervals long.`);
      expectSafe(w, seed, 'while idle');
    });
  });

  forSeeds('a stable leader on a lossy network', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    if (!timingIsValid()) return fail(`cannot build a cluster with timing ${JSON.stringify(timing)} (seed ${seed}).`);
    const w = world(5, seed, UNRELIABLE, (id) => (id % 2 === 1 ? learner : {}));
    const c = w.cluster;
    traced(w, seed, () => {
      if (w.awaitLeader(5000) === null) return fail(`no leader within 5 s on the unreliable network (seed ${seed}).`);
      const changesBefore = leaderChanges(w);
      const before = c.rpcCount();
      c.runForMs(6000);
      const changes = leaderChanges(w) - changesBefore;
      const perSecond = (c.rpcCount() - before) / 6;
      metric('leaderChanges', changes);
      metric('idleRpcsPerSecond', perSecond);
      check(changes <= 1, `the leader changed ${changes} times in 6 idle seconds with 10% message loss (seed ${seed}): a follower that misses one heartbeat must not start an election. Make the election timeout several heartbeat intervals long.`);
      check(perSecond <= 60, `an idle 5-node cluster on a lossy network sent ${perSecond.toFixed(1)} RPCs per second (budget 60, seed ${seed}).`);
      expectSafe(w, seed, 'on a lossy network');
    });
  });

  forSeeds('leader isolated, old leader rejoins, no leader without a quorum', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    if (!timingIsValid()) return fail(`cannot build a cluster with timing ${JSON.stringify(timing)} (seed ${seed}).`);
    const w = world(5, seed, RELIABLE, (id) => (id <= 3 ? learner : {}));
    const c = w.cluster;
    traced(w, seed, () => {
      const l1 = w.awaitLeader(5000);
      if (l1 === null) return fail(`no initial leader (seed ${seed}).`);
      c.isolate(l1);
      const rest = c.ids.filter((id) => id !== l1);
      const l2 = w.awaitLeader(5000, rest);
      if (l2 === null) return fail(`after isolating leader ${l1}, the other four elected no leader within 5 s (seed ${seed}).`);
      c.heal();
      if (w.awaitLeader(5000) === null) return fail(`after old leader ${l1} rejoined, the cluster did not settle on one leader within 5 s (seed ${seed}).`);
      const l3 = c.agreedLeader()!;
      const others = c.ids.filter((id) => id !== l3);
      c.partition([[l3, others[0]!], [others[1]!, others[2]!], [others[3]!]]);
      const termBefore = Math.max(...c.ids.map((id) => c.node(id)!.term()));
      c.runForMs(3000);
      const newer = c.ids.filter((id) => c.node(id)!.role() === 'leader' && c.node(id)!.term() > termBefore);
      check(newer.length === 0, `node ${newer[0]} became leader in a newer term while no group held 3 of 5 nodes (seed ${seed}): a candidate needs votes from a majority of the whole cluster.`);
      c.heal();
      check(w.awaitLeader(5000) !== null, `no leader within 5 s after the partition healed (seed ${seed}).`);
      expectSafe(w, seed, 'across isolation and rejoin');
    });
  });
});

