import { expect, forSeeds, stage, test } from '../../grader/harness/api';
import { cfg, describeProgress, describeQuorum, describeView, toView, type ViewData } from './rules-support';
import { changeRightAfterElection, removeBusyLeader, secondChangeWhilePending } from './scenarios';
import { membership } from './solution';
import { growAll, MembershipWorld, runTraced } from './support';

const settled: ViewData = { id: 1, currentTerm: 2, log: [1, 1, 2, 2], commitIndex: 4, config: cfg([1, 2, 3]), configIndex: 0 };

stage('learners', () => {
  test('quorum counts voters only: two learners do not make a majority', () => {
    const config = cfg([1, 2, 3], [4, 5]);
    expect(membership.quorum(config, [1, 4, 5]), `${describeQuorum(config, [1, 4, 5])}: thesis §4.1, learners neither vote nor count for commitment`).toBe(false);
    expect(membership.quorum(config, [1, 2]), `${describeQuorum(config, [1, 2])}: 2 of 3 voters is a majority`).toBe(true);
  });

  test('a learner far behind is not promoted; one holding every committed entry is', () => {
    const behind = { node: 4, matchIndex: 8, leaderLastIndex: 40, leaderCommitIndex: 39 };
    const caughtUp = { node: 4, matchIndex: 39, leaderLastIndex: 40, leaderCommitIndex: 39 };
    expect(membership.promoteWhenCaughtUp(behind), `${describeProgress(behind)}: thesis §4.2.1, catch up first`).toBe(false);
    expect(membership.promoteWhenCaughtUp(caughtUp), `${describeProgress(caughtUp)}: it holds every committed entry`).toBe(true);
  });

  forSeeds('grow 3 voters to 5: each new server catches up as a learner, then votes', [1], (seed) => {
    const mw = new MembershipWorld(seed, { nodes: 5, voters: 3, rules: membership, maxEntriesPerMessage: 8 });
    runTraced(mw, 'grow 3 to 5', () => growAll(mw, { entriesBefore: 30 }));
  });
});

stage('one-at-a-time', () => {
  test('no change while the previous configuration entry is uncommitted', () => {
    const v: ViewData = { ...settled, log: [1, 1, 2, 2, 2], configIndex: 5, config: cfg([1, 2, 3], [4]) };
    expect(membership.canPropose(toView(v)), `${describeView(v)}: thesis §4.1, one change at a time`).toBe(false);
    expect(membership.canPropose(toView(settled)), `${describeView(settled)}: nothing pending, no-op committed`).toBe(true);
  });

  forSeeds('a second change while the first is pending is refused', [1], (seed) => {
    const mw = new MembershipWorld(seed, { nodes: 5, voters: 3, rules: membership });
    runTraced(mw, 'two changes back to back', () => secondChangeWhilePending(mw));
  });
});

stage('noop-first', () => {
  test('a new leader whose commit index is in an older term may not change the configuration', () => {
    const v: ViewData = { ...settled, currentTerm: 3, log: [1, 1, 2, 2, 3], commitIndex: 4 };
    expect(membership.canPropose(toView(v)), `${describeView(v)}: the 2015 fix, commit an entry of term 3 (the no-op) first`).toBe(false);
  });

  forSeeds('a new leader refuses changes until its no-op commits', [1], (seed) => {
    const mw = new MembershipWorld(seed, { nodes: 5, voters: 3, rules: membership });
    runTraced(mw, 'change right after an election', () => changeRightAfterElection(mw, 2));
  });
});

stage('leader-removal', () => {
  test('a leader steps down once the configuration removing it is committed, not before', () => {
    const pending: ViewData = { ...settled, log: [1, 1, 2, 2, 2], commitIndex: 4, configIndex: 5, config: cfg([2, 3]) };
    const done: ViewData = { ...pending, commitIndex: 5 };
    expect(membership.afterCommit(toView(pending)), `${describeView(pending)}: thesis §4.2.2, C_new is not committed yet`).toBe('lead');
    expect(membership.afterCommit(toView(done)), `${describeView(done)}: thesis §4.2.2, C_new is committed`).toBe('step-down');
  });

  forSeeds('a busy leader removes itself and a new leader takes over', [1], (seed) => {
    const mw = new MembershipWorld(seed, { nodes: 5, voters: 5, rules: membership });
    runTraced(mw, 'remove a busy leader', () => removeBusyLeader(mw, 4));
  });
});

stage('liveness', () => {
  forSeeds('grow, then shrink: a leader of each new configuration commits', [2], (seed) => {
    const mw = new MembershipWorld(seed, { nodes: 5, voters: 3, rules: membership });
    runTraced(mw, 'grow and shrink', () => {
      growAll(mw, { entriesBefore: 5 });
      for (const id of [1, 2]) {
        if (!mw.check(mw.change('remove', id, 8000), `removing node ${id} did not take effect within 8 s`)) return;
        mw.check(mw.commit(`after-remove-${id}`, 5000), `no leader committed a value within 5 s after node ${id} was removed`);
      }
    });
  });
});
