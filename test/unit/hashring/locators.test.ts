import { describe, expect, it } from 'vitest';
import { HashRing } from '../../../engine/hashring/hash-ring';
import type { NodeLocator } from '../../../engine/hashring/node-locator';
import { RendezvousHash } from '../../../engine/hashring/rendezvous';

const KEYS = Array.from({ length: 100_000 }, (_, i) => `object:${i}`);
const nodeNames = (n: number) => Array.from({ length: n }, (_, i) => `cache-${i}`);

function build(make: () => NodeLocator, nodes: string[]): NodeLocator {
  const locator = make();
  for (const n of nodes) locator.add(n);
  return locator;
}

function loads(locator: NodeLocator, keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>(locator.nodes().map((n) => [n, 0]));
  for (const k of keys) {
    const n = locator.locate(k) as string;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}

function maxOverMean(counts: Map<string, number>): number {
  const values = [...counts.values()];
  return Math.max(...values) / (values.reduce((a, b) => a + b, 0) / values.length);
}

const makers: [string, () => NodeLocator][] = [
  ['ring, 160 virtual nodes', () => new HashRing({ virtualNodesPerWeight: 160 })],
  ['rendezvous', () => new RendezvousHash()],
];

describe.each(makers)('%s', (_name, make) => {
  it('balances 100,000 keys over 10 nodes: max/mean load below 1.2', () => {
    expect(maxOverMean(loads(build(make, nodeNames(10)), KEYS))).toBeLessThan(1.2);
  });

  it('adding an 11th node moves about 1/11 of the keys, all of them to the new node', () => {
    const before = build(make, nodeNames(10));
    const after = build(make, nodeNames(11));
    let moved = 0;
    let movedElsewhere = 0;
    for (const k of KEYS) {
      const b = after.locate(k);
      if (before.locate(k) !== b) {
        moved++;
        if (b !== 'cache-10') movedElsewhere++;
      }
    }
    expect(movedElsewhere).toBe(0);
    expect(moved / KEYS.length).toBeGreaterThan(0.7 / 11);
    expect(moved / KEYS.length).toBeLessThan(1.3 / 11);
  });

  it('removing one of 10 nodes moves only that node’s keys', () => {
    const locator = build(make, nodeNames(10));
    const before = KEYS.map((k) => locator.locate(k));
    expect(locator.remove('cache-3')).toBe(true);
    let moved = 0;
    let movedFromOthers = 0;
    let stillOnRemoved = 0;
    KEYS.forEach((k, i) => {
      const now = locator.locate(k);
      if (now === 'cache-3') stillOnRemoved++;
      if (now !== before[i]) {
        moved++;
        if (before[i] !== 'cache-3') movedFromOthers++;
      }
    });
    expect(movedFromOthers).toBe(0);
    expect(stillOnRemoved).toBe(0);
    expect(moved).toBe(before.filter((n) => n === 'cache-3').length);
  });

  it('gives a node of weight 3 about three times the keys of a node of weight 1', () => {
    const locator = make();
    for (const n of nodeNames(6)) locator.add(n, n === 'cache-0' ? 3 : 1);
    const counts = loads(locator, KEYS);
    const heavy = counts.get('cache-0') as number;
    const light = ([...counts.entries()].filter(([n]) => n !== 'cache-0').reduce((s, [, c]) => s + c, 0)) / 5;
    expect(heavy / light).toBeGreaterThan(2.6);
    expect(heavy / light).toBeLessThan(3.4);
  });

  it('does not depend on the order nodes were added, and locates nothing when empty', () => {
    const a = build(make, nodeNames(8));
    const b = build(make, [...nodeNames(8)].reverse());
    expect(KEYS.slice(0, 5000).filter((k) => a.locate(k) !== b.locate(k))).toEqual([]);
    expect(make().locate('x')).toBeUndefined();
  });
});

describe('why virtual nodes', () => {
  it('one point per node leaves 10 nodes badly unbalanced; 160 points per node fix it', () => {
    const one = maxOverMean(loads(build(() => new HashRing({ virtualNodesPerWeight: 1 }), nodeNames(10)), KEYS));
    const many = maxOverMean(loads(build(() => new HashRing({ virtualNodesPerWeight: 160 }), nodeNames(10)), KEYS));
    expect(one).toBeGreaterThan(1.5);
    expect(many).toBeLessThan(one / 1.3);
  });

  it('arc shares add up to the whole circle and predict the measured loads', () => {
    const ring = build(() => new HashRing(), nodeNames(10)) as HashRing;
    const shares = ring.arcShares();
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const counts = loads(ring, KEYS);
    for (const [node, share] of shares) expect(Math.abs((counts.get(node) as number) / KEYS.length - share)).toBeLessThan(0.01);
    expect(ring.pointCount).toBe(1600);
  });
});
