import type { Seed } from '../../sim/prng';
import type { Latency } from '../latency';
import { seriesOf, type Series } from '../series';
import type { ReadPath } from '../strategies/read-path';
import { createCacheWorld, type CacheWorld, type CacheWorldOptions } from '../world';

export interface PenetrationFloodOptions {
  seed: Seed;
  /** Build the read path; `existingKeys` lets a path fill its Bloom filter from the DB's keys. */
  readPath: (world: CacheWorld<string>, existingKeys: readonly string[]) => ReadPath<string>;
  existingKeys?: number;
  lookups?: number;
  /** How many distinct absent keys the attacker cycles through (small: null caching helps; large: it does not). */
  absentKeyPool?: number;
  /** Share of lookups, in per-mille, that are legitimate reads of existing keys. */
  legitPerMille?: number;
  arrivalWindowMs?: number;
  dbReadLatencyMs?: Latency;
  makeStore?: CacheWorldOptions<string>['makeStore'];
}

export interface PenetrationFloodReport {
  seed: number;
  lookups: number;
  absentLookups: number;
  legitLookups: number;
  /** DB queries for keys that do not exist: the penetration measure. */
  dbQueriesForAbsentKeys: number;
  dbQueries: number;
  /** Legitimate reads answered "absent": must be 0 for a correct filter. */
  falseNegatives: number;
  filtered: number;
  /** DB queries and lookups started per 10 virtual ms. */
  series: Series[];
}

/** Penetration (缓存穿透): a flood of lookups for keys that exist neither in the cache nor in the DB. */
export async function runPenetrationFlood(options: PenetrationFloodOptions): Promise<PenetrationFloodReport> {
  const existingCount = options.existingKeys ?? 1000;
  const lookups = options.lookups ?? 5000;
  const pool = options.absentKeyPool ?? lookups;
  const legitPerMille = options.legitPerMille ?? 100;
  const arrivalWindowMs = options.arrivalWindowMs ?? 1000;
  const world = createCacheWorld<string>({
    seed: options.seed,
    dbReadLatencyMs: options.dbReadLatencyMs ?? [2, 8],
    cacheLatencyMs: [0, 1],
    makeStore: options.makeStore,
  });
  const existing: string[] = [];
  for (let i = 0; i < existingCount; i++) {
    const key = `user:${i}`;
    existing.push(key);
    world.db.preload(key, `profile ${i}`);
  }
  const path = options.readPath(world, existing);

  let absentLookups = 0;
  let legitLookups = 0;
  let falseNegatives = 0;
  let filtered = 0;
  const arrivalsMs: number[] = [];
  for (let i = 0; i < lookups; i++) {
    const legit = world.prng.chance(legitPerMille);
    const key = legit ? world.prng.pick(existing) : `ghost:${world.prng.int(pool)}`;
    if (legit) legitLookups++;
    else absentLookups++;
    const delayMs = world.prng.int(arrivalWindowMs + 1);
    arrivalsMs.push(delayMs);
    world.sched.spawn(
      `lookup ${i}`,
      async () => {
        const result = await path.read(key);
        if (result.source === 'filtered') filtered++;
        if (legit && result.value === null) falseNegatives++;
      },
      delayMs,
    );
  }
  await world.sched.run();
  let dbQueriesForAbsentKeys = 0;
  for (let i = 0; i < pool; i++) dbQueriesForAbsentKeys += world.db.reads.countFor(`ghost:${i}`);
  const endMs = world.clock.nowMs() + 1;
  return {
    seed: world.seed,
    lookups,
    absentLookups,
    legitLookups,
    dbQueriesForAbsentKeys,
    dbQueries: world.db.reads.total,
    falseNegatives,
    filtered,
    series: [seriesOf('db queries', world.db.reads.startTimesMs(), 0, endMs, 10), seriesOf('lookups', arrivalsMs, 0, endMs, 10)],
  };
}
