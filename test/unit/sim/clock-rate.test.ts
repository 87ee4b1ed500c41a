import { describe, expect, it } from 'vitest';
import { driftBound, drawClockRates, LocalTicker, NOMINAL_RATE_PER_MILLE } from '@/engine/sim/clock-rate';
import { Prng } from '@/engine/sim/prng';
import { RaftCluster } from '@/engine/raft/cluster/raft-cluster';

describe('clock rates (engine/sim/clock-rate.ts)', () => {
  it('a nominal ticker ticks exactly tickMs apart', () => {
    const t = new LocalTicker(7, 10);
    expect([t.next(), t.next(), t.next(), t.next()]).toEqual([7, 17, 27, 37]);
    expect(t.ticks()).toBe(4);
  });

  it('a fast clock ticks more often, a slow one less, with no accumulated rounding', () => {
    const fast = new LocalTicker(0, 10, 1100);
    const slow = new LocalTicker(0, 10, 900);
    expect(fast.atMs(110)).toBe(1000);
    expect(slow.atMs(90)).toBe(1000);
    expect(fast.atMs(1)).toBe(9);
    expect(slow.atMs(1)).toBe(11);
    for (let k = 0; k < 500; k++) expect(fast.atMs(k + 1)).toBeGreaterThanOrEqual(fast.atMs(k));
  });

  it('draws one rate per node within the range, the same for the same seed', () => {
    const range = { minPerMille: 900, maxPerMille: 1100 };
    const a = drawClockRates(new Prng(3).fork('clock-rate'), [1, 2, 3, 4, 5], range);
    const b = drawClockRates(new Prng(3).fork('clock-rate'), [1, 2, 3, 4, 5], range);
    expect([...a]).toEqual([...b]);
    for (const r of a.values()) expect(r >= 900 && r <= 1100).toBe(true);
    expect(driftBound(range)).toBeCloseTo(1100 / 900);
  });

  it('a run with drawn clock rates is a pure function of the seed', () => {
    const run = (seed: number) => {
      const c = new RaftCluster({ nodes: 5, seed, clockRates: { minPerMille: 850, maxPerMille: 1150 }, preVote: true, checkQuorum: true, readOnly: 'lease-based' });
      c.runForMs(2000);
      c.isolate(c.leader() ?? 1);
      c.runForMs(2000);
      return JSON.stringify(c.traceEvents());
    };
    expect(run(11)).toBe(run(11));
    expect(run(11)).not.toBe(run(12));
  });

  it('rejects rates that are not integers per mille in range', () => {
    expect(() => new LocalTicker(0, 10, 0)).toThrow(RangeError);
    expect(() => new LocalTicker(0, 10, 1000.5)).toThrow(RangeError);
    expect(() => drawClockRates(new Prng(1), [1], { minPerMille: 1100, maxPerMille: 900 })).toThrow(RangeError);
  });

  it('the cluster ticks each node at its own rate', () => {
    const rates = new Map([[1, 800], [2, 1000], [3, 1250]]);
    const c = new RaftCluster({ nodes: 3, seed: 1, clockRates: (id) => rates.get(id)!, trace: 'off' });
    c.runForMs(10_000);
    const ticks = c.ids.map((id) => c.node(id)!.leaseState().ticks);
    expect(ticks[0]).toBeGreaterThanOrEqual(799);
    expect(ticks[0]).toBeLessThanOrEqual(800);
    expect(ticks[1]).toBeGreaterThanOrEqual(999);
    expect(ticks[2]).toBeGreaterThanOrEqual(1249);
    expect(c.clockRatePerMille(3)).toBe(1250);
    const drawn = new RaftCluster({ nodes: 5, seed: 9, clockRates: { minPerMille: 950, maxPerMille: 1050 }, trace: 'off' });
    for (const id of drawn.ids) expect(Math.abs(drawn.clockRatePerMille(id) - 1000)).toBeLessThanOrEqual(50);
    expect(new RaftCluster({ nodes: 1, seed: 1, trace: 'off' }).clockRatePerMille(1)).toBe(NOMINAL_RATE_PER_MILLE);
  });
});
