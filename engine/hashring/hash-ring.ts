import { murmur3 } from './murmur3';
import type { NodeLocator } from './node-locator';

export interface HashRingOptions {
  /** Virtual nodes for a node of weight 1 (Dynamo-style); a node of weight w gets round(w · this). */
  virtualNodesPerWeight?: number;
  hash?: (key: string) => number;
}

/**
 * Consistent hash ring (Karger et al., 1997) with virtual nodes and weights. Points live on a 32-bit
 * circle in one sorted array; a key belongs to the first point clockwise from its hash (binary
 * search, O(log points)). Adding or removing a node moves only the keys of the arcs it gains or loses.
 * Ties between equal points are broken by node name, so the ring does not depend on insertion order.
 */
export class HashRing implements NodeLocator {
  private readonly perWeight: number;
  private readonly hash: (key: string) => number;
  private readonly weights = new Map<string, number>();
  private points = new Uint32Array(0);
  private owners: string[] = [];

  constructor(options: HashRingOptions = {}) {
    this.perWeight = options.virtualNodesPerWeight ?? 160;
    this.hash = options.hash ?? ((key) => murmur3(key));
    if (!Number.isInteger(this.perWeight) || this.perWeight < 1) throw new RangeError(`virtualNodesPerWeight must be a positive integer, got ${this.perWeight}`);
  }

  add(node: string, weight = 1): void {
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`weight must be positive, got ${weight}`);
    if (this.weights.has(node)) throw new Error(`node ${node} is already on the ring`);
    this.weights.set(node, weight);
    this.rebuild();
  }

  remove(node: string): boolean {
    if (!this.weights.delete(node)) return false;
    this.rebuild();
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
      if ((this.points[mid] as number) < h) lo = mid + 1;
      else hi = mid;
    }
    return this.owners[lo === n ? 0 : lo];
  }

  nodes(): string[] {
    return [...this.weights.keys()];
  }

  /** Number of points on the ring (virtual nodes over all nodes). */
  get pointCount(): number {
    return this.points.length;
  }

  /** Share of the 2^32 circle each node owns: what it would get of uniformly hashed keys. */
  arcShares(): Map<string, number> {
    const shares = new Map<string, number>();
    const n = this.points.length;
    for (let i = 0; i < n; i++) {
      const prev = i === 0 ? (this.points[n - 1] as number) - 2 ** 32 : (this.points[i - 1] as number);
      const owner = this.owners[i] as string;
      shares.set(owner, (shares.get(owner) ?? 0) + ((this.points[i] as number) - prev) / 2 ** 32);
    }
    return shares;
  }

  private rebuild(): void {
    const entries: { point: number; node: string }[] = [];
    for (const [node, weight] of this.weights) {
      const count = Math.max(1, Math.round(weight * this.perWeight));
      for (let i = 0; i < count; i++) entries.push({ point: this.hash(`${node}#${i}`), node });
    }
    entries.sort((a, b) => a.point - b.point || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
    this.points = Uint32Array.from(entries, (e) => e.point);
    this.owners = entries.map((e) => e.node);
  }
}
