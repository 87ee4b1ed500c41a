import { describe, expect, it } from 'vitest';
import { BloomFilter } from '../../../engine/cache/bloom-filter';

describe('BloomFilter', () => {
  it('sizes bits and hashes from expected items and target rate (m = −n ln p / ln²2, k = m/n · ln 2)', () => {
    const f = BloomFilter.forExpected(1000, 0.01);
    expect(f.bitCount).toBe(9586);
    expect(f.hashCount).toBe(7);
    const g = BloomFilter.forExpected(1_000_000, 0.001);
    expect(g.bitCount).toBe(14_377_588);
    expect(g.hashCount).toBe(10);
  });

  it('never forgets an added key', () => {
    const f = BloomFilter.forExpected(20_000, 0.01);
    for (let i = 0; i < 20_000; i++) f.add(`member:${i}`);
    for (let i = 0; i < 20_000; i++) expect(f.mightContain(`member:${i}`)).toBe(true);
    expect(f.itemCount).toBe(20_000);
  });

  it.each([0.1, 0.01, 0.001])('measures a false-positive rate close to the target %f at the planned fill', (p) => {
    const n = 20_000;
    const f = BloomFilter.forExpected(n, p);
    for (let i = 0; i < n; i++) f.add(`member:${i}`);
    let positives = 0;
    const probes = 200_000;
    for (let i = 0; i < probes; i++) if (f.mightContain(`stranger:${i}`)) positives++;
    const rate = positives / probes;
    expect(rate).toBeGreaterThan(p * 0.6);
    expect(rate).toBeLessThan(p * 1.4);
    expect(f.expectedFalsePositiveRate()).toBeCloseTo(p, 2 + Math.round(-Math.log10(p)) - 1);
  });

  it('says no to everything when empty, and rejects impossible sizes', () => {
    const f = new BloomFilter(64, 3);
    expect(f.mightContain('anything')).toBe(false);
    expect(() => BloomFilter.forExpected(0, 0.01)).toThrow(RangeError);
    expect(() => BloomFilter.forExpected(10, 1)).toThrow(RangeError);
  });
});
