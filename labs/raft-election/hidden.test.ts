import { bound, forSeeds, metric, stage, test, testRng } from '../../grader/harness/api';
import type { ElectionTimer, RaftHooks } from '../../engine/raft/hooks';
import type { RequestVote } from '../../engine/raft/messages';
import { RaftLog } from '../../engine/raft/raft-log';
import { World } from '../../engine/raft/scenarios/scenario';
import { RELIABLE, UNRELIABLE } from '../../engine/sim/network-profile';
import { Prng } from '../../engine/sim/prng';
import { fc, property } from '../../grader/harness/property';
import { binomialCriticalValue, describeCall, describeScenario, logOf as propertyLog, asRequest, voteScenario, type VoteScenario } from './hidden-properties';
import { check, electionRpcAdvice, expectSafe, fail, generatedCluster, generatedFaults, idleRpcAdvice, leaderChanges, noLeaderAdvice, stableLeaderAdvice, storm, traced } from './hidden-support';
import { electionTimer, requestVote, timing } from './solution';

const learner: Partial<RaftHooks> = { requestVote, electionTimer };
const allLearners = () => learner;
const timingOptions = () => ({ electionTicks: timing.electionTicks, heartbeatTicks: timing.heartbeatTicks });

function world(nodes: number, seed: number, network = RELIABLE, hooksFor: (id: number) => Partial<RaftHooks> = allLearners): World {
  return new World({ nodes, seed, network, hooksFor, ...timingOptions() });
}

