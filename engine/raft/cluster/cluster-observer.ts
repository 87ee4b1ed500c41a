/**
 * What the cluster driver reports to checkers while a run goes on. Every callback fires right
 * after the step that caused it, with the virtual time.
 */
import type { ReadonlyLog } from '../raft-log';
import type { Entry, NodeId, Role } from '../types';

/** Read access to durable state, for checks such as "no commit without a majority". */
export interface DiskView {
  nodeIds(): readonly NodeId[];
  /** Term of the entry at index on node's disk, or undefined when it is not stored there (or is compacted: see snapshotIndex). */
  diskTermAt(node: NodeId, index: number): number | undefined;
  diskSnapshotIndex(node: NodeId): number;
}

export interface ClusterObserver {
  /** After every step of a live node: its current role, term and log. */
  onStep?(tMs: number, node: NodeId, role: Role, term: number, log: ReadonlyLog): void;
  /** Entries the node just made durable (after a snapshot, if any, was stored). */
  onPersist?(tMs: number, node: NodeId, entries: readonly Entry[], prevTerm: number): void;
  /** The node's commit index advanced. */
  onCommit?(tMs: number, node: NodeId, commitIndex: number, term: number, log: ReadonlyLog, disks: DiskView): void;
  /** The node applied an entry to its state machine. */
  onApply?(tMs: number, node: NodeId, entry: Entry): void;
  /** The node's state machine was reset to a snapshot (installed from the leader, or on restart). */
  onRestoreSnapshot?(tMs: number, node: NodeId, index: number, term: number): void;
  /** The node crashed; its volatile state is gone. */
  onCrash?(tMs: number, node: NodeId): void;
}
