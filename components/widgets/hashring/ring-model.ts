/**
 * The hash-ring widget's model on engine/hashring's reference HashRing. The ring keeps its points
 * private; the widget sees them through the ring's public `hash` option: every hash the ring
 * computes while it rebuilds is a virtual-node point, and `locate` on a probe key that hashes to a
 * point tells whose point it is. No ring logic is duplicated here.
 */
import { HashRing } from '@/engine/hashring/hash-ring';
import { murmur3 } from '@/engine/hashring/murmur3';
import { Prng } from '@/engine/sim/prng';

const PROBE = '\u0000probe:';

export interface RingPoint {
  /** Position on the 2^32 circle. */
  point: number;
  node: string;
}

export interface RingSnapshot {
  nodes: string[];
  points: RingPoint[];
  /** Owner of each key, in key order. */
  owners: string[];
  /** Keys per node. */
  load: Map<string, number>;
  /** Share of the circle per node (what uniformly hashed keys would get). */
  shares: Map<string, number>;
}

export function ringHash(key: string): number {
  return key.startsWith(PROBE) ? Number(key.slice(PROBE.length)) : murmur3(key);
}

export function makeKeys(seed: number, count: number): string[] {
  const prng = new Prng(seed).fork('keys');
  return Array.from({ length: count }, (_, i) => `user:${prng.int(1_000_000)}:${i}`);
}

export function snapshot(nodes: readonly string[], vnodes: number, keys: readonly string[]): RingSnapshot {
  let recording: number[] | null = null;
  const ring = new HashRing({
    virtualNodesPerWeight: vnodes,
    hash: (key) => {
      const h = ringHash(key);
      recording?.push(h);
      return h;
    },
  });
  nodes.forEach((n, i) => {
    // The last add rebuilds every node's points: record those hashes.
    if (i === nodes.length - 1) recording = [];
    ring.add(n);
  });
  const raw: number[] = recording ?? [];
  recording = null;
  const points = [...new Set(raw)].sort((a, b) => a - b).map((point) => ({ point, node: ring.locate(`${PROBE}${point}`) ?? '' }));
  const owners = keys.map((k) => ring.locate(k) ?? '');
  const load = new Map<string, number>(nodes.map((n) => [n, 0]));
  for (const o of owners) load.set(o, (load.get(o) ?? 0) + 1);
  return { nodes: [...nodes], points, owners, load, shares: ring.arcShares() };
}

/** Keys whose owner differs between two snapshots over the same keys. */
export function movedKeys(before: RingSnapshot, after: RingSnapshot): number[] {
  const moved: number[] = [];
  after.owners.forEach((o, i) => {
    if (before.owners[i] !== o) moved.push(i);
  });
  return moved;
}

export const NODE_NAMES = ['cache-a', 'cache-b', 'cache-c', 'cache-d', 'cache-e', 'cache-f', 'cache-g', 'cache-h', 'cache-i', 'cache-j'];
