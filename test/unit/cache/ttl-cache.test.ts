import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../engine/sim/clock';
import { Prng } from '../../../engine/sim/prng';
import type { RemovalReason } from '../../../engine/cache/cache-store';
import { TtlCache } from '../../../engine/cache/ttl-cache';
import { SEEDS } from './seeds';

describe('TtlCache: TTL on the virtual clock', () => {
  it('serves an entry until its TTL ends and not a millisecond after', () => {
    const clock = new VirtualClock();
    const cache = new TtlCache<string>({ clock });
    cache.set('k', 'v', { ttlMs: 100 });
    clock.advanceMs(99);
    expect(cache.get('k')).toBe('v');
    expect(cache.ttlRemainingMs('k')).toBe(1);
    clock.advanceMs(1);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.has('k')).toBe(false);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, expirations: 1 });
  });

  it('applies the default TTL, lets an overwrite restart the TTL, and never expires without one', () => {
    const clock = new VirtualClock();
    const cache = new TtlCache<string>({ clock, defaultTtlMs: 50 });
    cache.set('a', '1');
    cache.set('forever', 'x', { ttlMs: Infinity });
    clock.advanceMs(40);
    cache.set('a', '2');
    clock.advanceMs(40);
    expect(cache.get('a')).toBe('2');
    clock.advanceMs(10);
    expect(cache.get('a')).toBeUndefined();
    clock.advanceMs(1_000_000);
    expect(cache.get('forever')).toBe('x');
  });

  it('purges every expired entry at once on request', () => {
    const clock = new VirtualClock();
    const cache = new TtlCache<number>({ clock });
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, i, { ttlMs: i < 4 ? 10 : 20 });
    clock.advanceMs(10);
    expect(cache.purgeExpired()).toBe(4);
    expect(cache.size).toBe(6);
  });

  it('rejects non-integer and non-positive TTLs', () => {
    const cache = new TtlCache<number>({ clock: new VirtualClock() });
    expect(() => cache.set('k', 1, { ttlMs: 0 })).toThrow(RangeError);
    expect(() => cache.set('k', 1, { ttlMs: 1.5 })).toThrow(RangeError);
  });
});

describe('TtlCache: eviction', () => {
  it('LRU evicts the least recently used entry; a get refreshes recency, has and peek do not', () => {
    const removed: string[] = [];
    const cache = new TtlCache<number>({ clock: new VirtualClock(), maxEntries: 3, onRemove: (k, _v, r) => removed.push(`${k}:${r}`) });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    cache.get('a');
    cache.has('b');
    cache.peek('b');
    cache.set('d', 4);
    expect(removed).toEqual(['b:evicted']);
    expect(cache.keys().sort()).toEqual(['a', 'c', 'd']);
    expect(cache.stats().evictions).toBe(1);
  });

  it('LFU evicts the least frequently used entry, breaking ties by least recent use, and never the newcomer', () => {
    const cache = new TtlCache<number>({ clock: new VirtualClock(), maxEntries: 3, policy: 'lfu' });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    cache.get('a');
    cache.get('a');
    cache.get('b');
    cache.get('c');
    // counts: a 3, b 2, c 2; b used before c, so b is the victim.
    cache.set('d', 4);
    expect(cache.keys().sort()).toEqual(['a', 'c', 'd']);
    // d has count 1 and is the only count-1 entry; the next insert evicts d, not the newcomer e.
    cache.set('e', 5);
    expect(cache.keys().sort()).toEqual(['a', 'c', 'e']);
  });

  it('keeps total bytes within maxBytes, evicting as many entries as a large value needs', () => {
    const cache = new TtlCache<string>({ clock: new VirtualClock(), maxBytes: 100, sizeOf: (v) => v.length });
    cache.set('a', 'x'.repeat(40));
    cache.set('b', 'x'.repeat(40));
    cache.set('c', 'x'.repeat(15));
    expect(cache.sizeBytes).toBe(95);
    cache.set('d', 'x'.repeat(90));
    expect(cache.keys()).toEqual(['d']);
    expect(cache.sizeBytes).toBe(90);
    expect(cache.stats().evictions).toBe(3);
  });

  it('does not store a value larger than maxBytes, and drops the old value of that key', () => {
    const reasons: RemovalReason[] = [];
    const cache = new TtlCache<string>({ clock: new VirtualClock(), maxBytes: 10, onRemove: (_k, _v, r) => reasons.push(r) });
    cache.set('k', 'small', { sizeBytes: 5 });
    cache.set('k', 'huge', { sizeBytes: 11 });
    expect(cache.get('k')).toBeUndefined();
    expect(cache.sizeBytes).toBe(0);
    expect(reasons).toEqual(['oversized']);
  });

  it('reports replacement and deletion reasons and counts deletes of live entries only', () => {
    const clock = new VirtualClock();
    const reasons: string[] = [];
    const cache = new TtlCache<string>({ clock, onRemove: (k, v, r) => reasons.push(`${k}=${v}:${r}`) });
    cache.set('k', 'v1');
    cache.set('k', 'v2');
    expect(cache.delete('k')).toBe(true);
    cache.set('t', 'x', { ttlMs: 5 });
    clock.advanceMs(5);
    expect(cache.delete('t')).toBe(false);
    expect(cache.delete('missing')).toBe(false);
    expect(reasons).toEqual(['k=v1:replaced', 'k=v2:deleted', 't=x:expired']);
    expect(cache.stats().deletes).toBe(1);
  });
});

