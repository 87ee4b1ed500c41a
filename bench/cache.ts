/**
 * Reference LRU (engine/cache TtlCache with the LRU policy) against the lru-cache package, measured
 * in the same run on the same operation sequence. Goal: the reference within 1.5× of lru-cache.
 * Run: npx tsx bench/cache.ts
 */
import { LRUCache } from 'lru-cache';
import { VirtualClock } from '../engine/sim/clock';
import { Prng } from '../engine/sim/prng';
import { TtlCache } from '../engine/cache/ttl-cache';

interface Workload {
  name: string;
  capacity: number;
  keys: string[];
  /** ops[i] true = set, false = get, on keys[i]. */
  isSet: boolean[];
}

function makeWorkload(name: string, capacity: number, keySpace: number, setPerMille: number, ops: number, seed: number): Workload {
  const prng = new Prng(seed);
  const names: string[] = [];
  for (let i = 0; i < keySpace; i++) names.push(`key:${i}`);
  const keys: string[] = [];
  const isSet: boolean[] = [];
  for (let i = 0; i < ops; i++) {
    // Skewed popularity: half the operations go to the first tenth of the key space.
    const hot = prng.chance(500);
    keys.push(names[hot ? prng.int(Math.max(1, keySpace / 10)) : prng.int(keySpace)] as string);
    isSet.push(prng.chance(setPerMille));
  }
  return { name, capacity, keys, isSet };
}

interface Measured {
  opsPerSecond: number;
  hits: number;
}

function timeIt(run: () => number, opCount: number, rounds: number): Measured {
  let best = Infinity;
  let hits = 0;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    hits = run();
    const elapsedMs = performance.now() - start;
    if (elapsedMs < best) best = elapsedMs;
  }
  return { opsPerSecond: (opCount / best) * 1000, hits };
}

function runReference(w: Workload): number {
  const cache = new TtlCache<number>({ clock: new VirtualClock(), maxEntries: w.capacity });
  let hits = 0;
  for (let i = 0; i < w.keys.length; i++) {
    const key = w.keys[i] as string;
    if (w.isSet[i]) cache.set(key, i);
    else if (cache.get(key) !== undefined) hits++;
    else cache.set(key, i);
  }
  return hits;
}

function runLruCache(w: Workload): number {
  const cache = new LRUCache<string, number>({ max: w.capacity });
  let hits = 0;
  for (let i = 0; i < w.keys.length; i++) {
    const key = w.keys[i] as string;
    if (w.isSet[i]) cache.set(key, i);
    else if (cache.get(key) !== undefined) hits++;
    else cache.set(key, i);
  }
  return hits;
}

function main(): void {
  const ops = 1_000_000;
  const workloads = [
    makeWorkload('read-heavy, fits mostly (10k cap, 20k keys, 10% sets)', 10_000, 20_000, 100, ops, 1),
    makeWorkload('churn (1k cap, 100k keys, 10% sets)', 1_000, 100_000, 100, ops, 2),
    makeWorkload('write-heavy (10k cap, 50k keys, 50% sets)', 10_000, 50_000, 500, ops, 3),
  ];
  console.log('cache: reference LRU (TtlCache) vs lru-cache, same operation sequence, best of 5 rounds');
  let worst = 0;
  for (const w of workloads) {
    // Warm both implementations up before timing.
    runReference(w);
    runLruCache(w);
    const ref = timeIt(() => runReference(w), ops, 5);
    const base = timeIt(() => runLruCache(w), ops, 5);
    if (ref.hits !== base.hits) throw new Error(`hit counts differ on "${w.name}": reference ${ref.hits}, lru-cache ${base.hits}`);
    const ratio = base.opsPerSecond / ref.opsPerSecond;
    worst = Math.max(worst, ratio);
    console.log(
      `  ${w.name}\n    reference ${fmt(ref.opsPerSecond)} ops/s, lru-cache ${fmt(base.opsPerSecond)} ops/s, lru-cache/reference ${ratio.toFixed(2)}× (hits ${ref.hits})`,
    );
  }
  console.log(`  worst ratio ${worst.toFixed(2)}× (goal ≤ 1.5×): ${worst <= 1.5 ? 'met' : 'NOT met'}`);
}

function fmt(n: number): string {
  return `${(n / 1e6).toFixed(2)}M`;
}

main();
