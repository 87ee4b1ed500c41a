import { expect, stage, test } from '../../grader/harness/api';
import { Scheduler } from '../../engine/cache/scheduler';
import { LeafAllocTable } from '../../engine/idgen/leaf-alloc-table';
import { Prng } from '../../engine/sim/prng';
import { makeDao } from './leaf-dao';
import { SegmentAllocator } from './solution';

stage('segment', () => {
  test('IDs come out of the leased range in order: 1, 2, 3, … across segments', async () => {
    const sched = new Scheduler({ prng: new Prng(1) });
    const table = new LeafAllocTable(sched, 5);
    table.insert('order', 10);
    const { dao } = makeDao(table, () => sched.nowMs());
    const alloc = new SegmentAllocator(dao, { bizTag: 'order' });
    const ids: bigint[] = [];
    sched.spawn('caller', async () => {
      for (let i = 0; i < 25; i++) {
        ids.push(await alloc.next());
        await sched.sleep(1);
      }
    });
    await sched.run();
    expect(ids, 'IDs handed out').toEqual(Array.from({ length: 25 }, (_, i) => BigInt(i + 1)));
  });
});

stage('double-buffer', () => {
  test('a steady caller waits for the DB only on its very first call', async () => {
    const sched = new Scheduler({ prng: new Prng(2) });
    const table = new LeafAllocTable(sched, 5);
    table.insert('order', 100);
    const { dao, log } = makeDao(table, () => sched.nowMs());
    const alloc = new SegmentAllocator(dao, { bizTag: 'order' });
    const waitedAt: number[] = [];
    sched.spawn('caller', async () => {
      for (let i = 0; i < 350; i++) {
        const before = sched.nowMs();
        await alloc.next();
        if (sched.nowMs() > before) waitedAt.push(i);
        await sched.sleep(1);
      }
    });
    await sched.run();
    expect(waitedAt, 'calls that waited for the DB').toEqual([0]);
    expect(log.length, 'DB round trips for 350 IDs with step 100').toBe(4);
  });
});
