import { VirtualClock } from '../../engine/sim/clock';
import { Prng } from '../../engine/sim/prng';
import { TtlCache } from '../../engine/cache/ttl-cache';
import { attachTrace, bound, expect, fail, forSeeds, metric, stage, test } from '../../grader/harness/api';
import type { LruTtlCacheOptions } from './api';
import { CountingMap, OperationBudget } from './hidden-counting-map';
import { checkLruCase, describeLruCase, lruCaseArb } from './hidden-properties';
import { property } from '../../grader/harness/property';
import { LruTtlCache } from './solution';

interface Built {
  cache: LruTtlCache<number>;
  clock: VirtualClock;
  budget: OperationBudget;
  maps: CountingMap<unknown, unknown>[];
}

function build(options: Partial<Omit<LruTtlCacheOptions, 'clock' | 'newMap'>> = {}, budget = new OperationBudget()): Built {
  const clock = new VirtualClock();
  const maps: CountingMap<unknown, unknown>[] = [];
  const newMap = bound(<K, V>(): Map<K, V> => {
    const map = new CountingMap<K, V>(budget);
    maps.push(map as CountingMap<unknown, unknown>);
    return map;
  });
  const time = Object.freeze({ nowMs: bound(() => clock.nowMs()) });
  const cache = new LruTtlCache<number>({ maxEntries: 3, ...options, clock: time, newMap });
  return { cache, clock, budget, maps };
}