/** An obviously correct O(n) model of an LRU cache with TTL and entry capacity, to compare against. */
class ModelLru {
  private order: string[] = []; // least recent first
  private readonly entries = new Map<string, { value: number; expiresAtMs: number }>();
  constructor(
    private readonly clock: VirtualClock,
    private readonly capacity: number,
  ) {}

  private drop(key: string): void {
    this.entries.delete(key);
    this.order = this.order.filter((k) => k !== key);
  }

  private live(key: string): boolean {
    const e = this.entries.get(key);
    if (e === undefined) return false;
    if (e.expiresAtMs <= this.clock.nowMs()) {
      this.drop(key);
      return false;
    }
    return true;
  }

  get(key: string): number | undefined {
    if (!this.live(key)) return undefined;
    this.order = [...this.order.filter((k) => k !== key), key];
    return this.entries.get(key)?.value;
  }

  set(key: string, value: number, ttlMs: number): void {
    if (!this.entries.has(key) && this.entries.size >= this.capacity) this.drop(this.order[0] as string);
    this.entries.set(key, { value, expiresAtMs: this.clock.nowMs() + ttlMs });
    this.order = [...this.order.filter((k) => k !== key), key];
  }

  delete(key: string): boolean {
    const wasLive = this.live(key);
    this.drop(key);
    return wasLive;
  }

  has(key: string): boolean {
    return this.live(key);
  }
}

describe('TtlCache: differential check against a model', () => {
  it.each(SEEDS)('agrees with an O(n) LRU model on 5,000 random operations (seed %i)', (seed) => {
    const prng = new Prng(seed);
    const clock = new VirtualClock();
    const cache = new TtlCache<number>({ clock, maxEntries: 8 });
    const model = new ModelLru(clock, 8);
    for (let i = 0; i < 5000; i++) {
      const key = `k${prng.int(16)}`;
      const op = prng.int(10);
      let got: unknown;
      let want: unknown;
      if (op < 5) {
        got = cache.get(key);
        want = model.get(key);
      } else if (op < 8) {
        const ttlMs = prng.range(1, 40);
        cache.set(key, i, { ttlMs });
        model.set(key, i, ttlMs);
      } else if (op < 9) {
        got = cache.delete(key);
        want = model.delete(key);
      } else {
        got = cache.has(key);
        want = model.has(key);
      }
      expect(got, `seed ${seed}, op ${i} (${op}) on ${key}`).toEqual(want);
      if (prng.chance(300)) clock.advanceMs(prng.range(1, 10));
    }
  });
});
