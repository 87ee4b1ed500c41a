/**
 * A node's simulated disk: what survives a crash. Writes are applied in the order the Ready
 * contract requires (snapshot, then entries, then hard state) and are durable at once.
 */
import type { LogWrite, SnapshotWrite } from '../ready';
import type { DurableState, Entry, HardState, Snapshot } from '../types';

export class RaftDisk {
  private hard: HardState | null = null;
  private snap: Snapshot | null = null;
  private entries: Entry[] = [];
  /** Number of write batches, for stats. */
  writes = 0;

  hardState(): HardState | null {
    return this.hard;
  }

  snapshot(): Snapshot | null {
    return this.snap;
  }

  snapshotIndex(): number {
    return this.snap?.meta.index ?? 0;
  }

  lastIndex(): number {
    return this.snapshotIndex() + this.entries.length;
  }

  /** Term of the stored entry at index (the snapshot's term at its index), or undefined. */
  termAt(index: number): number | undefined {
    const si = this.snapshotIndex();
    if (index === si) return this.snap?.meta.term ?? 0;
    return this.entries[index - si - 1]?.term;
  }

  write(snapshot: SnapshotWrite | null, log: LogWrite | null, hardState: HardState | null): void {
    if (snapshot === null && log === null && hardState === null) return;
    this.writes++;
    if (snapshot !== null) {
      const meta = snapshot.snapshot.meta;
      const si = this.snapshotIndex();
      this.entries = snapshot.keepLogSuffix && meta.index <= this.lastIndex() ? this.entries.slice(meta.index - si) : [];
      this.snap = snapshot.snapshot;
    }
    if (log !== null) {
      const si = this.snapshotIndex();
      if (log.fromIndex <= si) throw new RangeError(`log write from ${log.fromIndex} overlaps the stored snapshot (≤ ${si})`);
      if (log.fromIndex > this.lastIndex() + 1) throw new RangeError(`log write from ${log.fromIndex} leaves a gap after ${this.lastIndex()}`);
      const keep = log.fromIndex - si - 1;
      if (this.entries.length !== keep) this.entries.length = keep;
      for (const e of log.entries) this.entries.push(e);
    }
    if (hardState !== null) this.hard = hardState;
  }

  /** What a restarting node reads back. */
  read(): DurableState {
    return { hardState: this.hard, snapshot: this.snap, entries: this.entries.slice() };
  }
}
