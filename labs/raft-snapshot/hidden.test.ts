import { forSeeds, metric, stage, test } from '../../grader/harness/api';
import { differential } from '../../grader/harness/property';
import { UNRELIABLE } from '../../engine/sim/network-profile';
import { crashDuringInstall, deposedLeaderReturns, lateOldSnapshot, restartFromSnapshot } from './hidden-scenarios';
import { expectIgnore, expectInstall, follower, logOf, repeat, snapshotRequest } from './rules-support';
import { describeSnapshotCase, outcome, referenceOutcome, snapshotCase, Watch } from './hidden-generated';
import { installSnapshot } from './solution';
import { laggingPeer, runTraced, SnapshotWorld } from './support';

/** A simulation whose nodes (all, or `learners`) run your handler under a watch that names your first wrong decision if the run fails. */
function watched(seed: number, options: Omit<ConstructorParameters<typeof SnapshotWorld>[1], 'seed' | 'handler'>): { sw: SnapshotWorld; watch: Watch } {
  const watch = new Watch();
  return { sw: new SnapshotWorld(seed, { ...options, seed, handler: watch.wrap(installSnapshot) }), watch };
}

stage('rules', () => {
  test('an empty follower installs the snapshot', () => {
    const v = follower(logOf(0, 0, []), 0);
    expectInstall(installSnapshot(v, snapshotRequest(10, 2)), v, 10, 2, 'either', 'The follower has nothing: the snapshot is all it can get.');
  });

  test('rule 7: a log shorter than the snapshot is discarded', () => {
    const v = follower(logOf(0, 0, repeat(2, 12)), 8);
    expectInstall(installSnapshot(v, snapshotRequest(20, 3)), v, 20, 3, 'either', 'The log does not reach the last included index, so nothing in it can be kept.');
  });

  test('a snapshot no newer than the follower\'s own is ignored', () => {
    const v = follower(logOf(20, 2, repeat(2, 5)), 25);
    expectIgnore(installSnapshot(v, snapshotRequest(20, 2)), v, 20, 2, 'Everything it covers is already applied here.');
  });

  test('a snapshot behind the commit index is ignored even if it is newer than the follower\'s own snapshot', () => {
    const v = follower(logOf(10, 1, [...repeat(1, 5), ...repeat(2, 15)]), 24);
    expectIgnore(
      installSnapshot(v, snapshotRequest(18, 2)),
      v,
      18,
      2,
      'Staleness is about what is applied, not about what is compacted: entries 11–24 are committed and applied here, so installing a snapshot at 18 would roll the state machine back from 24 to 18.',
    );
  });

  test('a snapshot exactly at the commit index is ignored', () => {
    const v = follower(logOf(0, 0, repeat(2, 30)), 20);
    expectIgnore(installSnapshot(v, snapshotRequest(20, 2)), v, 20, 2, 'It brings nothing the follower has not applied already.');
  });

  test('rule 6: a log that holds the last included entry keeps what follows it', () => {
    const v = follower(logOf(0, 0, repeat(2, 30)), 5);
    expectInstall(
      installSnapshot(v, snapshotRequest(20, 2)),
      v,
      20,
      2,
      true,
      'The log has entry 20 with term 2, the snapshot\'s last included entry, so by log matching entries 21–30 are the leader\'s too; discarding them throws away entries this follower may already have acknowledged.',
    );
  });

  test('rule 7: a log that reaches the index with another term is discarded whole', () => {
    const v = follower(logOf(0, 0, [...repeat(1, 10), ...repeat(2, 20)]), 5);
    expectInstall(
      installSnapshot(v, snapshotRequest(20, 3)),
      v,
      20,
      3,
      false,
      'Entry 20 has term 2 here but term 3 in the snapshot: this log diverged from the leader\'s (uncommitted entries of an old leader), so nothing after it can be trusted.',
    );
  });

  // Figure 13, rule 6 on a log of several terms: the term AT lastIncludedIndex decides, not the log's last term.
  test('rule 6 on a multi-term log: the suffix after a matching entry is kept even when later entries have newer terms', () => {
    const v = follower(logOf(0, 0, [...repeat(1, 5), ...repeat(2, 10), ...repeat(3, 10)]), 5);
    expectInstall(
      installSnapshot(v, snapshotRequest(12, 2)),
      v,
      12,
      2,
      true,
      'Entry 12 has term 2 here and in the snapshot, so by log matching entries 13–25 (terms 2 and 3) are the leader\'s too. Compare the snapshot\'s term with log.termAt(lastIncludedIndex), not with the term of the log\'s last entry.',
    );
  });

  // A snapshot older than the follower's own: its last included entry is compacted away here (termAt is undefined).
  test('a snapshot older than the follower\'s own snapshot is ignored', () => {
    const v = follower(logOf(20, 3, [...repeat(3, 2), ...repeat(4, 6)]), 24);
    expectIgnore(
      installSnapshot(v, snapshotRequest(15, 2)),
      v,
      15,
      2,
      'Its last included entry (15) is already compacted into this follower\'s own snapshot through 20, and everything through 24 is applied: installing it would take the state machine back from 24 to 15. That the log no longer holds entry 15 does not make the snapshot new.',
    );
  });

  // Figure 13, rules 6–7 and the staleness check, on generated logs (Figure 7 shapes).
  forSeeds('generated followers and snapshots: your decision matches Figure 13 (rules 6–7) and the staleness check', [101, 102, 103], (seed) =>
    differential('InstallSnapshot decision', {
      seed,
      numRuns: 200,
      arbitrary: snapshotCase,
      actual: (c) => outcome(installSnapshot, c),
      expected: referenceOutcome,
      describeCase: describeSnapshotCase,
      describeAnswer: (a) => `"${a}"`,
    }));

  test('a log ending exactly at the matching last included entry still installs', () => {
    const v = follower(logOf(0, 0, repeat(2, 20)), 10);
    expectInstall(
      installSnapshot(v, snapshotRequest(20, 2)),
      v,
      20,
      2,
      'either',
      'The entries are here but only 10 are committed; if you ignore it the leader, which compacted them, can only send the snapshot again, forever.',
    );
  });
});

