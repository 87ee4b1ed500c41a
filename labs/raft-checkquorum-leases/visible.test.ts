import { expect, forSeeds, stage, test } from '../../grader/harness/api';
import { leaderLease } from './solution';
import { leaderCutOff, leaseRace, LeaseWorld, raceSetup, runTraced } from './support';

stage('check-quorum', () => {
  test('steps down when only a minority answered, stays with a majority', () => {
    expect(leaderLease.checkQuorum({ id: 1, currentTerm: 4, voters: 5, recentlyActive: [2] }), 'thesis §6.2: leader 1 of 5 heard only from peer 2').toBe(true);
    expect(leaderLease.checkQuorum({ id: 1, currentTerm: 4, voters: 5, recentlyActive: [2, 3] }), 'thesis §6.2: leader 1 of 5 heard from peers 2 and 3').toBe(false);
  });

  forSeeds('an isolated leader of 3 nodes steps down within two CheckQuorum periods', [1], (seed) => {
    const lw = new LeaseWorld(seed, { nodes: 3, rules: leaderLease });
    runTraced(lw, 'leader isolated, 3 nodes', () => leaderCutOff(lw, { withLeader: 0 }));
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
    expect(leaderLease.leaseStart(view), 'thesis §6.4.1: round 5 (sent at tick 110) is the newest round acked by 2 peers + the leader').toBe(110);
  });
});

stage('lease-read', () => {
  test('serves inside electionTicks / clockDriftBound, not beyond', () => {
    const view = { id: 1, currentTerm: 2, leaseStartTick: 100, electionTicks: 30, clockDriftBound: 1.25 };
    expect(leaderLease.canServeLeaseRead(view, 110), 'thesis §6.4.1: lease age 10 ticks, limit 30 / 1.25 = 24').toBe(true);
    expect(leaderLease.canServeLeaseRead(view, 126), 'thesis §6.4.1: lease age 26 ticks, limit 30 / 1.25 = 24').toBe(false);
  });

  forSeeds('an isolated leader on the slowest clock serves no stale lease read (drift bound 1.5)', [7], (seed) => {
    const race = raceSetup(1.5, 5, 0);
    const lw = new LeaseWorld(seed, { nodes: 5, rules: leaderLease, driftBound: 1.5, rates: race.rates, timerFor: race.timerFor });
    runTraced(lw, 'leader isolated on a slow clock, reads on the old leader', () => leaseRace(lw, race, { withLeader: 0 }));
  });
});
