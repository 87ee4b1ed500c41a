/** The consistent-hashing lab's seam: maps keys to nodes; a learner's ring implements it. */
export interface NodeLocator {
  /** Add a node; weight scales its share of keys (default 1). */
  add(node: string, weight?: number): void;
  remove(node: string): boolean;
  /** The node owning `key`, or undefined when there are no nodes. */
  locate(key: string): string | undefined;
  nodes(): string[];
}
