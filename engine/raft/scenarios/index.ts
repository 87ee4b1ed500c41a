/** Every named scenario, for tests and for `npx tsx scripts/replay.ts <scenario> --seed N`. */
import { backup, basicAgreement, concurrentProposals, followerFailure, leaderFailure, noAgreementWithoutMajority, rejoin, unreliableAgreement } from './agreement-scenarios';
import { electionRpcBudget, initialElection, manyElections, noLeaderWithoutQuorum, reElection } from './election-scenarios';
import { kvCrashes, kvPartitions, kvUnreliable, kvUnreliableLogReads } from './kv-scenarios';
import { churnReliable, churnUnreliable, figure8Reliable, figure8Unreliable, persistCrashAll, persistFollowers } from './persistence-scenarios';
import type { Scenario } from './scenario';
import { checkQuorumStepDown, noPreVoteRejoin, preVoteRejoin, snapshotCrashDuringInstall, snapshotLaggingCrash, snapshotLaggingPartition, snapshotRestart, snapshotUnreliable } from './snapshot-scenarios';

export const SCENARIOS: readonly Scenario[] = [
  initialElection,
  reElection,
  noLeaderWithoutQuorum,
  manyElections,
  electionRpcBudget,
  basicAgreement,
  followerFailure,
  leaderFailure,
  noAgreementWithoutMajority,
  concurrentProposals,
  rejoin,
  backup,
  unreliableAgreement,
  persistCrashAll,
  persistFollowers,
  figure8Reliable,
  figure8Unreliable,
  churnReliable,
  churnUnreliable,
  snapshotLaggingCrash,
  snapshotLaggingPartition,
  snapshotUnreliable,
  snapshotCrashDuringInstall,
  snapshotRestart,
  preVoteRejoin,
  noPreVoteRejoin,
  checkQuorumStepDown,
  kvPartitions,
  kvCrashes,
  kvUnreliable,
  kvUnreliableLogReads,
];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

/** The one-line command that replays a scenario run exactly. */
export function replayCommand(name: string, seed: number): string {
  return `npx tsx scripts/replay.ts ${name} --seed ${seed}`;
}
