import type { FollowerView, InstallSnapshot, SnapshotInstallDecision } from '../../api';

/**
 * Alternative: Figure 13 spelled out branch by branch; "already applied" is taken as the larger of
 * the commit index and the node's own snapshot index (the same thing here, since a node only
 * snapshots what it applied), and the rule-6 check reads the entry itself when the log still holds it.
 */
export const installSnapshot = (follower: FollowerView, request: InstallSnapshot): SnapshotInstallDecision => {
  const { log } = follower;
  const last = request.snapshot.meta;
  const applied = Math.max(follower.commitIndex, log.snapshotIndex());
  if (last.index <= applied) return { kind: 'ignore' };
  if (last.index > log.lastIndex()) return { kind: 'install', keepLogSuffix: false };
  const entry = log.entryAt(last.index);
  const termThere = entry !== undefined ? entry.term : log.termAt(last.index);
  if (termThere === last.term) return { kind: 'install', keepLogSuffix: true };
  return { kind: 'install', keepLogSuffix: false };
};
