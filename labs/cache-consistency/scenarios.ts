/**
 * The cache-consistency race: writers use the learner's write path, readers the reference
 * cache-aside read path (no TTL), all on the reference cache engine. Every read is checked against
 * the DB's commit history: a read is stale if it returned a version older than one committed before
 * it began, and its staleness is how long before the read that newer version was committed.
 */
import type { Latency } from '../../engine/cache/latency';
import { CacheAside } from '../../engine/cache/strategies/cache-aside';
import type { WritePath } from '../../engine/cache/strategies/read-path';
import { fixedTtl } from '../../engine/cache/strategies/ttl-policy';
import { seriesOf, type Series } from '../../engine/cache/series';
import { createCacheWorld, type CacheWorld } from '../../engine/cache/world';

export interface RaceSettings {
  keys: number;
  writers: number;
  writesPerWriter: number;
  writerThinkMs: Latency;
  readers: number;
  readerThinkMs: Latency;
  dbReadLatencyMs: Latency;
  dbWriteLatencyMs: Latency;
  cacheLatencyMs: Latency;
  /** Handed to the write path. */
  maxReadMs: number;
  staleBoundMs: number;
  /** After every `writes` writes a writer pauses `pauseMs` (bursts of racing writes, then quiet in which a stale fill shows). */
  writerBursts?: { writes: number; pauseMs: Latency };
  /** One write path per writer task instead of one shared by all (state kept in module scope leaks between them). */
  writerPerTask?: boolean;
}

/** Reads 5–15 ms, writes 5–15 ms, cache hops 0–2 ms; writes come in bursts with quiet gaps. */
export const DEFAULT_RACE: RaceSettings = {
  keys: 3,
  writers: 4,
  writesPerWriter: 20,
  writerThinkMs: [0, 150],
  readers: 6,
  readerThinkMs: [0, 6],
  dbReadLatencyMs: [5, 15],
  dbWriteLatencyMs: [5, 15],
  cacheLatencyMs: [0, 2],
  maxReadMs: 20,
  staleBoundMs: 100,
};

/** Reads slower than writes: the rare update-then-delete race becomes common. */
export const SLOW_READS: RaceSettings = {
  ...DEFAULT_RACE,
  writerThinkMs: [0, 60],
  dbReadLatencyMs: [10, 30],
  dbWriteLatencyMs: [1, 5],
  maxReadMs: 35,
  staleBoundMs: 150,
};

export interface StaleRead {
  key: string;
  startMs: number;
  gotVersion: number;
  newerCommittedAtMs: number;
  ageMs: number;
}

export interface RaceReport {
  seed: number;
  reads: number;
  writes: number;
  staleReads: number;
  maxStaleAgeMs: number;
  /** Writes whose write() resolved before their value was committed to the DB. */
  acknowledgedBeforeCommit: string[];
  worstStaleRead: StaleRead | undefined;
  divergentKeys: { key: string; cached: string | null; db: string | null }[];
  converged: boolean;
  series: Series[];
}

type Options = { maxReadMs: number; staleBoundMs: number };

export async function race(seed: number, settings: RaceSettings, makeWriter: (world: CacheWorld<string>, options: Options) => WritePath<string>): Promise<RaceReport> {
  const world = createCacheWorld<string>({
    seed,
    dbReadLatencyMs: settings.dbReadLatencyMs,
    dbWriteLatencyMs: settings.dbWriteLatencyMs,
    cacheLatencyMs: settings.cacheLatencyMs,
  });
  const { sched, db, prng } = world;
  const keys: string[] = [];
  for (let i = 0; i < settings.keys; i++) {
    keys.push(`row:${i}`);
    db.preload(`row:${i}`, `row:${i}=initial`);
  }
  const reader = new CacheAside(world, { ttl: fixedTtl(Infinity) });
  const shared = settings.writerPerTask ? undefined : makeWriter(world, { maxReadMs: settings.maxReadMs, staleBoundMs: settings.staleBoundMs });
  const draw = (latency: Latency, own: typeof prng) => (typeof latency === 'number' ? latency : own.range(latency[0], latency[1]));

  let writes = 0;
  let writersDone = 0;
  const acknowledgedBeforeCommit: string[] = [];
  for (let w = 0; w < settings.writers; w++) {
    const own = prng.fork(`writer ${w}`);
    const writer = shared ?? makeWriter(world, { maxReadMs: settings.maxReadMs, staleBoundMs: settings.staleBoundMs });
    sched.spawn(`writer ${w}`, async () => {
      for (let i = 0; i < settings.writesPerWriter; i++) {
        await sched.sleep(draw(settings.writerThinkMs, own));
        if (settings.writerBursts !== undefined && i > 0 && i % settings.writerBursts.writes === 0) await sched.sleep(draw(settings.writerBursts.pauseMs, own));
        const key = own.pick(keys);
        const value = `${key}=w${w}#${i}`;
        await writer.write(key, value);
        if (!db.history(key).some((c) => c.value === value) && acknowledgedBeforeCommit.length < 5) acknowledgedBeforeCommit.push(value);
        writes++;
      }
      writersDone++;
    });
  }

  const readStartsMs: number[] = [];
  const staleStartsMs: number[] = [];
  const stale: StaleRead[] = [];
  for (let r = 0; r < settings.readers; r++) {
    const own = prng.fork(`reader ${r}`);
    sched.spawn(`reader ${r}`, async () => {
      // Readers keep reading while any writer is still writing.
      while (writersDone < settings.writers) {
        await sched.sleep(draw(settings.readerThinkMs, own));
        const key = own.pick(keys);
        const startMs = sched.nowMs();
        const committedAtStart = db.peek(key)?.version ?? 0;
        const result = await reader.read(key);
        readStartsMs.push(startMs);
        if (result.version < committedAtStart) {
          // The first commit the read missed: the one that superseded the version it got.
          const newer = db.history(key).find((c) => c.version === result.version + 1);
          const newerCommittedAtMs = newer?.atMs ?? 0;
          stale.push({ key, startMs, gotVersion: result.version, newerCommittedAtMs, ageMs: startMs - newerCommittedAtMs });
          staleStartsMs.push(startMs);
        }
      }
    });
  }

  const run = await sched.run();
  if (run.unfinishedTasks.length > 0) throw new Error(`seed ${seed}: tasks never finished: ${run.unfinishedTasks.slice(0, 5).join(', ')}`);

  const divergentKeys: RaceReport['divergentKeys'] = [];
  for (const key of keys) {
    const row = db.peek(key);
    const slot = world.store.has(key) ? world.store.get(key) : undefined;
    if (slot !== undefined && slot.value !== (row?.value ?? null)) divergentKeys.push({ key, cached: slot.value, db: row?.value ?? null });
  }
  let worst: StaleRead | undefined;
  for (const s of stale) if (worst === undefined || s.ageMs > worst.ageMs) worst = s;
  const endMs = sched.nowMs() + 1;
  return {
    seed: world.seed,
    reads: readStartsMs.length,
    writes,
    staleReads: stale.length,
    maxStaleAgeMs: worst?.ageMs ?? 0,
    acknowledgedBeforeCommit,
    worstStaleRead: worst,
    divergentKeys,
    converged: divergentKeys.length === 0,
    series: [seriesOf('reads', readStartsMs, 0, endMs, 10), seriesOf('stale reads', staleStartsMs, 0, endMs, 10)],
  };
}
