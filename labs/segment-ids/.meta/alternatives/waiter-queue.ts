import type { LeafAllocDao, SegmentAllocatorOptions } from '../../api';

/**
 * Alternative: no shared promise. Callers that find nothing in memory park a resolver in a
 * queue; one load at a time runs, and when its segment arrives the parked callers are served
 * from it in arrival order (looping into a new load if it runs dry). The preload point is
 * compared as remaining / size ≤ fraction.
 */
interface Range {
  cursor: bigint;
  end: bigint;
  size: bigint;
}

export class SegmentAllocator {
  private current: Range | null = null;
  private next2: Range | null = null;
  private loadRunning = false;
  private readonly parked: ((id: bigint) => void)[] = [];
  private readonly parkedFail: ((e: unknown) => void)[] = [];
  private readonly fraction: number;

  constructor(
    private readonly dao: LeafAllocDao,
    private readonly options: SegmentAllocatorOptions,
  ) {
    this.fraction = options.preloadRemainingFraction ?? 0.2;
  }

  next(): Promise<bigint> {
    const id = this.take();
    if (id !== null) return Promise.resolve(id);
    return new Promise<bigint>((resolve, reject) => {
      this.parked.push(resolve);
      this.parkedFail.push(reject);
      this.startLoad();
    });
  }

  /** An ID from memory (switching to the buffered segment if needed), or null. */
  private take(): bigint | null {
    if (this.current === null || this.current.cursor > this.current.end) {
      if (this.next2 === null) return null;
      this.current = this.next2;
      this.next2 = null;
    }
    const seg = this.current;
    const id = seg.cursor;
    seg.cursor += 1n;
    const remaining = seg.end - seg.cursor + 1n;
    if (this.next2 === null && !this.loadRunning && Number(remaining) / Number(seg.size) <= this.fraction) this.startLoad();
    return id;
  }

  private startLoad(): void {
    if (this.loadRunning) return;
    this.loadRunning = true;
    this.dao.updateMaxIdAndGetLeafAlloc(this.options.bizTag).then(
      (row) => {
        this.loadRunning = false;
        const size = BigInt(row.step);
        this.next2 = { cursor: row.maxId - size + 1n, end: row.maxId, size };
        while (this.parked.length > 0) {
          const id = this.take();
          if (id === null) break;
          this.parkedFail.shift();
          this.parked.shift()!(id);
        }
        if (this.parked.length > 0) this.startLoad();
      },
      (error: unknown) => {
        this.loadRunning = false;
        const fails = this.parkedFail.splice(0);
        this.parked.splice(0);
        for (const f of fails) f(error);
      },
    );
  }
}
