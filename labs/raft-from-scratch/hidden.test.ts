import { forSeeds, metric, stage } from '../../grader/harness/api';
import { commitReporting, countPerAgreement, electionTimeouts, fastBackup, figure8Directed, followerConsistencyCheck, heartbeatInterval, installSnapshotRules, leaderFlowControl, leaderSnapshots, staleCandidateRefused, staleTermRequests, voteRules, kvLinearizable, kvMinorityPut, kvThroughput, logBoundedBySnapshots, voteSurvivesRestart, wholeClusterRestarts } from './hidden-checks';
import { createNode } from './solution';
import { runScenario } from './support';

/** The scenario catalogue of engine/raft/scenarios, run unchanged with every node yours. */
function catalogue(names: readonly string[], seeds: readonly number[]): void {
  for (const name of names) forSeeds(`catalogue: ${name}`, seeds, (seed) => runScenario(createNode, name, seed));
}

stage('election', () => {
  // The visible suite (run again in the hidden run) has initial-election and re-election at seed 3: other seeds here.
  catalogue(['initial-election', 're-election'], [4, 5]);
  catalogue(['no-leader-without-quorum', 'election-rpc-budget'], [3, 4]);
  catalogue(['many-elections'], [3, 4, 5]);
  forSeeds('election timeouts are drawn from [electionTicks, 2·electionTicks)', [101, 102, 103], (seed) => electionTimeouts(createNode, seed));
  forSeeds('a newer-term RequestVote from a stale log is refused, and the node still campaigns', [111, 112], (seed) => staleCandidateRefused(createNode, seed));
  forSeeds('directed: one vote per term, refused candidates, candidates meeting a leader, stale requests', [121, 122, 123, 124], (seed) => voteRules(createNode, seed));
  forSeeds('directed: stale-term requests are refused with the newer term', [131, 132, 133], (seed) => staleTermRequests(createNode, seed));
  forSeeds('a leader heartbeats every follower within heartbeatTicks', [141, 142, 143], (seed) => heartbeatInterval(createNode, seed));
});

stage('replication', () => {
  // Visible has basic-agreement and backup at seed 3.
  catalogue(['basic-agreement'], [4, 5]);
  catalogue(['follower-failure', 'leader-failure', 'no-agreement-without-majority', 'concurrent-proposals', 'rejoin'], [3, 4]);
  catalogue(['backup'], [4]);
  catalogue(['unreliable-agreement'], [3, 4, 5]);
  forSeeds('Figure 8, directed: no commit of an old-term entry by counting', [71, 72, 73], (seed) => figure8Directed(createNode, seed));
  forSeeds('directed: the consistency check, truncation at a conflict and the back-up hint', [151, 152, 153], (seed) => followerConsistencyCheck(createNode, seed));
  forSeeds('directed: commit is learned, handed out once and never decreases', [161, 162, 163], (seed) => commitReporting(createNode, seed));
  forSeeds('directed: the leader\'s AppendEntries, commit rule and retries', [171, 172, 173], (seed) => leaderFlowControl(createNode, seed));
  forSeeds('a returning leader\'s stale entries are replaced within a bounded number of rejections', [91, 92, 93], (seed) => {
    metric('rejections', fastBackup(createNode, seed, seed === 92 ? 5 : 3, 40 + 10 * (seed - 91)));
  });
  // Sizes 3, 4 and 5: even and odd clusters.
  forSeeds('RPCs and bytes per agreement stay within budget', [11, 12, 13], (seed) => {
    const nodes = 3 + ((seed - 11) % 3);
    const r = countPerAgreement(createNode, seed, nodes, 10, 1000);
    metric('rpcsPerAgreement', r.rpcsPerAgreement);
    metric('bytesPerAgreement', r.bytesPerAgreement);
  });
});

stage('persistence', () => {
  // Visible has persist-crash-all at seed 3.
  catalogue(['persist-crash-all'], [4, 5]);
  catalogue(['persist-followers', 'churn', 'churn-unreliable'], [3, 4]);
  // Figure 8 also has its directed test (replication) and three lossy seeds here.
  catalogue(['figure-8'], [3]);
  catalogue(['figure-8-unreliable'], [3, 4, 5]);
  forSeeds('a vote survives a restart', [81, 82], (seed) => voteSurvivesRestart(createNode, seed));
  forSeeds('the whole cluster crashes and restarts from disk, twice', [21, 22, 23, 24], (seed) => wholeClusterRestarts(createNode, seed, 3 + (seed % 3), seed % 2 === 0));
});

stage('snapshots', () => {
  // Visible has snapshot-lagging-crash at seed 3.
  catalogue(['snapshot-lagging-crash'], [4]);
  catalogue(['snapshot-lagging-partition', 'snapshot-unreliable', 'snapshot-crash-during-install', 'snapshot-restart'], [3, 4]);
  forSeeds('directed: installing a snapshot keeps or discards the log', [181, 182, 183], (seed) => installSnapshotRules(createNode, seed));
  forSeeds('directed: a leader repairs lagging followers with snapshots and entries', [191, 192], (seed) => leaderSnapshots(createNode, seed));
  forSeeds('snapshots keep every log bounded', [31, 32, 33], (seed) => {
    const worst = logBoundedBySnapshots(createNode, seed, 3 + ((seed - 31) % 3), 60, 10 + 5 * (seed % 2));
    metric('maxLogEntries', worst);
  });
});

stage('service', () => {
  // One seed each: linearizable KV below runs partitions, crashes and a lossy network with snapshots on.
  catalogue(['kv-partitions', 'kv-unreliable-log-reads'], [3]);
  // Visible has seed 41 (5 nodes).
  forSeeds('a put to a minority leader does not complete', [42, 43], (seed) => kvMinorityPut(createNode, seed, seed === 42 ? 3 : 5));
  // Partitions alone on 5 nodes are catalogue: kv-partitions above; here an even cluster with crashes, and 5 nodes with crashes on a lossy network.
  forSeeds('linearizable KV on your nodes under partitions and crashes', [52, 53], (seed) => {
    const r = kvLinearizable(createNode, seed, { nodes: seed === 52 ? 4 : 5, crashes: true, unreliable: seed === 53 });
    metric('kvOps', r.ops);
  });
  forSeeds('KV throughput in operations per virtual second', [61, 62], (seed) => {
    metric('opsPerVirtualSecond', kvThroughput(createNode, seed, seed === 61 ? 3 : 5, 60, 1000));
  });
});
