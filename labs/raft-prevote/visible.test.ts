import { expect, forSeeds, stage, test } from '../../grader/harness/api';
import { expectGrant, logOf, probeFrom, view } from './rules-support';
import { preVote } from './solution';
import { leaderDies, PreVoteWorld, rejoin, runTraced } from './support';

stage('grant', () => {
  test('grants a newer term to an up-to-date log when no leader is around', () => {
    const v = view({ term: 2, log: logOf([1, 2, 2]), leaderId: null, elapsed: 0 });
    const r = probeFrom(3, 3, 3, 2);
    expectGrant(preVote.grant(v, r), true, v, r, 'Nothing stands in the way: this is how a cluster without a leader elects one.');
  });

  test('refuses a log that is behind', () => {
    const v = view({ term: 2, log: logOf([1, 2, 2]), leaderId: null, elapsed: 40 });
    const r = probeFrom(3, 3, 5, 1);
    expectGrant(preVote.grant(v, r), false, v, r, 'Raft §5.4.1: the last term decides first; a real vote would be refused, so the pre-vote must be too.');
  });
});

stage('campaign', () => {
  test('the probe proposes the next term and the node\'s last log position', () => {
    const p = preVote.probe(view({ term: 4, log: logOf([1, 3, 4, 4]), leaderId: null, elapsed: 0 }));
    expect(p, 'probe of a node in term 4 whose log ends at (index 4, term 4)').toEqual({ term: 5, lastLogIndex: 4, lastLogTerm: 4 });
  });

  test('three grants out of five start the campaign', () => {
    expect(preVote.decide({ granted: 3, rejected: 0, voters: 5 }), 'tally 3 granted / 0 rejected of 5').toBe('campaign');
  });
});

stage('rejoin', () => {
  forSeeds('a follower that fell behind rejoins without deposing the leader', [1, 2], (seed) => {
    const pw = new PreVoteWorld(seed, { nodes: 5, rules: preVote });
    runTraced(pw, 'stale follower rejoins', () => rejoin(pw, { cutOff: 1, writesWhileAway: 5, awayMs: 2000 }));
  });
});

stage('liveness', () => {
  forSeeds('a new leader after the leader crashes', [3, 4], (seed) => {
    const pw = new PreVoteWorld(seed, { nodes: 5, rules: preVote });
    runTraced(pw, 'leader crash', () => leaderDies(pw, { down: 1, withinMs: 3000 }));
  });
});
