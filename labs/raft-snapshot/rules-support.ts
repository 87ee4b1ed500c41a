/** Hand-built follower views for checking the receiver rules one case at a time. */
import { expect } from '../../grader/harness/api';
import type { InstallSnapshot } from '../../engine/raft/messages';
import { RaftLog } from '../../engine/raft/raft-log';
import type { Entry } from '../../engine/raft/types';
import type { FollowerView, SnapshotInstallDecision } from './api';

/** A log whose snapshot boundary is (snapshotIndex, snapshotTerm) followed by entries of the given terms. */
export function logOf(snapshotIndex: number, snapshotTerm: number, terms: readonly number[]): RaftLog {
  const entries: Entry[] = terms.map((term, i) => ({ index: snapshotIndex + 1 + i, term, data: `v${snapshotIndex + 1 + i}` }));
  return new RaftLog(snapshotIndex, snapshotTerm, entries);
}

export function repeat(term: number, n: number): number[] {
  return Array.from({ length: n }, () => term);
}

export function follower(log: RaftLog, commitIndex: number, currentTerm = 3): FollowerView {
  return { id: 2, currentTerm, commitIndex, log };
}

export function snapshotRequest(index: number, term: number, currentTerm = 3): InstallSnapshot {
  return { type: 'InstallSnapshot', from: 1, to: 2, term: currentTerm, snapshot: { meta: { index, term, voters: [1, 2, 3] }, data: [`state@${index}`] }, round: 0 };
}

export function describeLog(v: FollowerView): string {
  const l = v.log;
  const parts: string[] = [];
  let from = l.firstIndex();
  for (let i = l.firstIndex(); i <= l.lastIndex() + 1; i++) {
    if (i > l.lastIndex() || l.termAt(i) !== l.termAt(from)) {
      if (i > from) parts.push(`${from}–${i - 1}: term ${l.termAt(from)}`);
      from = i;
    }
  }
  const snap = l.snapshotIndex() > 0 ? `snapshot through ${l.snapshotIndex()} (term ${l.snapshotTerm()})` : 'no snapshot';
  return `${snap}; entries ${parts.length === 0 ? 'none' : parts.join(', ')}; commitIndex ${v.commitIndex}`;
}

export function show(d: SnapshotInstallDecision): string {
  return JSON.stringify(d);
}

/** The decision must be `ignore`. */
export function expectIgnore(d: SnapshotInstallDecision, v: FollowerView, index: number, term: number, why: string): void {
  expect(d !== null && typeof d === 'object' && d.kind === 'ignore', `snapshot through ${index} (term ${term}) arriving at a follower with ${describeLog(v)}: expected { kind: 'ignore' }, got ${show(d)}. ${why}`).toBe(true);
}

/** The decision must be `install`, with keepLogSuffix as given (or either, when nothing follows). */
export function expectInstall(d: SnapshotInstallDecision, v: FollowerView, index: number, term: number, keep: boolean | 'either', why: string): void {
  const ok = d !== null && typeof d === 'object' && d.kind === 'install' && (keep === 'either' || d.keepLogSuffix === keep);
  const want = keep === 'either' ? "{ kind: 'install' }" : `{ kind: 'install', keepLogSuffix: ${keep} }`;
  expect(ok, `snapshot through ${index} (term ${term}) arriving at a follower with ${describeLog(v)}: expected ${want}, got ${show(d)}. ${why}`).toBe(true);
}
