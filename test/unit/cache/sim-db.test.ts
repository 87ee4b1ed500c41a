import { describe, expect, it } from 'vitest';
import { Prng } from '../../../engine/sim/prng';
import { Scheduler } from '../../../engine/cache/scheduler';
import { SimDb } from '../../../engine/cache/sim-db';

describe('SimDb', () => {
  it('snapshots a read when it starts and commits a write when its latency ends', async () => {
    const sched = new Scheduler({ prng: new Prng(1) });
    const db = new SimDb<string>(sched, { readLatencyMs: 20, writeLatencyMs: 10 });
    db.preload('k', 'old');
    const seen: string[] = [];
    sched.spawn('reader', async () => {
      const row = await db.read('k');
      seen.push(`read ${row?.value} v${row?.version} @${sched.nowMs()}`);
    });
    sched.spawn('writer', async () => {
      const version = await db.write('k', 'new');
      seen.push(`wrote v${version} @${sched.nowMs()}`);
    });
    await sched.run();
    expect(seen).toEqual(['wrote v2 @10', 'read old v1 @20']);
    expect(db.peek('k')).toEqual({ value: 'new', version: 2 });
    expect(db.history('k')).toEqual([{ value: 'new', version: 2, atMs: 10 }]);
  });

  it('meters queries per key, per time bucket and at peak concurrency', async () => {
    const sched = new Scheduler({ prng: new Prng(2) });
    const db = new SimDb<string>(sched, { readLatencyMs: [5, 15] });
    db.preload('a', 'x');
    for (let i = 0; i < 30; i++) sched.spawn(`r${i}`, () => db.read(i % 3 === 0 ? 'a' : 'missing'), i < 10 ? 0 : 1000);
    await sched.run();
    expect(db.reads.total).toBe(30);
    expect(db.reads.countFor('a')).toBe(10);
    expect(db.reads.peakConcurrent).toBe(20);
    expect(db.reads.perBucket(0, 2000, 1000)).toEqual([10, 20]);
    expect(db.reads.peakPerBucket(1000)).toBe(20);
    expect(db.reads.concurrent).toBe(0);
  });

  it('draws latencies from the seeded stream: same seed, same timings', async () => {
    const timings = async (seed: number) => {
      const sched = new Scheduler({ prng: new Prng(seed) });
      const db = new SimDb<string>(sched, { readLatencyMs: [1, 100] });
      const done: number[] = [];
      for (let i = 0; i < 10; i++) sched.spawn(`r${i}`, async () => void (await db.read('k'), done.push(sched.nowMs())));
      await sched.run();
      return done;
    };
    expect(await timings(3)).toEqual(await timings(3));
    expect(await timings(3)).not.toEqual(await timings(4));
  });
});
