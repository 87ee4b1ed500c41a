import { bound } from '../../grader/harness/api';
import type { LeafAllocTable } from '../../engine/idgen/leaf-alloc-table';
import type { LeafAlloc, LeafAllocDao } from './api';

export interface FetchRecord {
  startMs: number;
  endMs: number | undefined;
  maxId: bigint | undefined;
  step: number | undefined;
}

/** The simulated leaf_alloc table behind the DAO the learner's allocator gets; records each round trip. */
export function makeDao(table: LeafAllocTable, nowMs: () => number, onStart: (record: FetchRecord) => void = () => {}): { dao: LeafAllocDao; log: FetchRecord[] } {
  const log: FetchRecord[] = [];
  const update = bound(async (bizTag: string): Promise<LeafAlloc> => {
    const record: FetchRecord = { startMs: nowMs(), endMs: undefined, maxId: undefined, step: undefined };
    log.push(record);
    onStart(record);
    const segment = await table.fetchSegment(String(bizTag));
    const step = Number(segment.end - segment.start + 1n);
    record.endMs = nowMs();
    record.maxId = segment.end;
    record.step = step;
    return { bizTag: String(bizTag), maxId: segment.end, step };
  });
  return { dao: Object.freeze({ updateMaxIdAndGetLeafAlloc: update }), log };
}
