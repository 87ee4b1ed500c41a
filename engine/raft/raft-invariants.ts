/**
 * Raft's safety properties (Figure 3 and §5.4), checked continuously while a cluster runs.
 * Attach an instance as a ClusterObserver; every broken property is recorded with the virtual
 * time it was detected and, when a trace is given, as a failing verdict in the trace.
 */
import type { ReadonlyLog } from './raft-log';
import type { Entry, NodeId, Role } from './types';
import type { ClusterObserver, DiskView } from './cluster/cluster-observer';
import type { TraceRecorder } from '../sim/trace';

export type InvariantRule =
  | 'election-safety'
  | 'log-matching'
  | 'leader-completeness'
  | 'state-machine-safety'
  | 'applied-in-order'
  | 'commit-needs-majority'
  | 'term-monotonic';

export interface InvariantViolation {
  readonly tMs: number;
  readonly rule: InvariantRule;
  readonly node: NodeId;
  readonly detail: string;
}

/**
 * What every log holding (index, term) must agree on: the payload (as JSON, computed only when an
 * entry object other than the first one seen shows up: the same object always has the same JSON)
 * and the term before it. One per (index, term); several terms at one index form a chain.
 */
interface EntryFingerprint {
  readonly term: number;
  readonly entry: Entry;
  data: string | null;
  readonly prevTerm: number;
  next: EntryFingerprint | null;
}

function fingerprintData(f: EntryFingerprint): string {
  if (f.data === null) f.data = JSON.stringify(f.entry.data);
  return f.data;
}

export class RaftInvariantChecker implements ClusterObserver {
  readonly violations: InvariantViolation[] = [];
  private readonly leaderOfTerm = new Map<number, NodeId>();
  // Per node, indexed by node id (plain arrays: cheaper than Maps on every step).
  private readonly termOf: (number | undefined)[] = [];
  private readonly roleOf: (Role | undefined)[] = [];
  /** index → (term → what every log holding that pair must agree on), as a chain per index. */
  private readonly fingerprints: (EntryFingerprint | undefined)[] = [];
  /** Committed index → term, as first learnt. */
  private readonly committedTerm: number[] = [];
  private maxCommitted = 0;
  private readonly commitSeen: (number | undefined)[] = [];
  /** Applied index → the entry first applied there anywhere, and its payload as JSON (computed when needed). */
  private readonly appliedEntry: Entry[] = [];
  private readonly appliedData: string[] = [];
  private readonly lastApplied: (number | undefined)[] = [];

  constructor(private readonly trace: TraceRecorder | null = null, private readonly maxViolations = 100) {}

  get ok(): boolean {
    return this.violations.length === 0;
  }

  private fail(tMs: number, rule: InvariantRule, node: NodeId, detail: string): void {
    if (this.violations.length >= this.maxViolations) return;
    this.violations.push({ tMs, rule, node, detail });
    this.trace?.record({ t: tMs, k: 'verdict', checker: rule, ok: false, detail: `node ${node}: ${detail}` });
  }

  onStep(tMs: number, node: NodeId, role: Role, term: number, log: ReadonlyLog): void {
    // Terms only move forward on a node, across restarts too (currentTerm is persistent).
    const prevTerm = this.termOf[node] ?? 0;
    if (term < prevTerm) this.fail(tMs, 'term-monotonic', node, `term went from ${prevTerm} back to ${term}`);
    else if (term > prevTerm) this.termOf[node] = term;
    const prevRole = this.roleOf[node];
    this.roleOf[node] = role;
    if (role !== 'leader' || (prevRole === 'leader' && term === prevTerm)) return;
    // §5.2 Election safety: at most one leader per term.
    const existing = this.leaderOfTerm.get(term);
    if (existing !== undefined && existing !== node) this.fail(tMs, 'election-safety', node, `became leader of term ${term}, which node ${existing} already leads`);
    else this.leaderOfTerm.set(term, node);
    // §5.4.1 Leader completeness: a new leader holds every entry committed so far.
    for (let i = log.snapshotIndex() + 1; i <= this.maxCommitted; i++) {
      const want = this.committedTerm[i];
      if (want === undefined) continue;
      const have = log.termAt(i);
      if (have !== want) {
        this.fail(tMs, 'leader-completeness', node, `leader of term ${term} lacks committed entry ${i} (term ${want}); its log has ${have === undefined ? 'nothing' : `term ${have}`} there`);
        return;
      }
    }
  }

