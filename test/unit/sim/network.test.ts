import { describe, expect, it } from 'vitest';
import { Network } from '../../../engine/sim/network';
import { LONG_REORDERING, RELIABLE, UNRELIABLE, UNRELIABLE_REORDERING, validateProfile } from '../../../engine/sim/network-profile';
import { Prng } from '../../../engine/sim/prng';

interface Msg {
  from: number;
  to: number;
  reply: boolean;
}
const net = (seed: number, profile = RELIABLE) => new Network<Msg>(new Prng(seed), (m) => m.reply, profile);

describe('Network', () => {
  it('the unreliable preset loses about 10% of requests and of replies, with 0–27 ms delays', () => {
    const n = net(1, UNRELIABLE);
    let lostReq = 0;
    let lostRep = 0;
    const delays = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const a = n.send({ from: 1, to: 2, reply: false });
      if (a.dropped === 'loss') lostReq++;
      for (const d of a.delaysMs) delays.add(d);
      if (n.send({ from: 2, to: 1, reply: true }).dropped === 'loss') lostRep++;
    }
    expect(lostReq / 20_000).toBeGreaterThan(0.09);
    expect(lostReq / 20_000).toBeLessThan(0.11);
    expect(lostRep / 20_000).toBeGreaterThan(0.09);
    expect(lostRep / 20_000).toBeLessThan(0.11);
    expect(Math.min(...delays)).toBe(0);
    expect(Math.max(...delays)).toBe(27);
  });

  it('long reordering holds back about 60% of replies by 200–2200 ms and no requests', () => {
    const n = net(2, LONG_REORDERING);
    let held = 0;
    for (let i = 0; i < 10_000; i++) {
      const d = n.send({ from: 2, to: 1, reply: true }).delaysMs[0]!;
      if (d >= 200) {
        held++;
        expect(d).toBeLessThanOrEqual(2200);
      }
      expect(n.send({ from: 1, to: 2, reply: false }).delaysMs[0]!).toBeLessThanOrEqual(27);
    }
    expect(held / 10_000).toBeGreaterThan(0.57);
    expect(held / 10_000).toBeLessThan(0.63);
  });

  it('duplicates messages at the configured rate', () => {
    const n = net(3, UNRELIABLE_REORDERING);
    let dups = 0;
    for (let i = 0; i < 20_000; i++) if (n.send({ from: 1, to: 2, reply: false }).delaysMs.length === 2) dups++;
    expect(dups / 20_000).toBeGreaterThan(0.012);
    expect(dups / 20_000).toBeLessThan(0.025);
  });

  it('partitions cut links between groups but not within them, and clients reach everyone', () => {
    const n = net(4);
    n.partition([[1, 2], [3, 4, 5]]);
    expect(n.connected(1, 2)).toBe(true);
    expect(n.connected(3, 5)).toBe(true);
    expect(n.connected(2, 3)).toBe(false);
    expect(n.connected(1000, 3)).toBe(true);
    expect(n.send({ from: 1, to: 4, reply: false }).dropped).toBe('partition');
    expect(n.groups()).toEqual([[1, 2], [3, 4, 5]]);
    n.heal();
    expect(n.connected(2, 3)).toBe(true);
    expect(() => n.partition([[1], [1, 2]])).toThrow(RangeError);
  });

  it('per-link profiles override the default for one direction only', () => {
    const n = net(5);
    n.setLinkProfile(1, 2, { ...RELIABLE, name: 'dead', dropRequestPerMille: 1000 });
    expect(n.send({ from: 1, to: 2, reply: false }).dropped).toBe('loss');
    expect(n.send({ from: 2, to: 1, reply: false }).dropped).toBeNull();
    n.setLinkProfile(1, 2, null);
    expect(n.send({ from: 1, to: 2, reply: false }).dropped).toBeNull();
  });

  it('the same seed gives the same decisions', () => {
    const run = (seed: number) => {
      const n = net(seed, UNRELIABLE_REORDERING);
      return Array.from({ length: 200 }, (_, i) => n.send({ from: 1, to: 2, reply: i % 2 === 0 }));
    };
    expect(run(9)).toEqual(run(9));
    expect(run(9)).not.toEqual(run(10));
  });

  it('rejects invalid profiles', () => {
    expect(() => validateProfile({ ...RELIABLE, dropRequestPerMille: 1001 })).toThrow(RangeError);
    expect(() => validateProfile({ ...RELIABLE, delayMsMin: 5, delayMsMax: 1 })).toThrow(RangeError);
  });
});
