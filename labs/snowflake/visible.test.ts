import { expect, stage, test } from '../../grader/harness/api';
import { SkewedClock, VirtualClock } from '../../engine/sim/clock';
import type { SnowflakeLayout } from './api';
import { decode, DEFAULT_LAYOUT, encode, SnowflakeGenerator } from './solution';

const EPOCH_MS = 1_000;

stage('layout', () => {
  test('encode packs timestamp | datacenter | worker | sequence, decode unpacks them', () => {
    const id = encode({ timestamp: 1, datacenter: 2, worker: 3, sequence: 4 });
    expect(typeof id, 'type of an ID').toBe('bigint');
    // 1 << 22 | 2 << 17 | 3 << 12 | 4
    expect(id, 'encode(1, 2, 3, 4) in 41-5-5-12').toBe(4_468_740n);
    expect(decode(4_468_740n), 'decode').toEqual({ timestamp: 1, datacenter: 2, worker: 3, sequence: 4 });
    expect(DEFAULT_LAYOUT, 'DEFAULT_LAYOUT').toEqual({ timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 12 });
  });

  test('a field too wide for its bits is refused', () => {
    expect(() => encode({ timestamp: 1, datacenter: 0, worker: 32, sequence: 0 }), 'worker 32 in 5 bits').toThrow();
  });
});

stage('sequence', () => {
  test('the sequence counts up within a millisecond and restarts at 0 in the next', () => {
    const clock = new VirtualClock(EPOCH_MS + 10);
    const gen = new SnowflakeGenerator({ clock, epochMs: EPOCH_MS, datacenterId: 1, workerId: 7 });
    const take = () => {
      const r = gen.tryNext();
      if (r.kind !== 'id') throw new Error(`expected an id, got ${JSON.stringify(r)}`);
      return decode(r.id);
    };
    expect(take(), 'first id at t=10').toEqual({ timestamp: 10, datacenter: 1, worker: 7, sequence: 0 });
    expect(take().sequence, 'second id in the same ms').toBe(1);
    expect(take().sequence, 'third id in the same ms').toBe(2);
    clock.advanceMs(1);
    expect(take(), 'first id at t=11').toEqual({ timestamp: 11, datacenter: 1, worker: 7, sequence: 0 });
  });

  test('an exhausted sequence asks the caller to wait for the next millisecond', () => {
    const layout: SnowflakeLayout = { timestampBits: 41, datacenterBits: 5, workerBits: 15, sequenceBits: 2 };
    const clock = new VirtualClock(EPOCH_MS + 5);
    const gen = new SnowflakeGenerator({ clock, epochMs: EPOCH_MS, datacenterId: 0, workerId: 0, layout });
    for (let i = 0; i < 4; i++) expect(gen.tryNext().kind, `id ${i} of 4 in the millisecond`).toBe('id');
    expect(gen.tryNext(), 'fifth call in the same ms').toEqual({ kind: 'wait', untilMs: EPOCH_MS + 6, reason: 'sequence-exhausted' });
    clock.advanceMs(1);
    expect(gen.tryNext().kind, 'after the wait').toBe('id');
  });
});

stage('rollback', () => {
  test('a short rollback is waited out; a long one is refused', () => {
    const base = new VirtualClock(EPOCH_MS + 100);
    const clock = new SkewedClock(base);
    const gen = new SnowflakeGenerator({ clock, epochMs: EPOCH_MS, datacenterId: 0, workerId: 1, maxWaitMs: 5 });
    expect(gen.tryNext().kind).toBe('id');
    clock.rollbackMs(3);
    expect(gen.tryNext(), 'clock 3 ms behind, maxWaitMs 5').toEqual({ kind: 'wait', untilMs: EPOCH_MS + 100, reason: 'clock-rollback' });
    clock.rollbackMs(47);
    expect(gen.tryNext(), 'clock 50 ms behind, maxWaitMs 5').toEqual({ kind: 'refused', behindMs: 50 });
  });
});
