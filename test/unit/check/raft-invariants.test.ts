import { describe, expect, it } from 'vitest';
import { RaftInvariantChecker } from '../../../engine/raft/raft-invariants';
import { RaftLog } from '../../../engine/raft/raft-log';
import type { Entry } from '../../../engine/raft/types';
import type { DiskView } from '../../../engine/raft/cluster/cluster-observer';

const e = (index: number, term: number, data: string | null = `v${index}`): Entry => ({ index, term, data });
const logOf = (...es: Entry[]) => new RaftLog(0, 0, es);
const disks = (stored: Record<number, Record<number, number>>): DiskView => ({
  nodeIds: () => [1, 2, 3],
  diskTermAt: (node, index) => stored[node]?.[index],
  diskSnapshotIndex: () => 0,
});
const rules = (c: RaftInvariantChecker) => c.violations.map((v) => v.rule);

describe('Raft invariant checker', () => {
  it('election safety (§5.2): two leaders in one term', () => {
    const c = new RaftInvariantChecker();
    c.onStep(1, 1, 'leader', 3, logOf());
    c.onStep(2, 2, 'leader', 4, logOf());
    expect(c.ok).toBe(true);
    c.onStep(3, 3, 'leader', 3, logOf());
    expect(rules(c)).toEqual(['election-safety']);
  });

  it('terms are monotonic per node', () => {
    const c = new RaftInvariantChecker();
    c.onStep(1, 1, 'follower', 5, logOf());
    c.onStep(2, 1, 'follower', 4, logOf());
    expect(rules(c)).toEqual(['term-monotonic']);
  });

  it('log matching (§5.3): same index and term with different payloads or different predecessors', () => {
    const c = new RaftInvariantChecker();
    c.onPersist(1, 1, [e(1, 1), e(2, 2)], 0);
    c.onPersist(2, 2, [e(1, 1), e(2, 2)], 0);
    expect(c.ok).toBe(true);
    c.onPersist(3, 3, [e(2, 2, 'other')], 1);
    c.onPersist(4, 3, [e(2, 2)], 5);
    expect(rules(c)).toEqual(['log-matching', 'log-matching']);
  });

  it('commits need a majority of disks (§5.3), and committed terms never change', () => {
    const c = new RaftInvariantChecker();
    c.onCommit(1, 1, 1, 1, logOf(e(1, 1)), disks({ 1: { 1: 1 }, 2: { 1: 1 } }));
    expect(c.ok).toBe(true);
    c.onCommit(2, 1, 2, 1, logOf(e(1, 1), e(2, 1)), disks({ 1: { 2: 1 } }));
    expect(rules(c)).toEqual(['commit-needs-majority']);
    c.onCommit(3, 2, 1, 2, logOf(e(1, 2)), disks({ 1: { 1: 2 }, 2: { 1: 2 }, 3: { 1: 2 } }));
    expect(rules(c)).toContain('state-machine-safety');
  });

  it('leader completeness (§5.4.1): a new leader missing a committed entry', () => {
    const c = new RaftInvariantChecker();
    c.onCommit(1, 1, 2, 1, logOf(e(1, 1), e(2, 1)), disks({ 1: { 2: 1 }, 2: { 2: 1 } }));
    c.onStep(2, 3, 'leader', 2, logOf(e(1, 1)));
    expect(rules(c)).toEqual(['leader-completeness']);
  });

  it('state machine safety (§5.4.3) and applied-in-order, including across crash and snapshot restore', () => {
    const c = new RaftInvariantChecker();
    c.onApply(1, 1, e(1, 1));
    c.onApply(2, 1, e(2, 1));
    c.onApply(3, 2, e(1, 1));
    expect(c.ok).toBe(true);
    c.onApply(4, 2, e(3, 1)); // skipped index 2
    expect(rules(c)).toEqual(['applied-in-order']);
    c.onApply(5, 3, e(1, 1, 'different'));
    expect(rules(c)).toContain('state-machine-safety');
    const d = new RaftInvariantChecker();
    d.onApply(1, 1, e(1, 1));
    d.onCrash(2, 1);
    d.onRestoreSnapshot(3, 1, 5);
    d.onApply(4, 1, e(6, 1));
    expect(d.ok).toBe(true);
    d.onRestoreSnapshot(5, 1, 2); // rollback without a crash
    expect(rules(d)).toEqual(['applied-in-order']);
  });
});
