import type { HashRingOptions, NodeLocator } from './api';

/**
 * Right now this only keeps a list of nodes, and locate is not written. The obvious answer,
 * `members[hash(key) % members.length]`, is balanced enough, but adding or removing one node
 * reshuffles almost every key (10 → 11 nodes moves about 91%). Turn it into a ring.
 */
export class HashRing implements NodeLocator {
  private readonly hash: (key: string) => number;
  private readonly members: string[] = [];

  constructor(options: HashRingOptions) {
    this.hash = options.hash;
    // TODO step 2: options.virtualNodesPerWeight (default 160) points per unit of weight.
  }

  add(node: string, weight = 1): void {
    // TODO step 1: put the node's points hash(`${node}#${i}`) on a sorted circle.
    // TODO step 2: max(1, round(weight · virtualNodesPerWeight)) points.
    void weight;
    this.members.push(node);
  }

  remove(node: string): boolean {
    const i = this.members.indexOf(node);
    if (i < 0) return false;
    this.members.splice(i, 1);
    return true;
  }

  locate(key: string): string | undefined {
    // TODO step 1: binary search for the first point ≥ hash(key), wrapping to the first point.
    if (this.members.length === 0) return undefined;
    throw new Error(`TODO: locate(${JSON.stringify(key)}) on the ring is not written yet`);
  }

  nodes(): string[] {
    return [...this.members];
  }
}
