import { expect, forSeeds, metric, stage, test } from '../../grader/harness/api';
import { property } from '../../grader/harness/property';
import { Prng } from '../../engine/sim/prng';
import { describeQuorum, describeRead, describeRounds, explainStart, leaseAnswer, mustStepDown, newestQuorumStart, quorumView, readCase, roundsView } from './hidden-properties';
import { leaderLease } from './solution';
import { leaderCutOff, leaseRace, leaseStorm, LeaseWorld, raceSetup, runTraced, SLOW_LOSSY } from './support';

const peers = (...ids: number[]) => ids;

stage('check-quorum', () => {
  test('steps down when only a minority answered, stays with a majority', () => {
    const cases: [number, number[], boolean][] = [
      [5, peers(2), true],
      [5, peers(2, 3), false],
      [5, peers(2, 3, 4, 5), false],
      [4, peers(2), true],
      [4, peers(2, 3), false],
      [3, peers(), true],
      [3, peers(3), false],
      [1, peers(), false],
    ];
    for (const [voters, recentlyActive, want] of cases) {
      const view = { id: 1, currentTerm: 4, voters, recentlyActive };
      expect(leaderLease.checkQuorum(view), `thesis §6.2: ${describeQuorum(view)}: the leader plus ${recentlyActive.length} is ${recentlyActive.length + 1} of ${voters}`).toBe(want);
    }
  });

  /** Thesis §6.2 on generated clusters of 1–9 nodes (even sizes too: 2 of 4 is not a majority). */
  forSeeds('checkQuorum agrees with thesis §6.2 on generated clusters of 1–9 nodes', [1, 2, 3], (seed) => {
    property(
      'checkQuorum(view)',
      quorumView,
      (v) => {
        const got = leaderLease.checkQuorum(Object.freeze({ ...v, recentlyActive: Object.freeze([...v.recentlyActive]) }));
        const want = mustStepDown(v);
        if (got !== want) throw new Error(`you answered ${JSON.stringify(got)}, expected ${want}: the leader (counted once) plus ${v.recentlyActive.length} peer${v.recentlyActive.length === 1 ? '' : 's'} is ${v.recentlyActive.length + 1}, and a majority of ${v.voters} is ${Math.floor(v.voters / 2) + 1}`);
      },
      { seed, numRuns: 200, describeCase: describeQuorum },
    );
  });

  forSeeds('an isolated leader of 3 nodes steps down within two CheckQuorum periods', [1, 2], (seed) => {
    const lw = new LeaseWorld(seed, { nodes: 3, rules: leaderLease });
    runTraced(lw, 'leader isolated, 3 nodes', () => leaderCutOff(lw, { withLeader: 0 }));
  });

  forSeeds('a leader cut off with one follower of 5 steps down', [3, 4], (seed) => {
    const lw = new LeaseWorld(seed, { nodes: 5, rules: leaderLease });
    runTraced(lw, 'leader and one follower cut off, 5 nodes', () => leaderCutOff(lw, { withLeader: 1 }));
  });

  forSeeds('a leader that hears from half of a 4-node cluster steps down', [5, 6], (seed) => {
    const lw = new LeaseWorld(seed, { nodes: 4, rules: leaderLease });
    runTraced(lw, 'leader and one follower of 4 cut off', () => leaderCutOff(lw, { withLeader: 1 }));
  });

  forSeeds('a healthy leader keeps leading on a lossy network', [7, 8], (seed) => {
    const lw = new LeaseWorld(seed, { nodes: 5, rules: leaderLease, network: SLOW_LOSSY });
    runTraced(lw, 'healthy cluster, lossy network', () => {
      const leader = lw.world.awaitLeader(5000);
      if (!lw.check(leader !== null, 'no leader elected within 5 s of the start')) return;
      const term = lw.cluster.node(leader!)!.term();
      lw.cluster.runForMs(3000);
      const now = lw.cluster.node(leader!)!;
      lw.check(now.role() === 'leader' && now.term() === term, `the healthy leader ${leader} of term ${term} stepped down or lost its term (now ${now.role()} of term ${now.term()}) although every follower could answer it: no leader is expected to give up while a majority hears it`);
    });
  });
});

