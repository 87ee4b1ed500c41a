import type { FollowerView, InstallSnapshot, SnapshotInstallDecision } from '../../api';

/**
 * Alternative: asks to keep the suffix only when there is one (the log reaches past meta.index and
 * agrees there); a matching log that ends exactly at meta.index is installed with keepLogSuffix
 * false, which leaves the same log (nothing follows the boundary).
 */
export function installSnapshot(follower: FollowerView, request: InstallSnapshot): SnapshotInstallDecision {
  const { index, term } = request.snapshot.meta;
  if (index <= follower.commitIndex) return { kind: 'ignore' };
  const hasSuffix = follower.log.lastIndex() > index;
  return { kind: 'install', keepLogSuffix: hasSuffix && follower.log.termAt(index) === term };
}
