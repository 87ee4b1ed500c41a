import type { CacheEntry } from './cache-entry';
import type { EvictionPolicy } from './eviction-policy';

/** A list of entries that share one use count; buckets form a list in increasing count order. */
class FrequencyBucket<V> {
  head: CacheEntry<V> | null = null;
  tail: CacheEntry<V> | null = null;
  prev: FrequencyBucket<V> | null = null;
  next: FrequencyBucket<V> | null = null;
  constructor(readonly count: number) {}
}

/**
 * Least frequently used in O(1) (Shah, Mitra and Matani, "An O(1) algorithm for implementing the
 * LFU cache eviction scheme", 2010). Ties between equal counts go to the least recently used.
 * A new entry starts with count 1; an overwrite counts as a use.
 */
export class LfuPolicy<V> implements EvictionPolicy<V> {
  readonly name = 'lfu';
  private lowest: FrequencyBucket<V> | null = null;

  add(entry: CacheEntry<V>): void {
    let bucket = this.lowest;
    if (bucket === null || bucket.count !== 1) {
      const created = new FrequencyBucket<V>(1);
      created.next = bucket;
      if (bucket !== null) bucket.prev = created;
      this.lowest = created;
      bucket = created;
    }
    this.pushFront(bucket, entry);
  }

  touch(entry: CacheEntry<V>): void {
    const bucket = entry.bucket as FrequencyBucket<V>;
    let target = bucket.next;
    if (target === null || target.count !== bucket.count + 1) {
      const created = new FrequencyBucket<V>(bucket.count + 1);
      created.prev = bucket;
      created.next = target;
      if (target !== null) target.prev = created;
      bucket.next = created;
      target = created;
    }
    this.unlink(bucket, entry);
    this.pushFront(target, entry);
  }

  remove(entry: CacheEntry<V>): void {
    const bucket = entry.bucket as FrequencyBucket<V> | null;
    if (bucket !== null) this.unlink(bucket, entry);
  }

  victim(): CacheEntry<V> | undefined {
    return this.lowest?.tail ?? undefined;
  }

  clear(): void {
    this.lowest = null;
  }

  /** The use count the policy holds for an entry (for tests and widgets). */
  countOf(entry: CacheEntry<V>): number {
    return (entry.bucket as FrequencyBucket<V> | null)?.count ?? 0;
  }

  private pushFront(bucket: FrequencyBucket<V>, entry: CacheEntry<V>): void {
    entry.bucket = bucket;
    entry.prev = null;
    entry.next = bucket.head;
    if (bucket.head !== null) bucket.head.prev = entry;
    bucket.head = entry;
    if (bucket.tail === null) bucket.tail = entry;
  }

  private unlink(bucket: FrequencyBucket<V>, entry: CacheEntry<V>): void {
    const { prev, next } = entry;
    if (prev !== null) prev.next = next;
    else bucket.head = next;
    if (next !== null) next.prev = prev;
    else bucket.tail = prev;
    entry.prev = null;
    entry.next = null;
    entry.bucket = null;
    if (bucket.head === null) {
      if (bucket.prev !== null) bucket.prev.next = bucket.next;
      else this.lowest = bucket.next;
      if (bucket.next !== null) bucket.next.prev = bucket.prev;
    }
  }
}
