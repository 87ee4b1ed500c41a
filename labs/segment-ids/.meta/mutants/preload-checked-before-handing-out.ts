import type { LeafAllocDao, SegmentAllocatorOptions } from '../../api';

interface Segment {
  /** Next ID to hand out. */
  cursor: bigint;
  /** Last ID of the segment (inclusive). */
  end: bigint;
  size: bigint;
}

export class SegmentAllocator {
  private current: Segment | undefined;
  private buffered: Segment | undefined;
  private loading: Promise<void> | undefined;
  private readonly thresholdPerMillion: bigint;

  constructor(
    private readonly dao: LeafAllocDao,
    private readonly options: SegmentAllocatorOptions,
  ) {
    const fraction = options.preloadRemainingFraction ?? 0.2;
    if (!(fraction > 0 && fraction < 1)) throw new RangeError(`preloadRemainingFraction must be in (0, 1), got ${fraction}`);
    this.thresholdPerMillion = BigInt(Math.round(fraction * 1_000_000));
  }

  async next(): Promise<bigint> {
    for (;;) {
      const segment = this.current;
      if (segment !== undefined && segment.cursor <= segment.end) {
        // Check the threshold first, then hand out the ID.
        this.maybePreload(segment);
        const id = segment.cursor;
        segment.cursor++;
        return id;
      }
      if (this.buffered !== undefined) {
        this.current = this.buffered;
        this.buffered = undefined;
        continue;
      }
      await this.load();
    }
  }

  private maybePreload(segment: Segment): void {
    if (this.buffered !== undefined || this.loading !== undefined) return;
    const remaining = segment.end - segment.cursor + 1n;
    // remaining / size ≤ fraction, in integers.
    if (remaining * 1_000_000n <= segment.size * this.thresholdPerMillion) void this.load();
  }

  /** One round trip at a time: concurrent callers (and the preload) share it. */
  private load(): Promise<void> {
    if (this.loading === undefined) {
      this.loading = (async () => {
        try {
          const row = await this.dao.updateMaxIdAndGetLeafAlloc(this.options.bizTag);
          const size = BigInt(row.step);
          const segment: Segment = { cursor: row.maxId - size + 1n, end: row.maxId, size };
          if (this.current === undefined || this.current.cursor > this.current.end) this.current = segment;
          else this.buffered = segment;
        } finally {
          this.loading = undefined;
        }
      })();
    }
    return this.loading;
  }
}
