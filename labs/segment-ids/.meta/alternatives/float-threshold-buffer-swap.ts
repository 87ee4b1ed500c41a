import type { LeafAlloc, LeafAllocDao, SegmentAllocatorOptions } from '../../api';

/**
 * Alternative: a finished load always goes into the second buffer, and next() swaps the buffers
 * when the current segment is used up; the preload point is computed in floating point as
 * remaining ≤ fraction · size (the segment's ID count is small enough to be an exact number).
 */
class Segment {
  next: bigint;
  readonly last: bigint;
  readonly size: number;

  constructor(row: LeafAlloc) {
    this.size = row.step;
    this.last = row.maxId;
    this.next = row.maxId - BigInt(row.step) + 1n;
  }

  remaining(): number {
    return Number(this.last - this.next + 1n);
  }
}

export class SegmentAllocator {
  private readonly fraction: number;
  private segments: [Segment | null, Segment | null] = [null, null];
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly dao: LeafAllocDao,
    private readonly options: SegmentAllocatorOptions,
  ) {
    this.fraction = options.preloadRemainingFraction ?? 0.2;
  }

  async next(): Promise<bigint> {
    while (true) {
      const [current, spare] = this.segments;
      if (current !== null && current.remaining() > 0) {
        const id = current.next;
        current.next += 1n;
        if (spare === null && this.inFlight === null && current.remaining() <= this.fraction * current.size) void this.refill();
        return id;
      }
      if (spare !== null) {
        this.segments = [spare, null];
        continue;
      }
      await this.refill();
    }
  }

  private refill(): Promise<void> {
    this.inFlight ??= this.dao
      .updateMaxIdAndGetLeafAlloc(this.options.bizTag)
      .then((row) => {
        this.segments = [this.segments[0], new Segment(row)];
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }
}
