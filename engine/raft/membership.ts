/**
 * Single-server membership changes (Ongaro's thesis §4.1–4.2.3, §4.4): the configuration is part
 * of the log, a server uses the LATEST configuration in its log whether committed or not (§4.1),
 * new servers join as non-voting learners and are promoted once caught up (§4.2.1), one change at
 * a time, a leader commits an entry of its own term before its first change (the 2015 fix of the
 * single-server algorithm, thesis errata / raft-dev "bug in single-server membership changes"), and
 * a leader that removed itself steps down once that configuration is committed (§4.2.2).
 *
 * The rules a lab may replace are `MembershipRules` (plugged in as `RaftHooks.membership`); the
 * engine (raft-node.ts) applies their decisions. Nothing here does I/O or reads a clock.
 */
import type { ReadonlyLog } from './raft-log';
import type { Json, NodeId } from './types';

/** A configuration: voters decide elections and commitment; learners only receive entries. */
export interface ClusterConfig {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

/** What a client asks the leader for: `add` joins a learner (promoted later), `remove` drops a voter or learner. */
export interface ConfigChange {
  readonly op: 'add' | 'remove';
  readonly node: NodeId;
}

const CONFIG_KEY = '$config';
const CHANGE_KEY = '$change';

/** The payload of a configuration log entry. */
export function configEntryData(config: ClusterConfig): Json {
  return { [CONFIG_KEY]: { voters: [...config.voters], learners: [...config.learners] } };
}

function isIdList(x: unknown): x is NodeId[] {
  return Array.isArray(x) && x.every((v) => typeof v === 'number');
}

/** The configuration an entry's payload carries, or null for an ordinary entry. */
export function configOf(data: Json | unknown): ClusterConfig | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const c = (data as Record<string, unknown>)[CONFIG_KEY] as { voters?: unknown; learners?: unknown } | undefined;
  if (c === undefined || c === null || typeof c !== 'object' || !isIdList(c.voters) || !isIdList(c.learners)) return null;
  return { voters: c.voters, learners: c.learners };
}

/** The `propose` payload that asks a leader for a membership change. */
export function changeRequest(change: ConfigChange): Json {
  return { [CHANGE_KEY]: { op: change.op, node: change.node } };
}

/** The change a `propose` payload asks for, or null for an ordinary command. */
export function changeOf(data: Json): ConfigChange | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const c = (data as Record<string, unknown>)[CHANGE_KEY] as { op?: unknown; node?: unknown } | undefined;
  if (c === undefined || c === null || typeof c !== 'object') return null;
  if ((c.op !== 'add' && c.op !== 'remove') || typeof c.node !== 'number') return null;
  return { op: c.op, node: c.node };
}

/** The configuration after one change, or null if it is no change (or would leave no voter). */
export function applyChange(config: ClusterConfig, change: ConfigChange): ClusterConfig | null {
  const member = config.voters.includes(change.node) || config.learners.includes(change.node);
  if (change.op === 'add') return member ? null : { voters: config.voters, learners: [...config.learners, change.node] };
  if (!member) return null;
  const voters = config.voters.filter((v) => v !== change.node);
  if (voters.length === 0) return null;
  return { voters, learners: config.learners.filter((v) => v !== change.node) };
}

/** The configuration that promotes `learner` to voter. */
export function promote(config: ClusterConfig, learner: NodeId): ClusterConfig {
  return { voters: [...config.voters, learner], learners: config.learners.filter((v) => v !== learner) };
}

/**
 * Thesis §4.1: the configuration in effect at `upTo` (default: the end of the log) is the latest
 * configuration entry at or before it, committed or not; `base` (the snapshot's or the bootstrap
 * configuration) when the log holds none. `index` is that entry's index (the snapshot index for `base`).
 */
export function latestConfig(log: ReadonlyLog, base: ClusterConfig, upTo: number = log.lastIndex()): { config: ClusterConfig; index: number } {
  for (let i = Math.min(upTo, log.lastIndex()); i > log.snapshotIndex(); i--) {
    const c = configOf(log.entryAt(i)?.data ?? null);
    if (c !== null) return { config: c, index: i };
  }
  return { config: base, index: log.snapshotIndex() };
}

export function describeConfig(c: ClusterConfig): string {
  return `{voters ${c.voters.join(',') || '-'}${c.learners.length > 0 ? `; learners ${c.learners.join(',')}` : ''}}`;
}

// ---- the rules a lab replaces ----------------------------------------------------------------------

/** What a leader (or any node) knows about its configuration. */
export interface MembershipView {
  readonly id: NodeId;
  readonly currentTerm: number;
  readonly commitIndex: number;
  readonly log: ReadonlyLog;
  /** The latest configuration in the log, committed or not (thesis §4.1). */
  readonly config: ClusterConfig;
  /** Index of the entry that holds `config` (≤ the snapshot index when it comes from the snapshot or the bootstrap). */
  readonly configIndex: number;
}

/** The leader's view of one learner's replication (thesis §4.2.1, catching up new servers). */
export interface CatchUpProgress {
  readonly node: NodeId;
  /** The learner's log matches the leader's through this index. */
  readonly matchIndex: number;
  readonly leaderLastIndex: number;
  readonly leaderCommitIndex: number;
}

export interface MembershipRules {
  /**
   * Does this set of servers (the acknowledgers of an entry, or the granters of a vote; it may name
   * learners and strangers, and repeat) form a quorum of `config`? Thesis §4.1: a majority of the
   * voters of the configuration in effect; learners never count.
   */
  quorum(config: ClusterConfig, acks: readonly NodeId[]): boolean;
  /**
   * Leader: may a configuration change be appended now? Thesis §4.1: not while an earlier change
   * is uncommitted; 2015 fix: not before an entry of the leader's own term is committed.
   */
  canPropose(view: MembershipView): boolean;
  /** Leader: is this learner caught up enough to become a voter (thesis §4.2.1)? */
  promoteWhenCaughtUp(progress: CatchUpProgress): boolean;
  /** Leader, after its commit index advanced: keep leading, or step down (thesis §4.2.2: it removed itself). */
  afterCommit(view: MembershipView): 'lead' | 'step-down';
}

/** The reference rules. */
export const referenceMembership: MembershipRules = {
  quorum(config, acks) {
    const voters = new Set(config.voters);
    let n = 0;
    for (const id of new Set(acks)) if (voters.has(id)) n++;
    return n >= Math.floor(config.voters.length / 2) + 1;
  },
  canPropose(view) {
    if (view.configIndex > view.commitIndex) return false;
    return view.log.termAt(view.commitIndex) === view.currentTerm;
  },
  promoteWhenCaughtUp(progress) {
    return progress.matchIndex >= progress.leaderCommitIndex;
  },
  afterCommit(view) {
    const removed = !view.config.voters.includes(view.id);
    return removed && view.configIndex <= view.commitIndex ? 'step-down' : 'lead';
  },
};