stage('lease-start', () => {
  test('the lease starts at the send tick of the newest round a majority acknowledged', () => {
    const view = {
      id: 1,
      currentTerm: 3,
      voters: 5,
      rounds: [
        { round: 4, sentAtTick: 100 },
        { round: 5, sentAtTick: 110 },
        { round: 6, sentAtTick: 120 },
      ],
      acks: [
        { peer: 2, ackedRound: 6 },
        { peer: 3, ackedRound: 5 },
        { peer: 4, ackedRound: 4 },
        { peer: 5, ackedRound: 0 },
      ],
      nowTick: 123,
      leaseStartTick: 100,
    };
    expect(leaderLease.leaseStart(view), `thesis §6.4.1: ${describeRounds(view)}`).toBe(110);
  });

  /** Thesis §6.4.1 on generated rounds and acks: never from a round only a minority answered, never from the ack's arrival. */
  forSeeds('leaseStart agrees with thesis §6.4.1 on generated rounds and acks', [1, 2, 3], (seed) => {
    property(
      'leaseStart(view)',
      roundsView,
      (v) => {
        const got = leaderLease.leaseStart(Object.freeze({ ...v }));
        const want = newestQuorumStart(v);
        if (got === want) return;
        const current = v.leaseStartTick;
        const unchanged = (want === null || (current !== null && want <= current)) && (got === null || (current !== null && got <= current));
        if (unchanged) return;
        throw new Error(`you answered ${JSON.stringify(got)}, expected ${want === null ? 'null' : want}: ${explainStart(v, want)}`);
      },
      { seed, numRuns: 250, describeCase: describeRounds },
    );
  });

  forSeeds('a leader cut off with one follower serves no stale lease read', [4, 5, 6], (seed) => {
    const race = raceSetup(1.25, 5, 1);
    const lw = new LeaseWorld(seed, { nodes: 5, rules: leaderLease, driftBound: 1.25, rates: race.rates, timerFor: race.timerFor });
    runTraced(lw, 'leader and one follower cut off, reads on the old leader', () => leaseRace(lw, race, { withLeader: 1 }));
  });

  forSeeds('7 nodes: a leader cut off with two followers serves no stale lease read', [14, 15], (seed) => {
    const race = raceSetup(1.25, 7, 2);
    const lw = new LeaseWorld(seed, { nodes: 7, rules: leaderLease, driftBound: 1.25, rates: race.rates, timerFor: race.timerFor });
    runTraced(lw, 'leader and two followers of 7 cut off, reads on the old leader', () => leaseRace(lw, race, { withLeader: 2 }));
  });
});

stage('lease-read', () => {
  test('serves inside electionTicks / clockDriftBound, not beyond', () => {
    const cases: [number | null, number, number, number, boolean][] = [
      [null, 0, 30, 1.25, false],
      [100, 100, 30, 1.25, true],
      [100, 123, 30, 1.25, true],
      [100, 124, 30, 1.25, false],
      [100, 125, 30, 1.25, false],
      [100, 119, 30, 1.5, true],
      [100, 120, 30, 1.5, false],
      [100, 121, 30, 1.5, false],
      [100, 128, 30, 1.5, false],
      [100, 131, 30, 1, false],
      [100, 129, 30, 1, true],
    ];
    for (const [start, now, electionTicks, drift, want] of cases) {
      const c = { view: { id: 1, currentTerm: 2, leaseStartTick: start, electionTicks, clockDriftBound: drift }, now };
      expect(leaderLease.canServeLeaseRead(c.view, now), `thesis §6.4.1: ${describeRead(c)}`).toBe(want);
    }
  });

  /** Thesis §6.4.1 on generated leases: every drift bound from 1 to 2, timeouts 10–100 ticks (at the limit itself the lease has expired; either answer where rounding blurs the limit). */
  forSeeds('canServeLeaseRead agrees with thesis §6.4.1 on generated leases', [1, 2, 3], (seed) => {
    property(
      'canServeLeaseRead(view, now)',
      readCase,
      (c) => {
        const want = leaseAnswer(c);
        if (want === null) return;
        const got = leaderLease.canServeLeaseRead(Object.freeze({ ...c.view }), c.now);
        if (got !== want) {
          const why = c.view.leaseStartTick === null ? 'no round was acknowledged by a majority in this term yet, so there is no lease' : want ? 'the lease is still younger than electionTicks / clockDriftBound: serving saves a round trip' : 'the lease is as old as electionTicks / clockDriftBound or older: a follower whose clock runs fast by the drift bound may already have voted for a new leader';
          throw new Error(`you answered ${JSON.stringify(got)}, expected ${want}: ${why}`);
        }
      },
      { seed, numRuns: 300, describeCase: describeRead },
    );
  });

  forSeeds('an isolated leader on the slowest clock serves no stale lease read (drift bound 1.5)', [7, 8, 9], (seed) => {
    const race = raceSetup(1.5, 5, 0);
    const lw = new LeaseWorld(seed, { nodes: 5, rules: leaderLease, driftBound: 1.5, rates: race.rates, timerFor: race.timerFor });
    runTraced(lw, 'leader isolated on a slow clock, reads on the old leader', () => leaseRace(lw, race, { withLeader: 0 }));
  });

  forSeeds('3 nodes: an isolated leader on the slowest clock serves no stale lease read (drift bound 1.25)', [10, 11], (seed) => {
    const race = raceSetup(1.25, 3, 0);
    const lw = new LeaseWorld(seed, { nodes: 3, rules: leaderLease, driftBound: 1.25, rates: race.rates, timerFor: race.timerFor });
    runTraced(lw, 'leader of 3 isolated on a slow clock, reads on the old leader', () => leaseRace(lw, race, { withLeader: 0 }));
  });

  forSeeds('a healthy cluster serves most reads under the lease, without a round trip', [12, 13], (seed) => {
    const lw = new LeaseWorld(seed, { nodes: 5, rules: leaderLease, clients: 3 });
    runTraced(lw, 'healthy cluster, clients reading', () => {
      lw.kv!.runClosedLoop({ keys: ['a', 'b'], untilMs: 3000, thinkMsMax: 15, getPerMille: 700, putPerMille: 200 });
      lw.cluster.runForMs(3000);
      lw.cluster.runUntil(() => lw.kv!.allIdle(), 5000);
      const served = lw.leaseReads.length;
      const asked = served + lw.refusedLeaseReads;
      metric('leaseReads', served);
      metric('readIndexFallbacks', lw.refusedLeaseReads);
      lw.check(asked > 20 && served * 2 >= asked, `only ${served} of ${asked} reads on the leader were served under the lease in a healthy cluster whose leader renews its lease every heartbeat: a lease younger than electionTicks / clockDriftBound should be used, or every read pays the ReadIndex round trip`);
      lw.checkLinearizable();
    });
  });
});

