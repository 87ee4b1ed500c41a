import { expect, forSeeds, metric, stage, test } from '../../grader/harness/api';
import { UNRELIABLE } from '../../engine/sim/network-profile';
import { referenceMembership } from '../../engine/raft/membership';
import { differential } from '../../grader/harness/property';
import { progressCase, quorumCase, settledLeaderCase, viewCase, type QuorumCase } from './hidden-properties';
import { churn, churnShape } from './hidden-scenarios';
import { cfg, describeProgress, describeQuorum, describeView, toView } from './rules-support';
import { bug2015, changeRightAfterElection, evenSplit, leaderWithLearnersInMinority, removeBusyLeader, secondChangeWhilePending } from './scenarios';
import { membership } from './solution';
import { growAll, MembershipWorld, removeLeader, runTraced } from './support';

stage('learners', () => {
  test('quorum on hand-picked configurations: voters only, each once, a strict majority', () => {
    const cases: [number[], number[], number[], boolean][] = [
      [[1, 2, 3], [4, 5], [1, 4, 5], false],
      [[1, 2, 3], [4], [1, 2], true],
      [[1, 2, 3, 4], [], [1, 2], false],
      [[1, 2, 3, 4], [], [1, 2, 4], true],
      [[1, 2, 3], [], [1, 1, 1], false],
      [[2, 3], [1], [1, 2], false],
      [[2, 3], [1], [2, 3], true],
      [[5], [], [5], true],
      [[5], [1, 2], [1, 2], false],
      [[1, 2, 3, 4, 5, 6], [7], [1, 2, 3, 7], false],
      [[1, 2, 3], [], [], false],
      [[1, 2, 3], [], [1, 2, 9], true],
    ];
    for (const [voters, learners, acks, want] of cases) {
      const config = cfg(voters, learners);
      expect(membership.quorum(config, Object.freeze(acks)), `${describeQuorum(config, acks)}: a majority of ${voters.length} voters is ${Math.floor(voters.length / 2) + 1}, counting each voter once (thesis §4.1)`).toBe(want);
    }
  });

  /** Thesis §4.1: learners, strangers and repeats never count; even sizes need more than half. */
  forSeeds('quorum agrees with the rules on generated configurations of 1–7 voters with learners', [1, 2, 3], (seed) => {
    differential('quorum(config, acks)', {
      seed,
      numRuns: 300,
      arbitrary: quorumCase,
      actual: (q: QuorumCase) => membership.quorum(cfg(q.config.voters, q.config.learners), Object.freeze([...q.acks])),
      expected: (q: QuorumCase) => referenceMembership.quorum(q.config, q.acks),
      describeCase: (q) => describeQuorum(q.config, q.acks),
    });
  });

  /** Thesis §4.2.1: a learner is caught up once it holds every committed entry. */
  forSeeds('promoteWhenCaughtUp agrees with the rules on generated progress', [1, 2], (seed) => {
    differential('promoteWhenCaughtUp(progress)', {
      seed,
      numRuns: 200,
      arbitrary: progressCase,
      actual: (p) => membership.promoteWhenCaughtUp(Object.freeze({ ...p })),
      expected: (p) => referenceMembership.promoteWhenCaughtUp(p),
      describeCase: describeProgress,
    });
  });

  forSeeds('new servers with a long log to copy catch up as learners before they vote', [3, 4, 5], (seed) => {
    const mw = new MembershipWorld(seed, { nodes: 5 + (seed % 2), voters: 3, rules: membership, maxEntriesPerMessage: 4 });
    runTraced(mw, 'grow with a long log', () => growAll(mw, { entriesBefore: 60 }));
  });

  forSeeds('learners cut off with the leader count neither for commits nor for elections', [1, 2, 3, 4], (seed) => {
    const mw = new MembershipWorld(seed, { nodes: 5, voters: 3, rules: membership });
    runTraced(mw, 'leader with two learners in a minority', () => leaderWithLearnersInMinority(mw));
  });

  forSeeds('an even cluster split in halves commits nothing until healed', [1, 2, 3], (seed) => {
    const size = seed % 2 === 0 ? 6 : 4;
    const mw = new MembershipWorld(seed, { nodes: size, voters: size, rules: membership });
    runTraced(mw, `${size} voters split ${size / 2}|${size / 2}`, () => evenSplit(mw));
  });
});

stage('one-at-a-time', () => {
  /** Thesis §4.1 on leaders whose no-op is committed: refuse exactly while a configuration entry is uncommitted. */
  forSeeds('canPropose on leaders with a committed no-op: one change at a time', [1, 2], (seed) => {
    differential('canPropose(view) with an entry of the current term committed', {
      seed,
      numRuns: 200,
      arbitrary: settledLeaderCase,
      actual: (v) => membership.canPropose(toView(v)),
      expected: (v) => referenceMembership.canPropose(toView(v)),
      describeCase: describeView,
    });
  });

  forSeeds('two changes back to back: the second is refused while the first is pending', [2, 3, 4, 5], (seed) => {
    const mw = new MembershipWorld(seed, { nodes: 5 + (seed % 2), voters: 3, rules: membership });
    runTraced(mw, 'two changes back to back', () => secondChangeWhilePending(mw));
  });
});

