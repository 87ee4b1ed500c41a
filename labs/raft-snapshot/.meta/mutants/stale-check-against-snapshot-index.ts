import type { FollowerView, InstallSnapshot, SnapshotInstallDecision } from '../../api';

/** Bug: a snapshot counts as old only if it is not newer than our own snapshot; the commit index is ignored. */
export function installSnapshot(follower: FollowerView, request: InstallSnapshot): SnapshotInstallDecision {
  const meta = request.snapshot.meta;
  if (meta.index <= follower.log.snapshotIndex()) return { kind: 'ignore' };
  return { kind: 'install', keepLogSuffix: follower.log.termAt(meta.index) === meta.term };
}
