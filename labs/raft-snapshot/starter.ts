import type { FollowerView, InstallSnapshot, SnapshotInstallDecision } from './api';

/**
 * Figure 13, InstallSnapshot receiver rules 6–8. The leader sends its whole snapshot when this
 * follower needs entries it has already compacted away.
 *
 * TODO
 * - Stale: if the snapshot covers nothing this node has not already committed (and applied),
 *   ignore it: installing would roll the state machine back.
 * - Rule 6: if the log holds the snapshot's last included entry (same index AND term), install
 *   and keep the entries that follow it.
 * - Rule 7: otherwise install and discard the entire log.
 */
export function installSnapshot(follower: FollowerView, request: InstallSnapshot): SnapshotInstallDecision {
  void follower;
  void request;
  // Return { kind: 'ignore' } or { kind: 'install', keepLogSuffix: true | false }.
  throw new Error('TODO: installSnapshot: decide between ignore and install (Figure 13, rules 6–8)');
}
