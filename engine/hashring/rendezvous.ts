import { fmix32, murmur3 } from './murmur3';
import type { NodeLocator } from './node-locator';

/**
 * Rendezvous (highest random weight) hashing (Thaler and Ravishankar, 1996): every node scores the
 * key and the highest score wins. Weighted with the logarithmic method (Schindelhauer and
 * Schomaker, 2005): score = −weight / ln(u), u = a per-(key, node) hash mapped into (0, 1).
 * No virtual nodes and minimal movement by construction, at O(nodes) per lookup.
 */
export class RendezvousHash implements NodeLocator {
  private names: string[] = [];
  private seeds: number[] = [];
  private weightsOf: number[] = [];

  add(node: string, weight = 1): void {
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`weight must be positive, got ${weight}`);
    if (this.names.includes(node)) throw new Error(`node ${node} is already present`);
    this.names.push(node);
    this.seeds.push(murmur3(node, 0x5bd1e995));
    this.weightsOf.push(weight);
  }

  remove(node: string): boolean {
    const i = this.names.indexOf(node);
    if (i < 0) return false;
    this.names.splice(i, 1);
    this.seeds.splice(i, 1);
    this.weightsOf.splice(i, 1);
    return true;
  }

  locate(key: string): string | undefined {
    const keyHash = murmur3(key);
    let best: string | undefined;
    let bestScore = -Infinity;
    for (let i = 0; i < this.names.length; i++) {
      const h = fmix32(keyHash ^ (this.seeds[i] as number));
      const u = (h + 0.5) / 2 ** 32; // in (0, 1)
      const score = -(this.weightsOf[i] as number) / Math.log(u);
      if (score > bestScore) {
        bestScore = score;
        best = this.names[i];
      }
    }
    return best;
  }

  nodes(): string[] {
    return [...this.names];
  }
}
