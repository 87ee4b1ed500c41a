import type { FollowerView, InstallSnapshot, SnapshotInstallDecision } from '../../api';

/** Bug: a snapshot counts as old only if the log still holds its last included entry, so one older than the follower's own snapshot (compacted away) is installed and rolls the state machine back. */
export function installSnapshot(follower: FollowerView, request: InstallSnapshot): SnapshotInstallDecision {
  const meta = request.snapshot.meta;
  // Everything through commitIndex is committed and applied: a snapshot that does not reach past it
  // is old (a late or duplicated message) and installing it would roll the state machine back.
  if (meta.index <= follower.commitIndex && follower.log.termAt(meta.index) === meta.term) return { kind: 'ignore' };
  // Rule 6: our log has the snapshot's last entry, so by log matching everything after it is the leader's too.
  const keepLogSuffix = follower.log.termAt(meta.index) === meta.term;
  // Rule 7 otherwise: the whole log goes (shorter than the snapshot, or conflicting at its last entry).
  return { kind: 'install', keepLogSuffix };
}
