/**
 * Server-only: generated disks for the differential property tests. A generated disk is one a real
 * node could have written: a snapshot (or none) whose term may be older than the log after it, a
 * log of several terms (no-ops included) continuing right after the snapshot, a current term at
 * or past the last entry's (elections advance the term without writing entries), a vote or none,
 * and a known commit index between the snapshot and the end of the log.
 */
import { fc } from '../../grader/harness/property';
import type { PersistentFields } from '../../engine/raft/hooks';
import type { Entry, Json, Snapshot } from '../../engine/raft/types';

export interface DiskCase {
  /** The node's values when it last wrote its hard state (hardState() is asked to encode them). */
  readonly fields: PersistentFields;
  readonly snapshot: Snapshot | null;
  readonly entries: readonly Entry[];
}

const smallJson: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -99, max: 99 }),
  fc.string({ maxLength: 4 }),
  fc.dictionary(fc.constantFrom('k', 'v', 'n', 'applied'), fc.integer({ min: 0, max: 99 }), { maxKeys: 3 }),
);

/** Voter sets of every size from 1 to 9 nodes, even and odd. */
export const voters = fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 9 }).map((v) => v.sort((a, b) => a - b));

export const diskCase: fc.Arbitrary<DiskCase> = fc
  .record({
    snapshot: fc.option(fc.record({ index: fc.integer({ min: 1, max: 40 }), term: fc.integer({ min: 1, max: 6 }), voters, data: smallJson }), { nil: null, freq: 2 }),
    // Per entry: how many terms later than the entry before it (0 keeps the term), and its payload (null is a leader's no-op).
    log: fc.array(fc.record({ step: fc.constantFrom(0, 0, 1, 2), data: fc.oneof(smallJson, fc.constant(null)) }), { maxLength: 12 }),
    firstTermStep: fc.integer({ min: 0, max: 2 }),
    termsSinceLastEntry: fc.constantFrom(0, 0, 1, 2, 5),
    vote: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
    commitPick: fc.nat({ max: 1000 }),
  })
  .map((g): DiskCase => {
    const snapIndex = g.snapshot?.index ?? 0;
    const snapTerm = g.snapshot?.term ?? 0;
    let term = Math.max(1, snapTerm + g.firstTermStep);
    const entries: Entry[] = g.log.map((e, k) => {
      if (k > 0) term += e.step;
      return { index: snapIndex + k + 1, term, data: e.data };
    });
    const lastTerm = entries.length > 0 ? term : snapTerm;
    const lastIndex = snapIndex + entries.length;
    const currentTerm = lastTerm + g.termsSinceLastEntry;
    const commitIndex = snapIndex + (g.commitPick % (lastIndex - snapIndex + 1));
    const snapshot: Snapshot | null = g.snapshot === null ? null : { meta: { index: g.snapshot.index, term: g.snapshot.term, voters: g.snapshot.voters }, data: g.snapshot.data };
    return { fields: { currentTerm, votedFor: currentTerm === 0 ? null : g.vote, commitIndex }, snapshot, entries };
  });

/** A fresh, unshared copy (each side of a differential gets its own, so neither can change the other's). */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function describeDisk(d: DiskCase): string {
  const snap = d.snapshot === null ? 'no snapshot' : `snapshot through ${d.snapshot.meta.index} (term ${d.snapshot.meta.term}, voters [${d.snapshot.meta.voters.join(',')}])`;
  const log = d.entries.length === 0 ? 'no entries' : `entries ${d.entries[0]!.index}..${d.entries[d.entries.length - 1]!.index} with terms [${d.entries.map((e) => e.term).join(',')}]`;
  return `node state ${JSON.stringify(d.fields)}, ${snap}, ${log}`;
}