  onPersist(tMs: number, node: NodeId, entries: readonly Entry[], prevTerm: number): void {
    // §5.3 Log matching: an (index, term) pair identifies the entry and, inductively, the whole prefix.
    let before = prevTerm;
    const fingerprints = this.fingerprints;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const first = fingerprints[e.index] ?? null;
      let known = first;
      while (known !== null && known.term !== e.term) known = known.next;
      if (known === null) {
        fingerprints[e.index] = { term: e.term, entry: e, data: null, prevTerm: before, next: first };
      } else if (known.entry !== e || known.prevTerm !== before) {
        const data = known.entry === e ? fingerprintData(known) : JSON.stringify(e.data);
        const knownData = fingerprintData(known);
        if (knownData !== data || known.prevTerm !== before) {
          this.fail(tMs, 'log-matching', node, `entry ${e.index} of term ${e.term} differs from another log's (${knownData !== data ? `payload ${data} vs ${knownData}` : `preceded by term ${before} vs ${known.prevTerm}`})`);
        }
      }
      before = e.term;
    }
  }

  onCommit(tMs: number, node: NodeId, commitIndex: number, _term: number, log: ReadonlyLog, disks: DiskView): void {
    const seen = this.commitSeen[node] ?? 0;
    if (commitIndex <= seen) return;
    this.commitSeen[node] = commitIndex;
    // An entry counts as committed only once a majority stores it (§5.3).
    const commitTerm = log.termAt(commitIndex);
    if (commitTerm !== undefined) {
      const voters = this.commitVoters(node, commitIndex, log, disks);
      let stored = 0;
      if (voters !== null) {
        for (let i = 0; i < voters.length; i++) {
          const id = voters[i]!;
          if (disks.diskSnapshotIndex(id) >= commitIndex || disks.diskTermAt(id, commitIndex) === commitTerm) stored++;
        }
      }
      const majority = Math.floor((voters?.length ?? 0) / 2) + 1;
      if (voters !== null && stored < majority) this.fail(tMs, 'commit-needs-majority', node, `committed index ${commitIndex} (term ${commitTerm}) stored on only ${stored} of ${voters.length} ${voters === disks.nodeIds() ? '' : `voters' (${voters.join(', ')}) `}disks`);
    }
    for (let i = Math.max(seen + 1, log.snapshotIndex() + 1); i <= commitIndex; i++) {
      const t = log.termAt(i);
      if (t === undefined) continue;
      const known = this.committedTerm[i];
      if (known === undefined) this.committedTerm[i] = t;
      else if (known !== t) this.fail(tMs, 'state-machine-safety', node, `committed index ${i} with term ${t}, but term ${known} was committed there before`);
    }
    if (commitIndex > this.maxCommitted) this.maxCommitted = commitIndex;
  }

  /**
   * Whose disks count when `node` reports commitIndex: every node's, here; a membership-aware
   * checker (engine/raft/membership-invariants.ts) narrows it to the voters of the configuration
   * the commit was made in, or returns null to skip the check.
   */
  protected commitVoters(_node: NodeId, _commitIndex: number, _log: ReadonlyLog, disks: DiskView): readonly NodeId[] | null {
    return disks.nodeIds();
  }

  onApply(tMs: number, node: NodeId, entry: Entry): void {
    const last = this.lastApplied[node] ?? 0;
    if (entry.index !== last + 1) this.fail(tMs, 'applied-in-order', node, `applied index ${entry.index} right after ${last}`);
    this.lastApplied[node] = entry.index;
    // §5.4.3 State machine safety: one command per index, everywhere. The same entry object
    // always carries the same payload, so JSON is only compared when another object shows up.
    const first = this.appliedEntry[entry.index];
    if (first === undefined) this.appliedEntry[entry.index] = entry;
    else if (first !== entry) {
      const data = JSON.stringify(entry.data);
      const known = this.appliedPayloadAt(entry.index)!;
      if (known !== data) this.fail(tMs, 'state-machine-safety', node, `applied ${data} at index ${entry.index}, where ${known} was applied before`);
    }
  }

  onRestoreSnapshot(tMs: number, node: NodeId, index: number): void {
    const last = this.lastApplied[node];
    if (last !== undefined && index < last) this.fail(tMs, 'applied-in-order', node, `state machine rolled back from ${last} to a snapshot at ${index}`);
    this.lastApplied[node] = index;
  }

  onCrash(_tMs: number, node: NodeId): void {
    // The state machine is volatile: after restart it is rebuilt from the snapshot and the log.
    this.lastApplied[node] = undefined;
    this.roleOf[node] = undefined;
  }

  /** The committed index → term map, for tests that check what clients saw committed survives. */
  committedTermAt(index: number): number | undefined {
    return this.committedTerm[index];
  }

  appliedPayloadAt(index: number): string | undefined {
    const known = this.appliedData[index];
    if (known !== undefined) return known;
    const entry = this.appliedEntry[index];
    if (entry === undefined) return undefined;
    const data = JSON.stringify(entry.data);
    this.appliedData[index] = data;
    return data;
  }

  describe(): string {
    return this.violations.map((v) => `[${v.tMs} ms] ${v.rule} @ node ${v.node}: ${v.detail}`).join('\n');
  }
}
