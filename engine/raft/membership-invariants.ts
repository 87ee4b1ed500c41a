/**
 * The Raft safety invariants (raft-invariants.ts) extended for membership changes (thesis §4):
 * election safety, log matching, leader completeness and state machine safety hold across
 * configurations unchanged; "commit needs a majority" is judged against the voters of the
 * configuration the leader committed in (the latest in its log, thesis §4.1), not the whole world.
 * It also records every configuration a leader appended, for the lab's checks.
 */
import type { ClusterObserver, DiskView } from './cluster/cluster-observer';
import { configOf, latestConfig, type ClusterConfig } from './membership';
import type { ReadonlyLog } from './raft-log';
import { RaftInvariantChecker } from './raft-invariants';
import type { TraceRecorder } from '../sim/trace';
import type { Entry, NodeId, Role } from './types';

export class MembershipInvariantChecker extends RaftInvariantChecker implements ClusterObserver {
  private readonly roleNow = new Map<NodeId, { role: Role; term: number }>();
  private readonly rolePrev = new Map<NodeId, { role: Role; term: number }>();

  constructor(private readonly bootstrap: ClusterConfig, trace: TraceRecorder | null = null) {
    super(trace);
  }

  override onStep(tMs: number, node: NodeId, role: Role, term: number, log: ReadonlyLog): void {
    const now = this.roleNow.get(node);
    if (now !== undefined) this.rolePrev.set(node, now);
    else this.rolePrev.delete(node);
    this.roleNow.set(node, { role, term });
    super.onStep(tMs, node, role, term, log);
  }

  override onCrash(tMs: number, node: NodeId): void {
    this.roleNow.delete(node);
    this.rolePrev.delete(node);
    super.onCrash(tMs, node);
  }

  /**
   * A leader's commit (or the one that made a leader step down in the same step, thesis §4.2.2)
   * needs a majority of the voters of its latest configuration; followers only learn commits.
   */
  protected override commitVoters(node: NodeId, _commitIndex: number, log: ReadonlyLog, _disks: DiskView): readonly NodeId[] | null {
    const now = this.roleNow.get(node);
    const prev = this.rolePrev.get(node);
    const leading = now?.role === 'leader' || (prev?.role === 'leader' && prev.term === now?.term);
    if (!leading) return null;
    // Past a snapshot with no configuration entry after it, the configuration is the snapshot's: not visible here, skip.
    const { config, index } = latestConfig(log, this.bootstrap);
    return index > log.snapshotIndex() || log.snapshotIndex() === 0 ? config.voters : null;
  }
}

/** True when the entry carries a configuration. */
export function isConfigEntry(e: Entry): boolean {
  return configOf(e.data) !== null;
}