stage('lru', () => {
  test('a full cache evicts the least recently used entry; get refreshes recency', () => {
    const { cache } = build({ maxEntries: 3 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a'), 'get a').toBe(1);
    cache.set('d', 4);
    expect(cache.has('b'), 'b was least recently used and must be evicted').toBe(false);
    expect(cache.get('a'), 'a').toBe(1);
    expect(cache.get('c'), 'c').toBe(3);
    expect(cache.get('d'), 'd').toBe(4);
    expect(cache.size, 'size').toBe(3);
  });

  test('has() is not a use: it does not protect a key from eviction', () => {
    const { cache } = build({ maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.has('a'), 'has a').toBe(true);
    cache.set('c', 3);
    expect(cache.has('a'), 'a is still least recently used after has(a), so it is evicted').toBe(false);
    expect(cache.has('b'), 'b').toBe(true);
  });

  test('replacing a key updates its value, makes it most recent and evicts nothing', () => {
    const { cache } = build({ maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    expect(cache.size, 'size after replacing a in a full cache').toBe(2);
    expect(cache.has('b'), 'b survives a replace of a').toBe(true);
    cache.set('c', 3);
    expect(cache.has('b'), 'b was least recent after a was replaced').toBe(false);
    expect(cache.get('a'), 'a').toBe(10);
  });

  test('capacity 1: every new key replaces the previous one', () => {
    const { cache } = build({ maxEntries: 1 });
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.get('a'), 'replace at capacity 1').toBe(2);
    cache.set('b', 3);
    expect(cache.has('a'), 'a').toBe(false);
    expect(cache.get('b'), 'b').toBe(3);
    expect(cache.size, 'size').toBe(1);
  });

  test('delete frees a slot, so the next insert evicts nothing; delete reports whether it removed a live entry', () => {
    const { cache } = build({ maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.delete('a'), 'delete a').toBe(true);
    expect(cache.delete('a'), 'delete a again').toBe(false);
    expect(cache.delete('never'), 'delete a missing key').toBe(false);
    cache.set('c', 3);
    expect(cache.has('b'), 'b must survive: there was room').toBe(true);
    expect(cache.size, 'size').toBe(2);
  });

  test('rejects a capacity below 1 with a RangeError', () => {
    for (const maxEntries of [0, -3]) {
      let thrown: unknown;
      try {
        build({ maxEntries });
      } catch (error) {
        thrown = error;
      }
      expect(thrown instanceof RangeError ? 'RangeError' : thrown === undefined ? 'no error' : String(thrown), `maxEntries ${maxEntries}`).toBe('RangeError');
    }
  });
});

stage('ttl', () => {
  test('an entry is live until its TTL ends and expired exactly at the boundary', () => {
    const { cache, clock } = build();
    clock.advanceMs(7);
    cache.set('k', 1, { ttlMs: 100 });
    clock.advanceMs(99);
    expect(cache.get('k'), 'at set time + 99 ms').toBe(1);
    clock.advanceMs(1);
    expect(cache.get('k'), 'at set time + ttlMs exactly').toBe(undefined);
    expect(cache.size, 'the expired entry is removed when get finds it').toBe(0);
  });

  test('has and delete see expiry at the boundary too', () => {
    const { cache, clock } = build();
    cache.set('a', 1, { ttlMs: 10 });
    cache.set('b', 2, { ttlMs: 10 });
    clock.advanceMs(10);
    expect(cache.has('a'), 'has at the boundary').toBe(false);
    expect(cache.delete('b'), 'delete of an entry that expired at the boundary').toBe(false);
    expect(cache.size, 'size').toBe(0);
  });

  test('a TTL of 1 ms lives for exactly one millisecond', () => {
    const { cache, clock } = build();
    cache.set('k', 1, { ttlMs: 1 });
    expect(cache.get('k'), 'same millisecond').toBe(1);
    clock.advanceMs(1);
    expect(cache.get('k'), 'one millisecond later').toBe(undefined);
  });

  test('overwriting restarts the TTL; the default TTL applies when none is given; Infinity never expires', () => {
    const { cache, clock } = build({ defaultTtlMs: 50, maxEntries: 5 });
    cache.set('a', 1);
    cache.set('forever', 2, { ttlMs: Infinity });
    clock.advanceMs(40);
    cache.set('a', 3);
    clock.advanceMs(40);
    expect(cache.get('a'), 'a was rewritten 40 ms ago with the default 50 ms TTL').toBe(3);
    clock.advanceMs(10);
    expect(cache.get('a'), 'a at rewrite + 50 ms').toBe(undefined);
    clock.advanceMs(10_000_000);
    expect(cache.get('forever'), 'ttlMs: Infinity').toBe(2);
  });

  test('no default TTL means no expiry', () => {
    const { cache, clock } = build();
    cache.set('k', 1);
    clock.advanceMs(1_000_000_000);
    expect(cache.get('k'), 'no TTL at all').toBe(1);
  });

  test('rejects TTLs that are not positive integers (or Infinity)', () => {
    const { cache } = build();
    expect(() => cache.set('k', 1, { ttlMs: 0 }), 'ttlMs 0').toThrow();
    expect(() => cache.set('k', 1, { ttlMs: -5 }), 'ttlMs -5').toThrow();
    expect(() => cache.set('k', 1, { ttlMs: 1.5 }), 'ttlMs 1.5').toThrow();
    expect(() => cache.set('k', 1, { ttlMs: Number.NaN }), 'ttlMs NaN').toThrow();
    expect(cache.has('k'), 'a rejected set stores nothing').toBe(false);
  });

  test('expired entries still take room until removed, and are evicted in LRU order like any other', () => {
    const { cache, clock } = build({ maxEntries: 3 });
    cache.set('a', 1, { ttlMs: 100 });
    cache.set('short', 2, { ttlMs: 5 });
    cache.set('c', 3, { ttlMs: 100 });
    clock.advanceMs(10);
    expect(cache.size, 'short has expired but nothing removed it yet').toBe(3);
    cache.set('d', 4, { ttlMs: 100 });
    // a is the least recently used entry: it is the victim, although short has expired.
    expect(cache.has('a'), 'a (least recently used) is evicted').toBe(false);
    expect(cache.has('c'), 'c').toBe(true);
    expect(cache.size, 'has(short) was not called yet').toBe(3);
    expect(cache.has('short'), 'short').toBe(false);
    expect(cache.size, 'has(short) removed the expired entry').toBe(2);
  });

  test('replacing an expired key revives it in place without evicting anyone', () => {
    const { cache, clock } = build({ maxEntries: 2 });
    cache.set('a', 1, { ttlMs: 5 });
    cache.set('b', 2);
    clock.advanceMs(5);
    cache.set('a', 3, { ttlMs: 5 });
    expect(cache.get('a'), 'a revived').toBe(3);
    expect(cache.get('b'), 'b').toBe(2);
  });
});

type Op = { kind: 'get' | 'has' | 'delete'; key: string } | { kind: 'set'; key: string; value: number; ttlMs: number | undefined } | { kind: 'tick'; ms: number };

function describeOp(op: Op): string {
  if (op.kind === 'tick') return `clock +${op.ms} ms`;
  if (op.kind === 'set') return `set(${op.key}, ${op.value}${op.ttlMs === undefined ? '' : `, {ttlMs: ${op.ttlMs}}`})`;
  return `${op.kind}(${op.key})`;
}

function randomOp(rng: Prng, keyPool: number, i: number): Op {
  const key = `k${rng.int(keyPool)}`;
  const roll = rng.int(100);
  if (roll < 35) return { kind: 'get', key };
  if (roll < 65) {
    const t = rng.int(10);
    const ttlMs = t === 0 ? undefined : t === 1 ? Infinity : rng.range(1, 30);
    return { kind: 'set', key, value: i, ttlMs };
  }
  if (roll < 75) return { kind: 'delete', key };
  if (roll < 88) return { kind: 'has', key };
  return { kind: 'tick', ms: rng.range(1, 8) };
}

/** Random operations, compared one by one with the reference TtlCache (LRU, entry capacity) on the same clock. */
function differential(rng: Prng, seed: number, opCount: number): void {
  const maxEntries = rng.pick([1, 2, 3, 5, 8, 13]);
  const defaultTtlMs = rng.chance(500) ? rng.range(5, 40) : undefined;
  const keyPool = maxEntries + rng.range(1, 10);
  const { cache, clock } = build({ maxEntries, defaultTtlMs });
  const reference = new TtlCache<number>({ clock, maxEntries, defaultTtlMs });
  const recent: string[] = [];
  for (let i = 0; i < opCount; i++) {
    const op = randomOp(rng, keyPool, i);
    recent.push(`@${clock.nowMs()}ms ${describeOp(op)}`);
    if (recent.length > 25) recent.shift();
    attachTrace({ maxEntries, defaultTtlMs: defaultTtlMs ?? 'none', lastOps: recent });
    const where = `seed ${seed}, op #${i} at ${clock.nowMs()} ms, maxEntries ${maxEntries}: ${describeOp(op)}`;
    let got: unknown;
    let want: unknown;
    switch (op.kind) {
      case 'tick':
        clock.advanceMs(op.ms);
        continue;
      case 'get':
        got = cache.get(op.key);
        want = reference.get(op.key);
        break;
      case 'has':
        got = cache.has(op.key);
        want = reference.has(op.key);
        break;
      case 'delete':
        got = cache.delete(op.key);
        want = reference.delete(op.key);
        break;
      case 'set':
        if (op.ttlMs === undefined) {
          cache.set(op.key, op.value);
          reference.set(op.key, op.value);
        } else {
          cache.set(op.key, op.value, { ttlMs: op.ttlMs });
          reference.set(op.key, op.value, { ttlMs: op.ttlMs });
        }
        break;
    }
    expect(got, where).toBe(want);
    expect(cache.size, `size after ${where}`).toBe(reference.size);
  }
}

stage('differential', () => {
  const seeds = Array.from({ length: 30 }, (_, i) => i + 1);
  forSeeds('agrees with the reference cache on 2,000 random operations', seeds, (seed, rng) => {
    differential(rng, seed, 2000);
  });

  // Generated capacities (1 to 9), default TTLs and operations on two caches at once sharing one
  // clock, with TTLs that must be rejected in any state (a full cache too): every answer, throw and
  // size compared with the reference, shrunk to the shortest sequence that disagrees. Catches state
  // shared between instances, a rejected set that already evicted or moved a key, and boundary slips
  // the long random runs above may only meet deep in a trace.
  forSeeds('generated operations on two caches at once agree with the reference, shrunk on failure', [401, 402, 403, 404, 405, 406], (seed) => {
    property('LRU + TTL cache vs the reference TtlCache', lruCaseArb, (c) => checkLruCase(c, (options) => new LruTtlCache<number>(options)), {
      seed,
      numRuns: 150,
      describeCase: describeLruCase,
    });
  });
});

/** The key an array element stands for: the element itself, or the first key-like string field of an object element. */
function keyOf(element: unknown, isKey: (k: string) => boolean): string | undefined {
  if (typeof element === 'string') return isKey(element) ? element : undefined;
  if (element !== null && typeof element === 'object') {
    for (const v of Object.values(element as object)) if (typeof v === 'string' && isKey(v)) return v;
  }
  return undefined;
}

/**
 * Arrays hanging off the cache object (or one level down) that hold the keys in recency order,
 * least or most recent first: the tell-tale of a recency list searched with indexOf/splice, O(n)
 * per use. An array used otherwise (a pool of nodes in slot order, index links) is not flagged.
 */
function recencyArrays(cache: object, recency: readonly string[]): string[] {
  const isKey = (k: string) => /^k\d+$/.test(k);
  const sameAs = (keys: string[], order: readonly string[]) => keys.length === order.length && keys.every((k, i) => k === order[i]);
  const reversed = [...recency].reverse();
  const found: string[] = [];
  const inspect = (name: string, value: unknown) => {
    if (!Array.isArray(value) || value.length <= 64) return;
    const keys = value.map((e) => keyOf(e, isKey)).filter((k): k is string => k !== undefined);
    if (sameAs(keys, recency) || sameAs(keys, reversed)) found.push(`${name} (${value.length} items, the keys in recency order)`);
  };
  for (const [name, value] of Object.entries(cache)) {
    inspect(name, value);
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Map)) {
      for (const [inner, v] of Object.entries(value as object)) inspect(`${name}.${inner}`, v);
    }
  }
  return found;
}

stage('constant-time', () => {
  test('keeps its entries in a map made by newMap', () => {
    const { cache, maps } = build({ maxEntries: 200 });
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, i);
    if (!maps.some((m) => m.size === 100)) {
      fail(`after 100 inserts, none of the ${maps.length} map(s) created with newMap() holds 100 entries (sizes: ${maps.map((m) => m.size).join(', ') || 'no maps'}); keep the entries in a map from newMap()`);
    }
  });

  test('keeps the recency order in links or in the map, not in an array', () => {
    const { cache } = build({ maxEntries: 5000 });
    const inserted: string[] = [];
    for (let i = 0; i < 3000; i++) {
      cache.set(`k${i}`, i);
      inserted.push(`k${i}`);
    }
    // Use 1,000 keys in a shuffled order, so that the recency order differs from the insertion order.
    const used = new Prng('lru-ttl-cache recency array').shuffled(inserted).slice(0, 1000);
    for (const key of used) cache.get(key);
    const usedSet = new Set(used);
    const recency = [...inserted.filter((k) => !usedSet.has(k)), ...used];
    const arrays = recencyArrays(cache, recency);
    expect(arrays.join(', ') || 'none', 'arrays that keep the recency order (finding a key in one with indexOf is O(n) per use)').toBe('none');
  });

  test('evicting from a full cache of 20,000 entries costs a bounded number of map operations', () => {
    const n = 20_000;
    const budget = new OperationBudget();
    const { cache } = build({ maxEntries: n }, budget);
    for (let i = 0; i < n; i++) cache.set(`k${i}`, i, { ttlMs: 1000 + (i % 500) });
    const perOp = 12;
    const ops = 2000;
    budget.reset(perOp * ops);
    try {
      for (let i = 0; i < ops; i++) cache.set(`new${i}`, i);
    } catch (error) {
      if (!budget.exceeded) throw error;
    }
    metric('mapOperationsPerEviction', budget.steps / ops);
    if (budget.exceeded) {
      // Name the cause only when the counts show it.
      const why =
        budget.iterationSteps * 2 > budget.steps
          ? 'most of them stepping through a map: finding the victim must not scan the entries (keep it at the tail of a list, or take the first key of the map once)'
          : 'finding the victim must take a fixed number of map operations, whatever the number of entries';
      fail(`inserting ${ops} new keys into a full cache of ${n} entries took more than ${perOp * ops} map operations (${perOp} per insert): ${budget.describe()}; ${why}`);
    }
    expect(cache.size, 'size').toBe(n);
  });

  test('a mixed workload over 20,000 entries averages a bounded number of map operations per call', () => {
    const n = 20_000;
    const budget = new OperationBudget();
    const { cache, clock } = build({ maxEntries: n }, budget);
    const rng = new Prng('lru-ttl-cache mixed workload');
    for (let i = 0; i < n; i++) cache.set(`k${i}`, i, { ttlMs: rng.range(50, 5000) });
    const perOp = 12;
    const ops = 30_000;
    budget.reset(perOp * ops);
    try {
      for (let i = 0; i < ops; i++) {
        const key = `k${rng.int(2 * n)}`;
        const roll = rng.int(10);
        if (roll < 5) cache.get(key);
        else if (roll < 8) cache.set(key, i, { ttlMs: rng.range(50, 5000) });
        else if (roll < 9) cache.has(key);
        else cache.delete(key);
        if (i % 10 === 0) clock.advanceMs(1);
      }
    } catch (error) {
      if (!budget.exceeded) throw error;
    }
    metric('mapOperationsPerCall', budget.steps / ops);
    if (budget.exceeded) fail(`${ops} mixed calls on ${n} entries took more than ${perOp * ops} map operations (${perOp} per call on average): ${budget.describe()}`);
  });
});
