import { describe, expect, it } from 'vitest';
import { Prng } from '../../../engine/sim/prng';
import { Scheduler } from '../../../engine/cache/scheduler';
import { checkMonotonic, checkUnique } from '../../../engine/idgen/id-checks';
import { LeafAllocTable } from '../../../engine/idgen/leaf-alloc-table';
import { SegmentAllocator } from '../../../engine/idgen/segment-allocator';

const SEEDS = [1, 2, 3, 4, 5];

describe('Leaf segment allocator', () => {
  it('hands out a segment in order and preloads the next when 20% remains, so a steady caller never waits', async () => {
    const sched = new Scheduler({ prng: new Prng(1) });
    const table = new LeafAllocTable(sched, 5);
    table.insert('order', 100);
    const alloc = new SegmentAllocator(table, sched, { bizTag: 'order' });
    const ids: bigint[] = [];
    const preloadsAt: number[] = [];
    sched.spawn('caller', async () => {
      for (let i = 0; i < 350; i++) {
        const before = alloc.preloads;
        ids.push(await alloc.next());
        if (alloc.preloads !== before) preloadsAt.push(i);
        await sched.sleep(1);
      }
    });
    await sched.run();
    expect(ids).toEqual(Array.from({ length: 350 }, (_, i) => BigInt(i + 1)));
    // The first call loads (the only wait); each preload starts when the 80th ID of a segment leaves 20 of 100.
    expect(alloc.waits).toBe(1);
    expect(preloadsAt).toEqual([79, 179, 279]);
    expect(table.fetches).toBe(4);
    expect(table.peek('order')?.maxId).toBe(400n);
  });

  it('waits when callers drain a segment faster than the DB answers', async () => {
    const sched = new Scheduler({ prng: new Prng(2) });
    const table = new LeafAllocTable(sched, 50);
    table.insert('fast', 10);
    const alloc = new SegmentAllocator(table, sched, { bizTag: 'fast' });
    const ids: bigint[] = [];
    sched.spawn('burst', async () => {
      for (let i = 0; i < 45; i++) ids.push(await alloc.next());
    });
    await sched.run();
    expect(checkMonotonic(ids).violations).toEqual([]);
    expect(alloc.waits).toBeGreaterThan(1);
    expect(sched.nowMs()).toBeGreaterThanOrEqual(50 * 4);
  });

  it.each(SEEDS)('three servers with crashes and restarts: unique IDs, per-server monotonic, wasted IDs but no duplicates (seed %i)', async (seed) => {
    const sched = new Scheduler({ prng: new Prng(seed) });
    const table = new LeafAllocTable(sched, [1, 20]);
    table.insert('user', 50);
    const prng = new Prng(seed).fork('workload');
    const all: bigint[] = [];
    let wasted = 0n;
    for (let s = 0; s < 3; s++) {
      sched.spawn(`server ${s}`, async () => {
        let alloc = new SegmentAllocator(table, sched, { bizTag: 'user' });
        let incarnation: bigint[] = [];
        for (let i = 0; i < 400; i++) {
          if (prng.chance(10)) {
            wasted += alloc.idsInMemory;
            expect(checkMonotonic(incarnation).violations, `seed ${seed}`).toEqual([]);
            alloc = new SegmentAllocator(table, sched, { bizTag: 'user' }); // crash and restart
            incarnation = [];
          }
          const id = await alloc.next();
          incarnation.push(id);
          all.push(id);
          await sched.sleep(prng.range(0, 3));
        }
        expect(checkMonotonic(incarnation).violations, `seed ${seed}`).toEqual([]);
      });
    }
    await sched.run();
    const report = checkUnique(all);
    expect(report.duplicates, `seed ${seed}`).toEqual([]);
    expect(report.total).toBe(1200);
    // Every ID the table handed out was issued, wasted by a restart, or is still in a live buffer.
    const maxId = table.peek('user')?.maxId ?? 0n;
    expect(maxId >= 1200n + wasted, `seed ${seed}`).toBe(true);
    expect(wasted > 0n, `seed ${seed}: no restart wasted anything`).toBe(true);
  });
});
