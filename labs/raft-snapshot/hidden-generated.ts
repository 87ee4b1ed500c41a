/**
 * Server-only: generated cases for the differential property test of the InstallSnapshot rule, and
 * a watch that compares every call of your handler in a simulation with the rules, so a failure's
 * advice names what your handler actually decided.
 *
 * A case is a follower and a leader whose logs share a prefix and then diverge the way Raft logs
 * can (Figure 7): the two tails never hold the same (index, term), so the Log Matching Property
 * holds between them. The follower has compacted some of its committed prefix (its own snapshot),
 * its commitIndex lies within the shared prefix (committed entries are on every later leader), and
 * the leader's snapshot ends anywhere in the leader's log: older than the follower's own snapshot,
 * between that and its commitIndex, inside its matching log, past a conflicting tail, or past its end.
 */
import { fc } from '../../grader/harness/property';
import { divergingTails, raftTerms, tailsPick } from '../../grader/harness/kits/raft-arbitraries';
import type { SnapshotInstallDecision, SnapshotInstallHandler, FollowerView } from '../../engine/raft/hooks';
import type { InstallSnapshot } from '../../engine/raft/messages';
import { referenceInstallSnapshot } from '../../engine/raft/hooks/install-snapshot';
import { RaftLog } from '../../engine/raft/raft-log';
import type { Entry } from '../../engine/raft/types';
import { advise } from './support';

export interface SnapshotGen {
  /** Follower's whole history, terms by index (entries through snapshotIndex are compacted). */
  readonly follower: readonly number[];
  readonly leader: readonly number[];
  readonly common: number;
  readonly snapshotIndex: number;
  readonly commit: number;
  /** The leader's snapshot ends here (its term is the leader's term at that index). */
  readonly index: number;
}


export const snapshotCase: fc.Arbitrary<SnapshotGen> = fc
  .record({ prefix: raftTerms(14), tails: tailsPick, commitPick: fc.nat(), snapPick: fc.nat(), indexPick: fc.nat() })
  .map((g) => {
    const t0 = g.prefix.length === 0 ? 0 : g.prefix[g.prefix.length - 1]!;
    const { follower, leader } = divergingTails(t0, g.tails);
    const f = [...g.prefix, ...follower];
    // The leader has a snapshot, so its log is not empty: a term above every generated one if need be.
    const l = g.prefix.length + leader.length > 0 ? [...g.prefix, ...leader] : [t0 + 7];
    const common = g.prefix.length;
    const commit = g.commitPick % (common + 1);
    const snapshotIndex = g.snapPick % (commit + 1);
    // The leader's snapshot ends somewhere in its log (index ≥ 1).
    const index = 1 + (g.indexPick % l.length);
    return { follower: f, leader: l, common, snapshotIndex, commit, index };
  });

const show = (terms: readonly number[]): string => `[${terms.join(',')}]`;

export function followerOf(c: SnapshotGen): FollowerView {
  const s = c.snapshotIndex;
  const entries: Entry[] = c.follower.slice(s).map((term, i) => Object.freeze({ index: s + 1 + i, term, data: `v${s + 1 + i}` }));
  const log = new RaftLog(s, s === 0 ? 0 : c.follower[s - 1]!, entries);
  return Object.freeze({ id: 2, currentTerm: Math.max(...c.leader, ...c.follower) + 1, commitIndex: c.commit, log });
}

export function requestOf(c: SnapshotGen): InstallSnapshot {
  const term = c.leader[c.index - 1]!;
  return Object.freeze({
    type: 'InstallSnapshot', from: 1, to: 2, term: Math.max(...c.leader, ...c.follower) + 1,
    snapshot: Object.freeze({ meta: Object.freeze({ index: c.index, term, voters: Object.freeze([1, 2, 3]) }), data: Object.freeze([`state@${c.index}`]) }),
    round: 0,
  });
}

export function describeSnapshotCase(c: SnapshotGen): string {
  const s = c.snapshotIndex;
  const snap = s === 0 ? 'no snapshot' : `its own snapshot through ${s} (term ${c.follower[s - 1]})`;
  return `follower with ${snap}, then entries ${show(c.follower.slice(s))} from index ${s + 1} (terms), commitIndex ${c.commit}; InstallSnapshot through index ${c.index}, term ${c.leader[c.index - 1]} (leader's log ${show(c.leader)})`;
}

/**
 * What the engine does with a decision: ignore, install keeping the suffix, or install discarding
 * the log. keepLogSuffix only matters when the log reaches past the snapshot's last index.
 */
export function effect(f: FollowerView, r: InstallSnapshot, d: SnapshotInstallDecision): string {
  if (d === null || typeof d !== 'object') return `an invalid decision (${String(d)})`;
  if (d.kind === 'ignore') return 'ignore';
  if (d.kind !== 'install') return `an invalid decision (${JSON.stringify(d)})`;
  if (f.log.lastIndex() <= r.snapshot.meta.index) return 'install';
  return d.keepLogSuffix ? 'install, keeping the entries after it' : 'install, discarding the whole log';
}

export const outcome = (handler: SnapshotInstallHandler, c: SnapshotGen): string => {
  const f = followerOf(c);
  const r = requestOf(c);
  return effect(f, r, handler(f, r));
};

export const referenceOutcome = (c: SnapshotGen): string => outcome(referenceInstallSnapshot, c);

/**
 * Wraps your handler for a simulation: every call is also answered by the rules, and the first
 * disagreement is kept to be shown as the advice of a failure.
 */
export class Watch {
  first: string | null = null;

  wrap(handler: SnapshotInstallHandler): SnapshotInstallHandler {
    return (f, r) => {
      const want = effect(f, r, referenceInstallSnapshot(f, r));
      const d = handler(f, r);
      const got = effect(f, r, d);
      if (this.first === null && got !== want) {
        const l = f.log;
        const at = l.termAt(r.snapshot.meta.index);
        this.first = `node ${f.id} (snapshot through ${l.snapshotIndex()} of term ${l.snapshotTerm()}, log through ${l.lastIndex()}, ${at === undefined ? `no entry at ${r.snapshot.meta.index}` : `term ${at} at ${r.snapshot.meta.index}`}, commitIndex ${f.commitIndex}) got an InstallSnapshot through ${r.snapshot.meta.index} (term ${r.snapshot.meta.term}); your handler decided "${got}", the rules (Figure 13, rules 6–7, and ignore what commitIndex covers) give "${want}"`;
      }
      return d;
    };
  }

  /** Advice for a failure: the first wrong decision when there was one, else the pattern-based advice. */
  advise(failure: string): string {
    return this.first === null ? advise(failure) : `First wrong decision in this run: ${this.first}.`;
  }
}
