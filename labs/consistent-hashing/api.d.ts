/** Maps keys to nodes; the ring you build implements it. */
export interface NodeLocator {
  /** Adds a node; weight (default 1) scales its share of keys. Throws if the node is already there or weight ≤ 0. */
  add(node: string, weight?: number): void;
  /** Removes a node; false if it was not there. */
  remove(node: string): boolean;
  /** The node owning `key`, or undefined when there are no nodes. */
  locate(key: string): string | undefined;
  nodes(): string[];
}

export interface HashRingOptions {
  /** Points for a node of weight 1; a node of weight w gets max(1, round(w · virtualNodesPerWeight)). Default 160. */
  virtualNodesPerWeight?: number;
  /**
   * The hash onto the circle: an unsigned 32-bit integer for any string (the tests pass MurmurHash3).
   * Point i of node n sits at hash(`${n}#${i}`), i = 0 … count − 1; a key sits at hash(key).
   */
  hash: (key: string) => number;
}

/**
 * Consistent hash ring. A key belongs to the node of the first point at or after hash(key),
 * wrapping past 2^32 − 1 to the first point. Equal points are ordered by node name, so the ring
 * does not depend on the order nodes were added. locate() must be O(log points).
 */
export declare class HashRing implements NodeLocator {
  constructor(options: HashRingOptions);
  add(node: string, weight?: number): void;
  remove(node: string): boolean;
  locate(key: string): string | undefined;
  nodes(): string[];
}
