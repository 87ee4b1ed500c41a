import { bound, expect, stage, test } from '../../grader/harness/api';
import { murmur3 } from '../../engine/hashring/murmur3';
import { HashRing } from './solution';

/** A hand-made hash: points and keys where we want them on the circle. */
const table: Record<string, number> = { 'A#0': 100, 'B#0': 200, 'C#0': 300, k50: 50, k150: 150, k250: 250, k999: 999 };
const handHash = bound((key: string) => table[key] ?? 0);

stage('ring', () => {
  test('a key goes to the first point at or after its hash, wrapping around', () => {
    const ring = new HashRing({ hash: handHash, virtualNodesPerWeight: 1 });
    expect(ring.locate('k50'), 'empty ring').toBe(undefined);
    for (const n of ['A', 'B', 'C']) ring.add(n);
    expect(ring.locate('k50'), 'hash 50 (points A@100, B@200, C@300)').toBe('A');
    expect(ring.locate('k150'), 'hash 150').toBe('B');
    expect(ring.locate('k250'), 'hash 250').toBe('C');
    expect(ring.locate('k999'), 'hash 999: past the last point, wrap to the first').toBe('A');
  });
});

stage('virtual-nodes', () => {
  test('160 virtual nodes per node spread 20,000 keys over 5 nodes within 25% of the mean', () => {
    const ring = new HashRing({ hash: bound((key: string) => murmur3(key)) });
    for (let i = 0; i < 5; i++) ring.add(`cache-${i}`);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const n = ring.locate(`object:${i}`) as string;
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    expect(counts.size, 'nodes that got keys').toBe(5);
    expect(Math.max(...counts.values()) / 4000, 'max load / mean load').toBeLessThan(1.25);
  });
});

stage('membership', () => {
  test('removing a node moves only its keys', () => {
    const ring = new HashRing({ hash: bound((key: string) => murmur3(key)) });
    for (let i = 0; i < 4; i++) ring.add(`cache-${i}`);
    const before = Array.from({ length: 5000 }, (_, i) => ring.locate(`k${i}`));
    expect(ring.remove('cache-2'), 'remove returns true').toBe(true);
    const movedFromOthers = before.filter((owner, i) => owner !== 'cache-2' && ring.locate(`k${i}`) !== owner).length;
    expect(movedFromOthers, 'keys that moved although their node stayed').toBe(0);
  });
});
