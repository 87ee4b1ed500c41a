import type { FollowerView, InstallSnapshot, SnapshotInstallDecision } from '../../api';

/** Bug: treats "my log already reaches lastIncludedIndex" as "I already have it", whatever those entries are. */
export function installSnapshot(follower: FollowerView, request: InstallSnapshot): SnapshotInstallDecision {
  const meta = request.snapshot.meta;
  if (meta.index <= follower.log.lastIndex()) return { kind: 'ignore' };
  return { kind: 'install', keepLogSuffix: false };
}
