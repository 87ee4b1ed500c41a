import type { HashRingOptions, NodeLocator } from '../../api';

type Point = { readonly pos: number; readonly node: string };

function compare(a: Point, b: Point): number {
  if (a.pos !== b.pos) return a.pos < b.pos ? -1 : 1;
  return a.node === b.node ? 0 : a.node < b.node ? -1 : 1;
}

/**
 * Alternative: each new point is placed by a binary search and spliced into the sorted array
 * (O(points) per point); the node's weight is kept in a plain Map; removal walks the array once.
 */
export class HashRing implements NodeLocator {
  private readonly perWeight: number;
  private readonly hash: (key: string) => number;
  private readonly weights = new Map<string, number>();
  private readonly ring: Point[] = [];

  constructor({ hash, virtualNodesPerWeight = 160 }: HashRingOptions) {
    this.hash = hash;
    this.perWeight = virtualNodesPerWeight;
  }

  add(node: string, weight?: number): void {
    const w = weight ?? 1;
    if (!(w > 0)) throw new RangeError('weight must be positive');
    if (this.weights.has(node)) throw new Error(`${node} is already on the ring`);
    this.weights.set(node, w);
    const count = Math.max(1, Math.round(w * this.perWeight));
    for (let i = 0; i < count; i++) {
      const p: Point = { pos: this.hash(`${node}#${i}`), node };
      let lo = 0;
      let hi = this.ring.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compare(this.ring[mid]!, p) < 0) lo = mid + 1;
        else hi = mid;
      }
      this.ring.splice(lo, 0, p);
    }
  }

  remove(node: string): boolean {
    if (!this.weights.has(node)) return false;
    this.weights.delete(node);
    let w = 0;
    for (let r = 0; r < this.ring.length; r++) if (this.ring[r]!.node !== node) this.ring[w++] = this.ring[r]!;
    this.ring.length = w;
    return true;
  }

  locate(key: string): string | undefined {
    const n = this.ring.length;
    if (n === 0) return undefined;
    const h = this.hash(key);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (h > this.ring[mid]!.pos) lo = mid + 1;
      else hi = mid;
    }
    return this.ring[lo % n]!.node;
  }

  nodes(): string[] {
    return Array.from(this.weights.keys());
  }
}