stage('noop-first', () => {
  test('canPropose on hand-picked views: the 2015 fix', () => {
    const cases: [number, number[], number, number, boolean][] = [
      [3, [1, 1, 2, 2, 3], 4, 0, false],
      [3, [1, 1, 2, 2, 3], 5, 0, true],
      [4, [1, 1, 2, 2, 3], 5, 0, false],
      [2, [1, 2], 1, 0, false],
      [2, [1, 2, 2, 2], 3, 2, true],
    ];
    for (const [currentTerm, log, commitIndex, configIndex, want] of cases) {
      const v = { id: 1, currentTerm, log, commitIndex, configIndex, config: cfg([1, 2, 3]) };
      expect(membership.canPropose(toView(v)), `${describeView(v)}: a leader changes the configuration only after an entry of its own term is committed (the 2015 fix) and while no change is pending (thesis §4.1)`).toBe(want);
    }
  });

  forSeeds('canPropose agrees with the rules on generated views', [1, 2, 3], (seed) => {
    differential('canPropose(view)', {
      seed,
      numRuns: 300,
      arbitrary: viewCase,
      actual: (v) => membership.canPropose(toView(v)),
      expected: (v) => referenceMembership.canPropose(toView(v)),
      describeCase: describeView,
    });
  });

  forSeeds('a new leader refuses changes until its no-op commits, election after election', [2, 3, 4, 5], (seed) => {
    const mw = new MembershipWorld(seed, { nodes: 5, voters: 3 + (seed % 2), rules: membership });
    runTraced(mw, 'changes right after elections', () => changeRightAfterElection(mw, 3));
  });

  /**
   * Ongaro's 2015 counter-example on 4 voters and a new server: an old leader's uncommitted
   * promotion, a new leader asked to remove it in the step it is elected, then the old leader back
   * with the servers that never heard of the removal. Without the fix: a committed entry is lost.
   */
  forSeeds('the 2015 bug replayed: a new leader may not remove the old one before its no-op commits', [1, 2, 3, 4], (seed) => {
    const mw = new MembershipWorld(seed, { nodes: 5, voters: 4, rules: membership });
    runTraced(mw, 'the 2015 bug', () => bug2015(mw));
  });
});

stage('leader-removal', () => {
  forSeeds('afterCommit agrees with the rules on generated views', [1, 2, 3], (seed) => {
    differential('afterCommit(view)', {
      seed,
      numRuns: 300,
      arbitrary: viewCase,
      actual: (v) => membership.afterCommit(toView(v)),
      expected: (v) => referenceMembership.afterCommit(toView(v)),
      describeCase: describeView,
    });
  });

  forSeeds('the leader removes itself, steps down after the commit, and a new leader takes over', [3, 4, 5, 6], (seed) => {
    const size = seed % 2 === 0 ? 4 : 5;
    const mw = new MembershipWorld(seed, { nodes: size, voters: size, rules: membership });
    runTraced(mw, `remove the leader of ${size}`, () => removeLeader(mw));
  });

  forSeeds('a busy leader removes itself: it keeps leading until C_new commits', [2, 3, 4, 5], (seed) => {
    const mw = new MembershipWorld(seed, { nodes: 5, voters: 3 + (seed % 3), rules: membership });
    runTraced(mw, 'remove a busy leader', () => removeBusyLeader(mw, 8));
  });
});

stage('liveness', () => {
  /**
   * Thesis §4 end to end: generated sequences of 4–9 adds and removes on clusters of 3–7 servers
   * (even sizes too; every third seed mixes your nodes with reference nodes), each change under
   * crashes or partitions of a minority, on a lossy network for odd seeds. Checked: the Raft
   * invariants across configurations (one leader per term, commits on a majority of the current
   * configuration), the §4 rules on every configuration a leader appends, and after each change a
   * leader of the new configuration that commits.
   */
  forSeeds('generated adds and removes on clusters of 3–7 servers with crashes and partitions', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24], (seed) => {
    const shape = churnShape(seed);
    const mw = new MembershipWorld(seed, { nodes: shape.nodes, voters: shape.voters, rules: membership, yours: (id) => shape.yours.includes(id), network: seed % 2 === 1 ? UNRELIABLE : undefined });
    let steps: string[] = [];
    runTraced(mw, `${shape.nodes} servers, ${shape.voters} initial voters, yours: ${shape.yours.join(', ')}`, () => {
      steps = churn(mw, seed, shape);
    });
    metric('changes', steps.length);
    metric('rpcs', mw.cluster.rpcCount());
  });
});
