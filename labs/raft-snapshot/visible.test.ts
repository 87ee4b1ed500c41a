import { forSeeds, stage, test } from '../../grader/harness/api';
import { expectIgnore, expectInstall, follower, logOf, repeat, snapshotRequest } from './rules-support';
import { installSnapshot } from './solution';
import { laggingPeer, runTraced, SnapshotWorld } from './support';

stage('rules', () => {
  test('an empty follower installs the snapshot', () => {
    const v = follower(logOf(0, 0, []), 0);
    expectInstall(installSnapshot(v, snapshotRequest(10, 2)), v, 10, 2, 'either', 'The follower has nothing: the snapshot is all it can get.');
  });

  test('a follower whose log is shorter than the snapshot installs it', () => {
    const v = follower(logOf(0, 0, repeat(2, 12)), 8);
    expectInstall(installSnapshot(v, snapshotRequest(20, 3)), v, 20, 3, 'either', 'Rule 7: the log does not reach the last included index, so nothing in it can be kept.');
  });

  test('a snapshot no newer than the follower\'s own is ignored', () => {
    const v = follower(logOf(20, 2, repeat(2, 5)), 25);
    expectIgnore(installSnapshot(v, snapshotRequest(20, 2)), v, 20, 2, 'Everything it covers is already applied here.');
  });
});

stage('catch-up', () => {
  forSeeds('a crashed follower catches up by snapshot', [1, 2], (seed) => {
    const sw = new SnapshotWorld(seed, { nodes: 3, seed, handler: installSnapshot });
    runTraced(sw, 'crashed follower catch-up', () => laggingPeer(sw, 'crash', 2, 25));
  });
});
