/**
 * Lookups per second: consistent hash ring (binary search over virtual nodes) and rendezvous hashing
 * (a score per node), 100 nodes, same keys. Run: npx tsx bench/hashring.ts
 */
import { HashRing } from '../engine/hashring/hash-ring';
import type { NodeLocator } from '../engine/hashring/node-locator';
import { RendezvousHash } from '../engine/hashring/rendezvous';

function measure(locator: NodeLocator, keys: readonly string[]): number {
  let best = Infinity;
  let sink = 0;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (const k of keys) sink += (locator.locate(k) as string).length;
    best = Math.min(best, performance.now() - start);
  }
  if (sink === 0) throw new Error('no lookups happened');
  return (keys.length / best) * 1000;
}

function main(): void {
  const keys = Array.from({ length: 500_000 }, (_, i) => `object:${i}`);
  const nodes = Array.from({ length: 100 }, (_, i) => `cache-${i}`);
  const ring = new HashRing({ virtualNodesPerWeight: 160 });
  const hrw = new RendezvousHash();
  for (const n of nodes) {
    ring.add(n);
    hrw.add(n);
  }
  console.log(`hashring: lookups per second, ${nodes.length} nodes, ${keys.length.toLocaleString('en')} keys, best of 5`);
  console.log(`  ring (${ring.pointCount.toLocaleString('en')} points)  ${(measure(ring, keys) / 1e6).toFixed(2)}M lookups/s`);
  console.log(`  rendezvous (HRW)       ${(measure(hrw, keys.slice(0, 100_000)) / 1e6).toFixed(2)}M lookups/s`);
}

main();
