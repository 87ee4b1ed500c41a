/** Scenarios for the cache-penetration lab, on the reference cache engine (engine/cache). */
import { Prng } from '../../engine/sim/prng';
import type { MembershipFilter } from '../../engine/cache/bloom-filter';
import type { ReadPath } from '../../engine/cache/strategies/read-path';
import { runPenetrationFlood, type PenetrationFloodReport } from '../../engine/cache/workloads/penetration-flood';
import { createCacheWorld, type CacheWorld } from '../../engine/cache/world';

/** Bits for n items at false-positive rate p: m = ⌈−n·ln p / (ln 2)²⌉, rounded up to whole 32-bit words. */
export function wordsFor(expectedItems: number, falsePositiveRate: number): number {
  return Math.ceil(Math.ceil((-expectedItems * Math.log(falsePositiveRate)) / (Math.LN2 * Math.LN2)) / 32);
}

export interface FilterLike extends MembershipFilter {
  readonly hashCount: number;
}

export interface FprMeasurement {
  items: number;
  target: number;
  bitCount: number;
  hashCount: number;
  probes: number;
  falsePositives: number;
  rate: number;
  falseNegatives: string[];
  /** Keys on which a second filter over a copy of the bits disagreed with the first. */
  copyDisagreements: string[];
}

/** Fill a filter sized for (n, p) with n random keys, then probe keys that were never added. */
export function measureFpr(
  make: (bits: Uint32Array, n: number) => FilterLike,
  rng: Prng,
  items: number,
  target: number,
  probes: number,
): FprMeasurement {
  const bits = new Uint32Array(wordsFor(items, target));
  const filter = make(bits, items);
  const tag = rng.nextU32().toString(36);
  const added: string[] = [];
  for (let i = 0; i < items; i++) {
    const key = `user:${tag}:${i}:${rng.int(1_000_000)}`;
    added.push(key);
    filter.add(key);
  }
  const falseNegatives = added.filter((k) => !filter.mightContain(k)).slice(0, 5);
  const copy = make(bits.slice(), items);
  const copyDisagreements: string[] = [];
  let falsePositives = 0;
  for (let j = 0; j < probes; j++) {
    const key = `ghost:${tag}:${j}`;
    const answer = filter.mightContain(key);
    if (answer) falsePositives++;
    if (j < 2000 && copy.mightContain(key) !== answer && copyDisagreements.length < 5) copyDisagreements.push(key);
  }
  for (const key of added.slice(0, 200)) if (!copy.mightContain(key) && copyDisagreements.length < 5) copyDisagreements.push(key);
  return {
    items,
    target,
    bitCount: bits.length * 32,
    hashCount: filter.hashCount,
    probes,
    falsePositives,
    rate: falsePositives / probes,
    falseNegatives,
    copyDisagreements,
  };
}

/** A filter that lets everything through: null caching alone. */
export const admitAll: MembershipFilter = { add: () => undefined, mightContain: () => true };

export interface FloodSetup {
  seed: number;
  target?: number;
  absentKeyPool: number;
  useFilter: boolean;
  nullTtlMs?: number;
  lookups?: number;
}

/** engine/cache runPenetrationFlood: 5,000 lookups by default, 90% of them for keys that exist nowhere. */
export async function flood(
  setup: FloodSetup,
  makeFilter: (bits: Uint32Array, n: number) => MembershipFilter,
  makeGuard: (world: CacheWorld<string>, filter: MembershipFilter) => ReadPath<string>,
): Promise<{ report: PenetrationFloodReport; cacheGets: number }> {
  let world: CacheWorld<string> | undefined;
  const report = await runPenetrationFlood({
    seed: setup.seed,
    absentKeyPool: setup.absentKeyPool,
    lookups: setup.lookups,
    readPath: (w, keys) => {
      world = w;
      let filter = admitAll;
      if (setup.useFilter) {
        filter = makeFilter(new Uint32Array(wordsFor(keys.length, setup.target ?? 0.01)), keys.length);
        for (const key of keys) filter.add(key);
      }
      return makeGuard(w, filter);
    },
  });
  return { report, cacheGets: world?.cache.counts.get ?? 0 };
}

export interface LateKeyResult {
  answers: string[];
  dbQueries: number;
}

/**
 * A key that does not exist is read (and its absence cached), then created in the DB. Reads keep
 * getting "absent" only until the null TTL ends; then they see the row.
 */
export async function keyCreatedLater(
  seed: number,
  nullTtlMs: number,
  ttlMs: number,
  makeGuard: (world: CacheWorld<string>) => ReadPath<string>,
): Promise<LateKeyResult> {
  const world = createCacheWorld<string>({ seed: new Prng(seed).nextU32(), dbReadLatencyMs: 5, dbWriteLatencyMs: 5, cacheLatencyMs: 1 });
  const guard = makeGuard(world);
  const answers: string[] = [];
  const { sched, db } = world;
  const readAt = (atMs: number) =>
    sched.spawn(
      `read at ${atMs}`,
      async () => {
        const r = await guard.read('user:new');
        answers.push(`${atMs}ms: ${r.value === null ? 'absent' : r.value}`);
      },
      atMs,
    );
  readAt(0);
  sched.spawn('create the row', () => db.write('user:new', 'created').then(() => undefined), 100);
  readAt(200);
  readAt(nullTtlMs - 50);
  readAt(nullTtlMs + 100);
  readAt(nullTtlMs + 300);
  await sched.run();
  return { answers, dbQueries: db.reads.total };
}
