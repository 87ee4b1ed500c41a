import type { Latency } from '../cache/latency';
import { drawLatencyMs } from '../cache/latency';
import type { Scheduler } from '../cache/scheduler';
import type { Prng } from '../sim/prng';

/** A row of Leaf's `leaf_alloc` table: the highest ID handed out for a business tag, and the segment size. */
export interface LeafAllocRow {
  bizTag: string;
  maxId: bigint;
  step: number;
}

/** A range of IDs [start, end], both inclusive, owned by one server. */
export interface Segment {
  start: bigint;
  end: bigint;
}

/**
 * Simulated `leaf_alloc` table. fetchSegment is Leaf's transaction
 *   UPDATE leaf_alloc SET max_id = max_id + step WHERE biz_tag = ?; SELECT max_id, step ...
 * applied atomically when the query's latency has elapsed, so two servers never get overlapping
 * segments however their calls interleave.
 */
export class LeafAllocTable {
  private readonly rows = new Map<string, LeafAllocRow>();
  private readonly prng: Prng;
  fetches = 0;

  constructor(
    private readonly sched: Scheduler,
    private readonly latencyMs: Latency = 5,
  ) {
    this.prng = sched.prng.fork('leaf-alloc');
  }

  insert(bizTag: string, step: number, maxId = 0n): void {
    if (!Number.isInteger(step) || step < 1) throw new RangeError(`step must be a positive integer, got ${step}`);
    this.rows.set(bizTag, { bizTag, maxId, step });
  }

  async fetchSegment(bizTag: string): Promise<Segment> {
    this.fetches++;
    await this.sched.sleep(drawLatencyMs(this.latencyMs, this.prng));
    const row = this.rows.get(bizTag);
    if (row === undefined) throw new Error(`no leaf_alloc row for biz_tag ${bizTag}`);
    row.maxId += BigInt(row.step);
    return { start: row.maxId - BigInt(row.step) + 1n, end: row.maxId };
  }

  peek(bizTag: string): LeafAllocRow | undefined {
    const row = this.rows.get(bizTag);
    return row === undefined ? undefined : { ...row };
  }
}
