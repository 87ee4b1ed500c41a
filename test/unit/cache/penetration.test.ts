import { describe, expect, it } from 'vitest';
import { BloomFilter } from '../../../engine/cache/bloom-filter';
import { CacheAside } from '../../../engine/cache/strategies/cache-aside';
import { fixedTtl } from '../../../engine/cache/strategies/ttl-policy';
import { runPenetrationFlood } from '../../../engine/cache/workloads/penetration-flood';
import { SEEDS } from './seeds';

// Penetration (缓存穿透): 5,000 lookups, 90% of them for keys that exist nowhere.
describe('flood of lookups for absent keys', () => {
  it.each(SEEDS)('plain cache-aside: every absent lookup reaches the DB (seed %i)', async (seed) => {
    const r = await runPenetrationFlood({ seed, readPath: (w) => new CacheAside(w, { ttl: fixedTtl(60_000) }) });
    expect(r.absentLookups, `seed ${seed}`).toBeGreaterThan(4000);
    expect(r.dbQueriesForAbsentKeys, `seed ${seed}`).toBe(r.absentLookups);
  });

  it.each(SEEDS)('null caching: a few repeated absent keys cost about one DB query each (seed %i)', async (seed) => {
    const r = await runPenetrationFlood({ seed, absentKeyPool: 50, readPath: (w) => new CacheAside(w, { ttl: fixedTtl(60_000), nullTtlMs: 10_000 }) });
    // 50 distinct ghosts; a handful of extra queries come from lookups that arrive while the first is in flight.
    expect(r.dbQueriesForAbsentKeys, `seed ${seed}`).toBeGreaterThanOrEqual(50);
    expect(r.dbQueriesForAbsentKeys, `seed ${seed}`).toBeLessThan(100);
    expect(r.falseNegatives, `seed ${seed}`).toBe(0);
  });

  it.each(SEEDS)('null caching does not help when every absent key is new (seed %i)', async (seed) => {
    const r = await runPenetrationFlood({ seed, absentKeyPool: 1_000_000, readPath: (w) => new CacheAside(w, { ttl: fixedTtl(60_000), nullTtlMs: 10_000 }) });
    expect(r.dbQueriesForAbsentKeys, `seed ${seed}`).toBeGreaterThan(0.99 * r.absentLookups);
  });

  it.each(SEEDS)('Bloom filter at 1% false positives: about 1% of absent lookups reach the DB, no existing key is refused (seed %i)', async (seed) => {
    const r = await runPenetrationFlood({
      seed,
      absentKeyPool: 1_000_000,
      readPath: (w, keys) => {
        const filter = BloomFilter.forExpected(keys.length, 0.01);
        for (const k of keys) filter.add(k);
        return new CacheAside(w, { ttl: fixedTtl(60_000), filter });
      },
    });
    expect(r.dbQueriesForAbsentKeys, `seed ${seed}`).toBeLessThan(0.03 * r.absentLookups);
    expect(r.filtered, `seed ${seed}`).toBe(r.absentLookups - r.dbQueriesForAbsentKeys);
    expect(r.falseNegatives, `seed ${seed}`).toBe(0);
    expect(r.legitLookups, `seed ${seed}`).toBeGreaterThan(300);
  });
});
