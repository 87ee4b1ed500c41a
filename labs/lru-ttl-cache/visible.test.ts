import { VirtualClock } from '../../engine/sim/clock';
import { expect, stage, test } from '../../grader/harness/api';
import { LruTtlCache } from './solution';

function build(maxEntries: number) {
  const clock = new VirtualClock();
  const cache = new LruTtlCache<number>({ clock, maxEntries, newMap: <K, V>() => new Map<K, V>() });
  return { cache, clock };
}

stage('lru', () => {
  test('a full cache evicts the least recently used entry; get refreshes recency', () => {
    const { cache } = build(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a'), 'get a').toBe(1);
    cache.set('c', 3);
    expect(cache.has('b'), 'b was least recently used').toBe(false);
    expect(cache.get('a'), 'a').toBe(1);
    expect(cache.size, 'size').toBe(2);
  });
});

stage('ttl', () => {
  test('an entry expires exactly when its TTL ends', () => {
    const { cache, clock } = build(2);
    cache.set('k', 1, { ttlMs: 100 });
    clock.advanceMs(99);
    expect(cache.get('k'), 'after 99 ms').toBe(1);
    clock.advanceMs(1);
    expect(cache.get('k'), 'after 100 ms').toBe(undefined);
  });
});
