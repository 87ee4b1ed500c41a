import type { LeafAllocDao, SegmentAllocatorOptions } from './api';

/**
 * Leaf segment mode. Right now every next() is a DB round trip that uses one ID of a whole segment:
 * it wastes the rest, makes every caller wait for the DB, and (look closely) gets the range wrong.
 */
export class SegmentAllocator {
  constructor(
    private readonly dao: LeafAllocDao,
    private readonly options: SegmentAllocatorOptions,
  ) {}

  async next(): Promise<bigint> {
    // TODO step 1: keep the leased segment [maxId − step + 1, maxId] in memory and hand it out in order.
    // TODO step 2: when at most 20% (options.preloadRemainingFraction) remains, load the next segment in
    //              the background, once, and switch to it when the current one runs out.
    // TODO step 3: concurrent callers that find nothing in memory share one round trip.
    const row = await this.dao.updateMaxIdAndGetLeafAlloc(this.options.bizTag);
    return row.maxId - BigInt(row.step);
  }
}
