import type { HashRingOptions, NodeLocator } from '../../api';

/**
 * Alternative: the ring is two parallel arrays (positions and owners) rebuilt by re-sorting all
 * points on every add (the README leaves merge or re-sort open); only the new node's points are
 * hashed. nodes() lists the names sorted, and a weight is refused only when it is ≤ 0.
 */
export class HashRing implements NodeLocator {
  private readonly perWeight: number;
  private readonly hash: (key: string) => number;
  private readonly members = new Set<string>();
  private positions: number[] = [];
  private owners: string[] = [];

  constructor(options: HashRingOptions) {
    this.perWeight = options.virtualNodesPerWeight ?? 160;
    this.hash = options.hash;
  }

  add(node: string, weight: number = 1): void {
    if (weight <= 0) throw new RangeError(`weight must be > 0: ${weight}`);
    if (this.members.has(node)) throw new Error(`duplicate node ${node}`);
    this.members.add(node);
    const count = Math.max(1, Math.round(weight * this.perWeight));
    const all: [number, string][] = this.positions.map((p, i) => [p, this.owners[i]!]);
    for (let i = 0; i < count; i++) all.push([this.hash(`${node}#${i}`), node]);
    all.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    this.positions = all.map((p) => p[0]);
    this.owners = all.map((p) => p[1]);
  }

  remove(node: string): boolean {
    if (!this.members.delete(node)) return false;
    const keep: number[] = [];
    for (let i = 0; i < this.owners.length; i++) if (this.owners[i] !== node) keep.push(i);
    this.positions = keep.map((i) => this.positions[i]!);
    this.owners = keep.map((i) => this.owners[i]!);
    return true;
  }

  locate(key: string): string | undefined {
    if (this.positions.length === 0) return undefined;
    const h = this.hash(key);
    // Largest-first style: find the first index whose position is ≥ h, with an inclusive upper bound.
    let lo = 0;
    let hi = this.positions.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = lo + ((hi - lo) >> 1);
      if (this.positions[mid]! >= h) {
        found = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return this.owners[found === -1 ? 0 : found];
  }

  nodes(): string[] {
    return [...this.members].sort();
  }
}
