import type { CacheEntry } from './cache-entry';
import type { EvictionPolicy } from './eviction-policy';

/** Least recently used: a doubly linked list, most recent at the head, victim at the tail. */
export class LruPolicy<V> implements EvictionPolicy<V> {
  readonly name = 'lru';
  private head: CacheEntry<V> | null = null;
  private tail: CacheEntry<V> | null = null;

  add(entry: CacheEntry<V>): void {
    entry.prev = null;
    entry.next = this.head;
    if (this.head !== null) this.head.prev = entry;
    this.head = entry;
    if (this.tail === null) this.tail = entry;
  }

  touch(entry: CacheEntry<V>): void {
    if (this.head === entry) return;
    this.remove(entry);
    this.add(entry);
  }

  remove(entry: CacheEntry<V>): void {
    const { prev, next } = entry;
    if (prev !== null) prev.next = next;
    else this.head = next;
    if (next !== null) next.prev = prev;
    else this.tail = prev;
    entry.prev = null;
    entry.next = null;
  }

  victim(): CacheEntry<V> | undefined {
    return this.tail ?? undefined;
  }

  clear(): void {
    this.head = null;
    this.tail = null;
  }
}
