import type { FollowerView, InstallSnapshot, SnapshotInstallDecision } from '../../api';

/** Bug: keeps the log after the snapshot whenever it is long enough, without checking the term at lastIncludedIndex. */
export function installSnapshot(follower: FollowerView, request: InstallSnapshot): SnapshotInstallDecision {
  const meta = request.snapshot.meta;
  if (meta.index <= follower.commitIndex) return { kind: 'ignore' };
  return { kind: 'install', keepLogSuffix: follower.log.lastIndex() >= meta.index };
}
