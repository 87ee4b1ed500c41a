import type { FollowerView, InstallSnapshot, SnapshotInstallDecision } from '../../api';

/** Bug: never keeps the suffix after a matching last included entry (skips rule 6). */
export function installSnapshot(follower: FollowerView, request: InstallSnapshot): SnapshotInstallDecision {
  if (request.snapshot.meta.index <= follower.commitIndex) return { kind: 'ignore' };
  return { kind: 'install', keepLogSuffix: false };
}
