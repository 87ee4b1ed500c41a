import type { SnapshotInstallHandler } from '../hooks';

/**
 * Figure 13, InstallSnapshot receiver rules 6–8: ignore a snapshot we already cover; if our log
 * has the snapshot's last entry, keep what follows it; otherwise discard the whole log.
 */
export const referenceInstallSnapshot: SnapshotInstallHandler = (follower, request) => {
  const meta = request.snapshot.meta;
  if (meta.index <= follower.commitIndex) return { kind: 'ignore' };
  return { kind: 'install', keepLogSuffix: follower.log.termAt(meta.index) === meta.term };
};
