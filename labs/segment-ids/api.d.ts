/**
 * A row of Leaf's `leaf_alloc` table after the transaction
 *   UPDATE leaf_alloc SET max_id = max_id + step WHERE biz_tag = ?;
 *   SELECT biz_tag, max_id, step FROM leaf_alloc WHERE biz_tag = ?;
 * This call leased the IDs maxId − step + 1 … maxId (both inclusive) to the caller, and to nobody else.
 */
export interface LeafAlloc {
  bizTag: string;
  maxId: bigint;
  /** The segment size now configured for this tag. It can change between calls (operators tune it). */
  step: number;
}

/** The database. Each call is one round trip and takes virtual time (a few to tens of ms). */
export interface LeafAllocDao {
  updateMaxIdAndGetLeafAlloc(bizTag: string): Promise<LeafAlloc>;
}

export interface SegmentAllocatorOptions {
  bizTag: string;
  /** Start loading the next segment when at most this fraction of the current one remains. Default 0.2. */
  preloadRemainingFraction?: number;
}

/**
 * One server's ID allocator for one business tag. A crash is modelled by dropping the object and
 * constructing a new one on the same DAO: whatever was left in memory is lost (wasted, never reused).
 */
export declare class SegmentAllocator {
  constructor(dao: LeafAllocDao, options: SegmentAllocatorOptions);
  /** The next ID. Many callers may be waiting on next() at the same time. */
  next(): Promise<bigint>;
}
