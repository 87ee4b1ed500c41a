import type { HashRingOptions, NodeLocator } from '../../api';

interface Point {
  at: number;
  node: string;
}

function before(a: Point, b: Point): boolean {
  return a.at !== b.at ? a.at < b.at : a.node < b.node;
}

export class HashRing implements NodeLocator {
  private readonly perWeight: number;
  private readonly hash: (key: string) => number;
  private readonly weights = new Map<string, number>();
  /** Sorted by (at, node). */
  private points: Point[] = [];

  constructor(options: HashRingOptions) {
    this.perWeight = options.virtualNodesPerWeight ?? 160;
    this.hash = options.hash;
    if (!Number.isInteger(this.perWeight) || this.perWeight < 1) throw new RangeError(`virtualNodesPerWeight must be a positive integer, got ${this.perWeight}`);
  }

  add(node: string, weight = 1): void {
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`weight must be positive, got ${weight}`);
    if (this.weights.has(node)) throw new Error(`node ${node} is already on the ring`);
    this.weights.set(node, weight);
    const count = Math.max(1, Math.floor(weight * this.perWeight));
    const fresh: Point[] = [];
    for (let i = 0; i < count; i++) fresh.push({ at: this.hash(`${node}#${i}`), node });
    fresh.sort((a, b) => a.at - b.at);
    // Merge the node's sorted points into the ring: O(points) per add.
    const merged: Point[] = [];
    let i = 0;
    let j = 0;
    while (i < this.points.length || j < fresh.length) {
      if (j >= fresh.length || (i < this.points.length && before(this.points[i]!, fresh[j]!))) merged.push(this.points[i++]!);
      else merged.push(fresh[j++]!);
    }
    this.points = merged;
  }

  remove(node: string): boolean {
    if (!this.weights.delete(node)) return false;
    this.points = this.points.filter((p) => p.node !== node);
    return true;
  }

  locate(key: string): string | undefined {
    const n = this.points.length;
    if (n === 0) return undefined;
    const h = this.hash(key);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid]!.at < h) lo = mid + 1;
      else hi = mid;
    }
    return this.points[lo === n ? 0 : lo]!.node;
  }

  nodes(): string[] {
    return [...this.weights.keys()];
  }
}