interface Shape {
  readonly nodes: number;
  readonly drift: number;
  readonly learners: readonly number[];
  /** Clocks at the ends of the range and election timeouts just above electionTicks: the lease's worst case. */
  readonly harsh: boolean;
}

function generatedShape(seed: number, mixed: boolean): Shape {
  const rng = new Prng(seed).fork('lease-shape');
  const nodes = rng.range(3, 7);
  const drift = rng.pick([1.1, 1.25, 1.5]);
  const learners = mixed ? rng.shuffled(Array.from({ length: nodes }, (_, i) => i + 1)).slice(0, Math.max(1, Math.floor(nodes / 2))).sort((a, b) => a - b) : Array.from({ length: nodes }, (_, i) => i + 1);
  return { nodes, drift, learners, harsh: rng.chance(1, 2) };
}

stage('partitions', () => {
  /**
   * Thesis §6.2 and §6.4.1 under generated faults: 3–7 nodes, clock rates from the seed within the
   * drift bound (1.1, 1.25 or 1.5), the leader isolated, minority/majority splits, crashes, a lossy
   * network; then everything heals and every client finishes. Every lease read is checked as it
   * happens, and the whole history for linearizability.
   */
  forSeeds('generated partitions, clock rates and crashes: every lease read is linearizable', [1, 2, 3, 4, 5, 6, 16, 17], (seed) => {
    const shape = generatedShape(seed, false);
    const lw = new LeaseWorld(seed, { nodes: shape.nodes, rules: leaderLease, driftBound: shape.drift, network: SLOW_LOSSY, clients: 3, extremeRates: shape.harsh, eagerTimers: shape.harsh });
    runTraced(lw, `${shape.nodes} nodes, drift bound ${shape.drift}${shape.harsh ? ', extreme clock rates, early timeouts' : ''}, faults`, () => leaseStorm(lw, { stormMs: 4000, crashes: true }));
    metric('leaseReads', lw.leaseReads.length);
  });

  /** Thesis §6.4.1: the lease race (slowest clock on the old leader, fastest elsewhere, the earliest legal timeout) on generated sizes, minorities and drift bounds. */
  forSeeds('generated clusters of 3–7 nodes: the old leader loses the lease race on every size and drift bound', [18, 19, 20, 21, 22], (seed) => {
    const rng = new Prng(seed).fork('race-shape');
    const nodes = rng.range(3, 7);
    const withLeader = rng.range(0, nodes - 1 - (Math.floor(nodes / 2) + 1));
    const drift = rng.pick([1.1, 1.25, 1.5]);
    const race = raceSetup(drift, nodes, withLeader);
    const lw = new LeaseWorld(seed, { nodes, rules: leaderLease, driftBound: drift, rates: race.rates, timerFor: race.timerFor, network: SLOW_LOSSY });
    runTraced(lw, `${nodes} nodes, the leader cut off with ${withLeader} follower${withLeader === 1 ? '' : 's'}, drift bound ${drift}, reads on the old leader`, () => leaseRace(lw, race, { withLeader }));
  });

  forSeeds('mixed clusters (some nodes run the reference rules) under generated partitions', [7, 8], (seed) => {
    const shape = generatedShape(seed, true);
    const lw = new LeaseWorld(seed, { nodes: shape.nodes, rules: leaderLease, driftBound: shape.drift, network: SLOW_LOSSY, clients: 3, learners: (id) => shape.learners.includes(id), extremeRates: shape.harsh, eagerTimers: shape.harsh });
    runTraced(lw, `${shape.nodes} nodes (yours: ${shape.learners.join(', ')}), drift bound ${shape.drift}, faults`, () => leaseStorm(lw, { stormMs: 4000, crashes: true }));
  });
});
