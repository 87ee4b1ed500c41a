/**
 * The in-memory Raft log: a snapshot boundary (index and term of the last compacted entry)
 * followed by the entries after it. Indexes start at 1; index 0 with term 0 is the empty prefix.
 */
import type { Entry } from './types';

/** The read-only view of a log that hooks get. */
export interface ReadonlyLog {
  /** Index of the last compacted entry (0 when nothing is compacted). */
  snapshotIndex(): number;
  snapshotTerm(): number;
  /** First index still held as an entry (snapshotIndex + 1). */
  firstIndex(): number;
  lastIndex(): number;
  lastTerm(): number;
  /** Term of the entry at `index`; the snapshot boundary's term at snapshotIndex; undefined if compacted away or beyond the end. */
  termAt(index: number): number | undefined;
  /** The entry at `index`, or undefined if compacted away or beyond the end. */
  entryAt(index: number): Entry | undefined;
  /** Entries in [from, toExclusive); `from` must be > snapshotIndex. */
  slice(from: number, toExclusive: number): Entry[];
}

export class RaftLog implements ReadonlyLog {
  private entries: Entry[];
  private snapIndex: number;
  private snapTerm: number;

  constructor(snapshotIndex = 0, snapshotTerm = 0, entries: readonly Entry[] = []) {
    this.snapIndex = snapshotIndex;
    this.snapTerm = snapshotTerm;
    this.entries = entries.slice();
    entries.forEach((e, i) => {
      if (e.index !== snapshotIndex + 1 + i) throw new RangeError(`log entries must be contiguous after the snapshot: entry ${i} has index ${e.index}`);
    });
  }

  snapshotIndex(): number {
    return this.snapIndex;
  }

  snapshotTerm(): number {
    return this.snapTerm;
  }

  firstIndex(): number {
    return this.snapIndex + 1;
  }

  lastIndex(): number {
    return this.snapIndex + this.entries.length;
  }

  lastTerm(): number {
    const n = this.entries.length;
    return n === 0 ? this.snapTerm : (this.entries[n - 1] as Entry).term;
  }

  termAt(index: number): number | undefined {
    if (index === this.snapIndex) return this.snapTerm;
    return this.entries[index - this.snapIndex - 1]?.term;
  }

  entryAt(index: number): Entry | undefined {
    if (index <= this.snapIndex) return undefined;
    return this.entries[index - this.snapIndex - 1];
  }

  slice(from: number, toExclusive: number): Entry[] {
    if (from <= this.snapIndex) throw new RangeError(`slice(${from}) reaches into the snapshot (≤ ${this.snapIndex})`);
    return this.entries.slice(from - this.snapIndex - 1, toExclusive - this.snapIndex - 1);
  }

  append(entry: Entry): void {
    if (entry.index !== this.lastIndex() + 1) throw new RangeError(`append: expected index ${this.lastIndex() + 1}, got ${entry.index}`);
    this.entries.push(entry);
  }

  /** Keep entries ≤ keepThroughIndex, drop the rest, append `entries` (which must start at keepThroughIndex + 1). */
  truncateAndAppend(keepThroughIndex: number, entries: readonly Entry[]): void {
    if (keepThroughIndex < this.snapIndex) throw new RangeError(`cannot truncate to ${keepThroughIndex}: entries ≤ ${this.snapIndex} are compacted`);
    if (keepThroughIndex > this.lastIndex()) throw new RangeError(`cannot keep through ${keepThroughIndex}: log ends at ${this.lastIndex()}`);
    const keep = keepThroughIndex - this.snapIndex;
    if (this.entries.length !== keep) this.entries.length = keep;
    let expected = keepThroughIndex + 1;
    for (const e of entries) {
      if (e.index !== expected) throw new RangeError(`appended entries must be contiguous: expected index ${expected}, got ${e.index}`);
      this.entries.push(e);
      expected++;
    }
  }

  /** Drop entries ≤ index (they are covered by a snapshot whose last entry has `term`). */
  compact(index: number, term: number): void {
    if (index <= this.snapIndex) return;
    if (index > this.lastIndex()) throw new RangeError(`cannot compact through ${index}: log ends at ${this.lastIndex()}`);
    this.entries = this.entries.slice(index - this.snapIndex);
    this.snapIndex = index;
    this.snapTerm = term;
  }

  /** Replace the whole log by a snapshot boundary (InstallSnapshot that discards the log). */
  reset(snapshotIndex: number, snapshotTerm: number): void {
    this.entries = [];
    this.snapIndex = snapshotIndex;
    this.snapTerm = snapshotTerm;
  }

  /** Last index in [snapshotIndex, upTo] whose term is `term`, or null. Terms never decrease along a log. */
  lastIndexOfTerm(term: number, upTo: number): number | null {
    for (let i = Math.min(upTo, this.lastIndex()); i >= this.snapIndex; i--) {
      const t = this.termAt(i) as number;
      if (t === term) return i;
      if (t < term) return null;
    }
    return null;
  }
}
