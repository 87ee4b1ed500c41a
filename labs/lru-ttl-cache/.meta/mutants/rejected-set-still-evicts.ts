// Bug: a new key's TTL is validated only after making room, so a set that throws a RangeError on a full cache has already evicted the least recently used entry.
import type { LruTtlCacheOptions, SetOptions, TimeSource } from '../../api';

interface Node<V> {
  key: string;
  value: V;
  expiresAtMs: number;
  prev: Node<V> | null;
  next: Node<V> | null;
}

/**
 * A hash map from key to node plus a doubly linked list in recency order (most recent at the
 * head, the victim at the tail). Expiry is lazy: an expired entry is removed when an operation
 * touches it, or when it reaches the tail and is evicted like any other entry.
 */
export class LruTtlCache<V> {
  private readonly map: Map<string, Node<V>>;
  private readonly clock: TimeSource;
  private readonly maxEntries: number;
  private readonly defaultTtlMs: number;
  private head: Node<V> | null = null;
  private tail: Node<V> | null = null;

  constructor(options: LruTtlCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new RangeError(`maxEntries must be an integer ≥ 1, got ${options.maxEntries}`);
    this.clock = options.clock;
    this.maxEntries = options.maxEntries;
    this.defaultTtlMs = options.defaultTtlMs ?? Infinity;
    checkTtl(this.defaultTtlMs);
    this.map = options.newMap<string, Node<V>>();
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const node = this.live(key);
    if (node === undefined) return undefined;
    this.unlink(node);
    this.pushFront(node);
    return node.value;
  }

  has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  set(key: string, value: V, options?: SetOptions): void {
    const ttlMs = options?.ttlMs ?? this.defaultTtlMs;
    const expiresAtMs = ttlMs === Infinity ? Infinity : this.clock.nowMs() + ttlMs;
    const existing = this.map.get(key);
    if (existing !== undefined) {
      checkTtl(ttlMs);
      existing.value = value;
      existing.expiresAtMs = expiresAtMs;
      this.unlink(existing);
      this.pushFront(existing);
      return;
    }
    if (this.map.size >= this.maxEntries && this.tail !== null) this.remove(this.tail);
    checkTtl(ttlMs);
    const node: Node<V> = { key, value, expiresAtMs, prev: null, next: null };
    this.map.set(key, node);
    this.pushFront(node);
  }

  delete(key: string): boolean {
    const node = this.map.get(key);
    if (node === undefined) return false;
    const wasLive = !this.expired(node);
    this.remove(node);
    return wasLive;
  }

  private expired(node: Node<V>): boolean {
    return node.expiresAtMs <= this.clock.nowMs();
  }

  private live(key: string): Node<V> | undefined {
    const node = this.map.get(key);
    if (node === undefined) return undefined;
    if (this.expired(node)) {
      this.remove(node);
      return undefined;
    }
    return node;
  }

  private remove(node: Node<V>): void {
    this.map.delete(node.key);
    this.unlink(node);
  }

  private pushFront(node: Node<V>): void {
    node.prev = null;
    node.next = this.head;
    if (this.head !== null) this.head.prev = node;
    this.head = node;
    if (this.tail === null) this.tail = node;
  }

  private unlink(node: Node<V>): void {
    if (node.prev !== null) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next !== null) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = null;
    node.next = null;
  }
}

function checkTtl(ttlMs: number): void {
  if (ttlMs !== Infinity && (!Number.isInteger(ttlMs) || ttlMs <= 0)) throw new RangeError(`ttlMs must be a positive integer or Infinity, got ${ttlMs}`);
}
