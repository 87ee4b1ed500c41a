import type { FollowerView, InstallSnapshot, SnapshotInstallDecision } from '../../api';

/** Bug: no staleness check at all: every snapshot is installed, however old. */
export function installSnapshot(follower: FollowerView, request: InstallSnapshot): SnapshotInstallDecision {
  const meta = request.snapshot.meta;
  return { kind: 'install', keepLogSuffix: follower.log.termAt(meta.index) === meta.term };
}