stage('catch-up', () => {
  // Cluster sizes from the seed, even and odd.
  forSeeds('a crashed follower catches up by snapshot, again and again', [1, 2, 3, 4], (seed) => {
    const nodes = [3, 4, 3, 4][seed - 1]!;
    const { sw, watch } = watched(seed, { nodes });
    runTraced(sw, `crashed follower catch-up (${nodes} nodes)`, () => laggingPeer(sw, 'crash', 3, 25), (f) => watch.advise(f));
    metric('installSnapshotSent', sw.cluster.traceEvents().filter((e) => e.k === 'send' && e.type === 'InstallSnapshot').length);
  });

  forSeeds('mixed cluster, lossy network: a partitioned follower catches up by snapshot', [6, 7, 8], (seed) => {
    const { sw, watch } = watched(seed, { nodes: 5, learners: (id) => id <= 2, network: UNRELIABLE });
    runTraced(sw, 'partitioned follower catch-up (nodes 1–2 run your handler, 3–5 the reference)', () => laggingPeer(sw, 'partition', 2, 25), (f) => watch.advise(f));
    metric('rpcs', sw.cluster.rpcCount());
  });
});

stage('divergent', () => {
  forSeeds('a deposed leader returns with a long uncommitted log and is repaired by snapshot', [11, 12, 13, 14], (seed) => {
    const { sw, watch } = watched(seed, { nodes: 5 });
    runTraced(sw, 'deposed leader returns', () => deposedLeaderReturns(sw), (f) => watch.advise(f));
    metric('installSnapshotSent', sw.cluster.traceEvents().filter((e) => e.k === 'send' && e.type === 'InstallSnapshot').length);
  });
});

stage('stale', () => {
  forSeeds('a late duplicate of an old InstallSnapshot does not roll a follower back', [17, 18, 19, 20, 21, 22], (seed) => {
    const { sw, watch } = watched(seed, { nodes: 3 });
    runTraced(sw, 'late duplicate snapshot', () => lateOldSnapshot(sw), (f) => watch.advise(f));
  });

  forSeeds('crashes in the middle of an install', [23, 24, 25, 26], (seed) => {
    const { sw, watch } = watched(seed, { nodes: 3 });
    runTraced(sw, 'crash during install', () => crashDuringInstall(sw, seed), (f) => watch.advise(f));
  });

  forSeeds('every node restarts from its snapshot', [27, 28, 29], (seed) => {
    const { sw, watch } = watched(seed, { nodes: 3 });
    runTraced(sw, 'restart from snapshot', () => restartFromSnapshot(sw), (f) => watch.advise(f));
  });
});