/** The advice for a leader that changed under heartbeats, checked against the submission's timing and shouldCampaign. */
function stableAdvice(): string {
  try {
    return stableLeaderAdvice(timing, (elapsed, timeout) => electionTimer.shouldCampaign(elapsed, timeout));
  } catch {
    return 'Replay the seed and find the first node that became a candidate.';
  }
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

  /**
   * Raft §5.2: the spread is judged by frequencies, not by the set of values seen. Any timeout
   * rule the README allows (uniform over a range at least electionTicks/2 wide, or any other
   * distribution where no value has probability above 2/electionTicks) passes with probability
   * ≥ 1 − 1e-6 per run: the count of each value is Binomial(N, p ≤ 2/e), and the critical value
   * is the exact binomial quantile at 1e-7 / (2e + 1) (a union bound over the 2e + 1 allowed
   * values, and over the three base timeouts). A rule that returns one value far more often (the
   * base timeout after clamping a range that starts below it, a random draw only now and then) fails.
   */
  test('timeouts are spread out: no single timeout comes up much more often than 2/electionTicks', () => {
    for (const electionTicks of [30, 75, 6]) {
      const draws = 100 * electionTicks;
      const rng = randomSource(`spread-${electionTicks}`);
      const counts = new Map<number, number>();
      for (let i = 0; i < draws; i++) {
        const t = electionTimer.randomizedTimeoutTicks(rng, electionTicks);
        if (!(Number.isInteger(t) && t >= electionTicks && t <= 3 * electionTicks)) return fail(`randomizedTimeoutTicks(rng, ${electionTicks}) returned ${t}: timeouts are whole ticks in [electionTicks, 3·electionTicks].`);
        counts.set(t, (counts.get(t) ?? 0) + 1);
      }
      const [top, topCount] = [...counts.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
      const critical = binomialCriticalValue(draws, 2 / electionTicks, 1e-7 / (3 * (2 * electionTicks + 1)));
      metric(`mostFrequentTimeoutShare${electionTicks}`, topCount / draws);
      check(topCount < critical, `randomizedTimeoutTicks(rng, ${electionTicks}) returned ${top} in ${topCount} of ${draws} draws (${((100 * topCount) / draws).toFixed(1)}%); spread over about electionTicks values, no timeout should come up more than about ${((100 * 2) / electionTicks).toFixed(1)}% of the time (critical count ${critical}, false alarm < 1e-6; RandomSource seeded "spread-${electionTicks}"). Nodes that draw the same timeout campaign together and split the vote (§5.2): draw every timeout with rng.range over the whole range, without clamping or special cases.`);
    }
  });

  forSeeds('generated base timeouts: each timeout is one fresh draw from the given source, in [electionTicks, 3·electionTicks]', [1, 2], (seed) => {
    property(
      'randomizedTimeoutTicks on generated electionTicks and random streams',
      fc.record({ electionTicks: fc.integer({ min: 2, max: 200 }), stream: fc.integer({ min: 0, max: 1_000_000 }), draws: fc.integer({ min: 1, max: 12 }) }),
      ({ electionTicks, stream, draws }) => {
        const run = (label: string) => {
          const prng = new Prng(`${seed}-${stream}-${label}`);
          let calls = 0;
          const rng = Object.freeze({ range: bound((lo: number, hi: number) => (calls++, prng.range(lo, hi))) });
          const out: number[] = [];
          for (let i = 0; i < draws; i++) {
            const before = calls;
            const t = electionTimer.randomizedTimeoutTicks(rng, electionTicks);
            if (!Number.isInteger(t) || t < electionTicks || t > 3 * electionTicks) throw new Error(`draw ${i + 1} returned ${t}: timeouts are whole ticks in [${electionTicks}, ${3 * electionTicks}]`);
            if (calls === before) throw new Error(`draw ${i + 1} returned ${t} without calling rng.range: every restart needs a fresh draw from the given source`);
            out.push(t);
          }
          return out;
        };
        const a = run('a');
        const again = run('a');
        if (a.join() !== again.join()) throw new Error(`the same stream gave [${a.join(', ')}] and then [${again.join(', ')}]: timeouts must come only from rng.range (no Math.random, no counter of your own)`);
      },
      { seed, numRuns: 80, describeCase: (c) => `electionTicks = ${c.electionTicks}, ${c.draws} draw${c.draws > 1 ? 's' : ''} from stream ${c.stream}` },
    );
  });

  test('timeouts depend on the source: two different streams give different timeouts', () => {
    for (const electionTicks of [10, 30]) {
      const a = randomSource(`stream-a-${electionTicks}`);
      const b = randomSource(`stream-b-${electionTicks}`);
      const first = Array.from({ length: 40 }, () => electionTimer.randomizedTimeoutTicks(a, electionTicks));
      const second = Array.from({ length: 40 }, () => electionTimer.randomizedTimeoutTicks(b, electionTicks));
      // Two independent streams give 40 equal timeouts with probability below 2^-40 for any rule the README allows.
      check(first.join() !== second.join(), `two different RandomSources gave the same 40 timeouts [${first.slice(0, 8).join(', ')}, …] for electionTicks = ${electionTicks}: your timeouts do not come from rng.range, so every node draws the same ones.`);
    }
  });

  forSeeds('shouldCampaign on generated timeouts: never before the timeout, always after it', [1, 2], (seed) => {
    property(
      'shouldCampaign(elapsed, timeout)',
      fc.integer({ min: 1, max: 600 }).chain((timeout) => fc.tuple(fc.constant(timeout), fc.oneof(fc.integer({ min: 0, max: 4 * timeout }), fc.integer({ min: Math.max(0, timeout - 2), max: timeout + 2 })))),
      ([timeout, elapsed]) => {
        const fires = Boolean(electionTimer.shouldCampaign(elapsed, timeout));
        // At elapsed === timeout either answer is allowed ("once the timeout has passed").
        if (elapsed < timeout && fires) throw new Error(`shouldCampaign(${elapsed}, ${timeout}) is true: a follower that campaigns before its timeout disrupts a healthy leader`);
        if (elapsed > timeout && !fires) throw new Error(`shouldCampaign(${elapsed}, ${timeout}) is false: once the timeout has passed without a leader, start an election`);
      },
      { seed, numRuns: 150, describeCase: ([timeout, elapsed]) => `elapsed ${elapsed} ticks, timeout ${timeout} ticks` },
    );
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
      if (leader === null) return fail(`no leader agreed by all 5 nodes within 5 s on the ${network.name} network (seed ${seed}). ${noLeaderAdvice(w)}`);
      // The classic budget is 30 RPCs; a lossy network gets some slack for lost RequestVotes (a lost vote costs a whole new term).
      const budget = network === RELIABLE ? 30 : 45;
      check(c.rpcCount() <= budget, `electing the first leader took ${c.rpcCount()} RPCs (budget ${budget}) on the ${network.name} network (seed ${seed}): ${electionRpcAdvice(w, 0)}`);
      c.crash(leader);
      const before = c.rpcCount();
      const eventsBefore = c.traceEvents().length;
      const t0 = c.nowMs();
      const next = w.awaitLeader(5000);
      metric('reelectionMs', c.nowMs() - t0);
      metric('reelectionRpcs', c.rpcCount() - before);
      if (next === null) return fail(`no new leader within 5 s after leader ${leader} crashed (seed ${seed}). ${noLeaderAdvice(w, eventsBefore)}`);
      const rebudget = network === RELIABLE ? 30 : 50;
      check(c.rpcCount() - before <= rebudget, `re-electing after the leader crashed took ${c.rpcCount() - before} RPCs (budget ${rebudget}) on the ${network.name} network (seed ${seed}): ${electionRpcAdvice(w, eventsBefore)} The survivors' timers all restarted at the last heartbeat, so only the randomized timeout separates them.`);
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

  /**
   * Figure 2 RequestVote receiver rules (§5.2 one vote per term, §5.4.1 up-to-date logs), against
   * the reference rule on generated sequences: clusters of 2–9 nodes, several voters asked in turn
   * (your nodes share one module, so no state may leak between them), terms ahead of the last log
   * term, every kind of votedFor, multi-term logs, candidate logs around the voter's last entry.
   */
  forSeeds('RequestVote agrees with the rules on generated voters, logs and clusters of 2–9 nodes', [1, 2, 3], (seed) => {
    property(
      'RequestVote on generated requests',
      voteScenario,
      (scenario: VoteScenario) => {
        scenario.calls.forEach((call, i) => {
          const ask = () => requestVote(Object.freeze({ id: call.voter.id, currentTerm: call.voter.currentTerm, votedFor: call.voter.votedFor, log: propertyLog(call.voter.log) }), Object.freeze(asRequest(call)));
          const granted = ask();
          if (granted === call.grant) return;
          const why = !call.grant && call.voter.votedFor !== null && call.voter.votedFor !== call.request.from ? `one vote per term (§5.2): votedFor already names node ${call.voter.votedFor}` : call.grant ? 'the voter has not voted for anyone else in this term and the candidate\'s log is at least as up-to-date (§5.4.1: later last term wins; equal last terms, the longer or equal log)' : 'the candidate\'s log is less up-to-date than the voter\'s (§5.4.1: compare last terms first; only equal last terms compare indexes)';
          const again = ask();
          const leak = again !== granted ? ` Asked the same question again, it answered ${again ? 'grant' : 'refuse'}: your rule keeps state between calls (every node of the cluster shares your module); decide from the view alone, votedFor is the record.` : '';
          throw new Error(`request ${i + 1} of ${scenario.calls.length}: ${describeCall(call)}: you ${granted ? 'granted' : 'refused'}, expected ${call.grant ? 'grant' : 'refuse'}: ${why}.${leak}`);
        });
      },
      { seed, numRuns: 200, describeCase: describeScenario },
    );
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
      check(c.rpcCount() <= 30, `electing a leader of ${nodes} nodes took ${c.rpcCount()} RPCs (budget 30, seed ${seed}): ${electionRpcAdvice(w, 0)}`);
      const before = c.rpcCount();
      const eventsBefore = c.traceEvents().length;
      c.runForMs(3000);
      const perSecond = (c.rpcCount() - before) / 3;
      metric('idleRpcsPerSecond', perSecond);
      check(perSecond <= 60, `an idle ${nodes}-node cluster sent ${perSecond.toFixed(1)} RPCs per second (budget 60, seed ${seed}). ${idleRpcAdvice(w, eventsBefore, timing, nodes, 3)}`);
      check(c.agreedLeader() === leader && leaderChanges(w) === 1, `the leader changed in an idle, reliable cluster (seed ${seed}): followers must not time out while heartbeats arrive. ${stableAdvice()}`);
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
      const eventsBefore = c.traceEvents().length;
      c.runForMs(6000);
      const changes = leaderChanges(w) - changesBefore;
      const perSecond = (c.rpcCount() - before) / 6;
      metric('leaderChanges', changes);
      metric('idleRpcsPerSecond', perSecond);
      check(changes <= 1, `the leader changed ${changes} times in 6 idle seconds with 10% message loss (seed ${seed}): a follower that misses one heartbeat must not start an election. ${stableAdvice()}`);
      check(perSecond <= 60, `an idle 5-node cluster on a lossy network sent ${perSecond.toFixed(1)} RPCs per second (budget 60, seed ${seed}). ${idleRpcAdvice(w, eventsBefore, timing, 5, 6)}`);
      expectSafe(w, seed, 'on a lossy network');
    });
  });

  /**
   * Figure 2 and §5.2/§5.4.1 end to end, on generated clusters: every size from 2 to 9 (even sizes
   * too), a random mix of your nodes and reference nodes, random crashes, partitions (sometimes
   * leaving no majority anywhere) and isolated leaders. Election safety, leader completeness and
   * state machine safety are checked at every step; once healed, one leader and a committed value.
   */
  forSeeds('generated clusters of 2–9 nodes under random faults: safe throughout, one leader once healed', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    if (!timingIsValid()) return fail(`cannot build a cluster with timing ${JSON.stringify(timing)} (seed ${seed}).`);
    const g = generatedCluster(seed);
    const w = world(g.nodes, seed, g.lossy ? UNRELIABLE : RELIABLE, (id) => (g.learners.includes(id) ? learner : {}));
    const shape = `${g.nodes} nodes, yours ${g.learners.join(', ')}, ${g.lossy ? 'lossy' : 'reliable'} network`;
    traced(w, seed, () => {
      generatedFaults(w, seed, g.rounds);
      expectSafe(w, seed, `under random faults (${shape})`);
      const leader = w.awaitLeader(5000);
      metric('leaderChanges', leaderChanges(w));
      if (leader === null) return fail(`no leader agreed by all ${g.nodes} nodes within 5 s after the faults healed (${shape}, seed ${seed}).`);
      w.one('settled', g.nodes);
      expectSafe(w, seed, `after healing (${shape})`);
    });
  });

  /**
   * MIT 6.5840 TestManyElections: seven servers; ten times over, three of them (often including the
   * leader) are crashed or cut off one by one, and the four left must elect a leader among
   * themselves; then everyone is back and the seven settle on one leader. Election safety (at most
   * one leader per term, Raft §5.2) is checked throughout; each election must finish within a
   * bound (2.5 s of simulated time, MIT allows about 5 s of real time), so votes that keep splitting,
   * a vote that is never granted, a timer that never fires or timeouts of seconds (§5.6: the
   * election timeout is a few hundred ms, a failover costs about one) show up as a missing leader.
   */
  forSeeds('seven nodes, many elections: crashes and partitions of three, one leader per term, a leader within 2.5 s each time (like MIT TestManyElections)', [1, 2, 3, 4, 5, 6, 7, 8], (seed) => {
    if (!timingIsValid()) return fail(`cannot build a cluster with timing ${JSON.stringify(timing)} (seed ${seed}).`);
    const w = world(7, seed, RELIABLE, seed % 2 === 0 ? (id) => (id <= 4 ? learner : {}) : allLearners);
    const c = w.cluster;
    const rng = new Prng(seed).fork('many-elections');
    const mix = seed % 2 === 0 ? 'nodes 1–4 yours, 5–7 reference' : 'all yours';
    const BOUND = 2500;
    // A base timeout of more than half a second leaves no room for a split vote within the bound.
    const slowAdvice = () => (timing.electionTicks * 10 > 500 ? `Your base election timeout is ${timing.electionTicks * 10} ms: a follower waits at least that long after the last heartbeat before it campaigns, and a split vote costs another timeout; Raft §5.6 suggests 150–300 ms. ` : '');
    traced(w, seed, () => {
      const first = w.awaitLeader(5000);
      if (first === null) return fail(`no leader among 7 nodes within 5 s (${mix}, seed ${seed}). ${noLeaderAdvice(w)}`);
      let slowest = 0;
      for (let iter = 1; iter <= 10; iter++) {
        const leader = c.leader();
        const others = rng.shuffled(c.ids.filter((id) => id !== leader));
        const out = leader !== null && rng.chance(600) ? [leader, ...others.slice(0, 2)] : others.slice(0, 3);
        const crash = rng.chance(400);
        if (crash) for (const id of out) c.crash(id);
        else c.partition([...out.map((id) => [id]), c.ids.filter((id) => !out.includes(id))]);
        const rest = c.ids.filter((id) => !out.includes(id));
        const eventsBefore = c.traceEvents().length;
        const t0 = c.nowMs();
        const l = w.awaitLeader(BOUND, rest);
        slowest = Math.max(slowest, c.nowMs() - t0);
        const what = `round ${iter} of 10: nodes ${out.join(', ')} ${crash ? 'crashed' : 'cut off one by one'}${out.includes(leader ?? -1) ? ' (the leader among them)' : ''}`;
        if (l === null) return fail(`${what}; the other four (${rest.join(', ')}) did not agree on a leader within 2.5 s (${mix}, seed ${seed}). ${slowAdvice()}${noLeaderAdvice(w, eventsBefore)}`);
        if (!w.checker.ok) break;
        if (crash) for (const id of out) c.restart(id);
        else c.heal();
        const t1 = c.nowMs();
        const all = w.awaitLeader(BOUND);
        slowest = Math.max(slowest, c.nowMs() - t1);
        if (all === null) return fail(`${what}; after they came back, the seven did not settle on one leader within 2.5 s (${mix}, seed ${seed}). ${slowAdvice()}${noLeaderAdvice(w, eventsBefore)}`);
      }
      metric('slowestElectionMs', slowest);
      metric('leaderChanges', leaderChanges(w));
      expectSafe(w, seed, `in many elections on 7 nodes (${mix})`);
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

