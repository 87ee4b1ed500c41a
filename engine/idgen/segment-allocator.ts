import type { Scheduler } from '../cache/scheduler';
import type { LeafAllocTable, Segment } from './leaf-alloc-table';

export interface SegmentAllocatorOptions {
  bizTag: string;
  /** Start loading the next segment when this fraction of the current one remains (Leaf: 0.2). */
  preloadRemainingFraction?: number;
}

/** The segment-ids lab's seam: a learner's allocator implements it. */
export interface IdAllocator {
  next(): Promise<bigint>;
}

/**
 * Leaf segment mode with double buffering: IDs come from the current segment in memory; when 20%
 * of it remains, the next segment is fetched in a background task, so a steady caller never waits
 * for the DB. Only if the current segment runs out before the next has arrived does next() wait.
 * A restart (a new allocator) abandons what remained of its segments: IDs are wasted, never reused.
 */
export class SegmentAllocator implements IdAllocator {
  private current: Segment | undefined;
  private cursor = 0n;
  private buffered: Segment | undefined;
  private loading: Promise<void> | undefined;
  private readonly threshold: number;
  issued = 0;
  /** next() calls that had to wait for the DB. */
  waits = 0;
  preloads = 0;

  constructor(
    private readonly table: LeafAllocTable,
    private readonly sched: Scheduler,
    private readonly options: SegmentAllocatorOptions,
  ) {
    this.threshold = options.preloadRemainingFraction ?? 0.2;
    if (!(this.threshold > 0 && this.threshold < 1)) throw new RangeError(`preloadRemainingFraction must be in (0, 1), got ${this.threshold}`);
  }

  async next(): Promise<bigint> {
    for (;;) {
      if (this.current !== undefined && this.cursor <= this.current.end) {
        const id = this.cursor;
        this.cursor++;
        this.issued++;
        this.maybePreload();
        return id;
      }
      if (this.buffered !== undefined) {
        this.current = this.buffered;
        this.cursor = this.buffered.start;
        this.buffered = undefined;
        continue;
      }
      this.waits++;
      await this.load();
    }
  }

  /** IDs left in memory (current remainder plus the buffered segment): what a crash now would waste. */
  get idsInMemory(): bigint {
    const rest = this.current === undefined ? 0n : this.current.end - this.cursor + 1n;
    const buffered = this.buffered === undefined ? 0n : this.buffered.end - this.buffered.start + 1n;
    return (rest > 0n ? rest : 0n) + buffered;
  }

  private maybePreload(): void {
    if (this.buffered !== undefined || this.loading !== undefined || this.current === undefined) return;
    const size = this.current.end - this.current.start + 1n;
    const remaining = this.current.end - this.cursor + 1n;
    // remaining / size ≤ threshold, in integers (threshold as per-million).
    if (remaining * 1_000_000n <= size * BigInt(Math.round(this.threshold * 1_000_000))) {
      this.preloads++;
      this.sched.spawn(`preload ${this.options.bizTag}`, () => this.load());
    }
  }

  /** One fetch at a time; concurrent callers share it. */
  private load(): Promise<void> {
    if (this.loading === undefined) {
      this.loading = (async () => {
        try {
          const segment = await this.table.fetchSegment(this.options.bizTag);
          if (this.current === undefined || this.cursor > this.current.end) {
            this.current = segment;
            this.cursor = segment.start;
          } else {
            this.buffered = segment;
          }
        } finally {
          this.loading = undefined;
        }
      })();
    }
    return this.loading;
  }
}
