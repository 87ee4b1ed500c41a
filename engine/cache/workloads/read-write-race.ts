import type { Seed } from '../../sim/prng';
import type { Latency } from '../latency';
import { seriesOf, type Series } from '../series';
import type { ReadPath, WritePath } from '../strategies/read-path';
import { PENDING_VERSION } from '../strategies/write-behind';
import { createCacheWorld, type CacheWorld, type CacheWorldOptions } from '../world';

export interface ReadWriteRaceOptions {
  seed: Seed;
  readPath: (world: CacheWorld<string>) => ReadPath<string>;
  writePath: (world: CacheWorld<string>) => WritePath<string>;
  keys?: number;
  writers?: number;
  writesPerWriter?: number;
  writerThinkMs?: Latency;
  readers?: number;
  readsPerReader?: number;
  readerThinkMs?: Latency;
  dbReadLatencyMs?: Latency;
  dbWriteLatencyMs?: Latency;
  cacheLatencyMs?: Latency;
  /** Crash the write path (it must have crash()) at this virtual time: for write-behind. */
  crashAtMs?: number;
  /**
   * After their regular writes, every writer waits until this virtual time and then writes every
   * key once: many writes to one key at the same instant, the situation where write orders race.
   */
  finalBurstAtMs?: number;
  /** Crash the write path the moment the last writer has its last write acknowledged. */
  crashAfterLastWrite?: boolean;
  makeStore?: CacheWorldOptions<string>['makeStore'];
}

export interface ReadWriteRaceReport {
  seed: number;
  reads: number;
  /** Reads that returned a version older than one already committed when the read began. */
  staleReads: number;
  staleReadFraction: number;
  writes: number;
  /** After every task and timer has finished: keys whose cached value differs from the DB's. */
  divergentKeys: string[];
  converged: boolean;
  /** Keys whose last acknowledged write never reached the DB (write-behind losses). */
  keysMissingLastWrite: string[];
  /** Reads and stale reads started per 10 virtual ms. */
  series: Series[];
}

/**
 * Cache–DB consistency: writers and readers hit a few keys concurrently through the given write and
 * read paths; then everything quiesces (delayed deletes and flushes included) and the cache is
 * compared with the DB. Values are unique per write, so "which write is this" is never ambiguous.
 */
export async function runReadWriteRace(options: ReadWriteRaceOptions): Promise<ReadWriteRaceReport> {
  const world = createCacheWorld<string>({
    seed: options.seed,
    dbReadLatencyMs: options.dbReadLatencyMs ?? [5, 15],
    dbWriteLatencyMs: options.dbWriteLatencyMs ?? [5, 15],
    cacheLatencyMs: options.cacheLatencyMs ?? [0, 2],
    makeStore: options.makeStore,
  });
  const keyCount = options.keys ?? 3;
  const keys: string[] = [];
  for (let i = 0; i < keyCount; i++) {
    keys.push(`row:${i}`);
    world.db.preload(`row:${i}`, `row:${i}=initial`);
  }
  const reader = options.readPath(world);
  const writer = options.writePath(world);
  const { sched, db, prng } = world;

  const lastAcked = new Map<string, string>();
  let writes = 0;
  let writersDone = 0;
  const crashable = writer as Partial<{ crash(): void }>;
  if ((options.crashAtMs !== undefined || options.crashAfterLastWrite === true) && typeof crashable.crash !== 'function') {
    throw new Error('crash options need a write path with crash()');
  }
  const writerCount = options.writers ?? 4;
  const writesPerWriter = options.writesPerWriter ?? 40;
  const writerThinkMs = options.writerThinkMs ?? [0, 20];
  for (let w = 0; w < writerCount; w++) {
    const own = prng.fork(`writer ${w}`);
    sched.spawn(`writer ${w}`, async () => {
      for (let i = 0; i < writesPerWriter; i++) {
        await sched.sleep(typeof writerThinkMs === 'number' ? writerThinkMs : own.range(writerThinkMs[0], writerThinkMs[1]));
        const key = own.pick(keys);
        const value = `${key}=w${w}#${i}`;
        await writer.write(key, value);
        writes++;
        lastAcked.set(key, value);
      }
      if (options.finalBurstAtMs !== undefined) {
        if (sched.nowMs() < options.finalBurstAtMs) await sched.sleep(options.finalBurstAtMs - sched.nowMs());
        await Promise.all(
          keys.map(async (key) => {
            const value = `${key}=w${w}#burst`;
            await writer.write(key, value);
            writes++;
            lastAcked.set(key, value);
          }),
        );
      }
      writersDone++;
      if (writersDone === writerCount && options.crashAfterLastWrite === true) crashable.crash?.();
    });
  }

  const readStartsMs: number[] = [];
  const staleStartsMs: number[] = [];
  const readerCount = options.readers ?? 8;
  const readsPerReader = options.readsPerReader ?? 200;
  const readerThinkMs = options.readerThinkMs ?? [0, 6];
  for (let r = 0; r < readerCount; r++) {
    const own = prng.fork(`reader ${r}`);
    sched.spawn(`reader ${r}`, async () => {
      for (let i = 0; i < readsPerReader; i++) {
        await sched.sleep(typeof readerThinkMs === 'number' ? readerThinkMs : own.range(readerThinkMs[0], readerThinkMs[1]));
        const key = own.pick(keys);
        const startMs = sched.nowMs();
        const committedAtStart = db.peek(key)?.version ?? 0;
        const result = await reader.read(key);
        readStartsMs.push(startMs);
        if (result.version !== PENDING_VERSION && result.version < committedAtStart) staleStartsMs.push(startMs);
      }
    });
  }

  if (options.crashAtMs !== undefined) sched.after(options.crashAtMs, () => crashable.crash?.());

  const run = await sched.run();
  if (run.unfinishedTasks.length > 0) throw new Error(`tasks never finished: ${run.unfinishedTasks.join(', ')} (seed ${world.seed})`);

  const divergentKeys: string[] = [];
  const keysMissingLastWrite: string[] = [];
  for (const key of keys) {
    const row = db.peek(key);
    const slot = world.store.has(key) ? world.store.get(key) : undefined;
    if (slot !== undefined && slot.value !== (row?.value ?? null)) divergentKeys.push(key);
    const acked = lastAcked.get(key);
    if (acked !== undefined && !db.history(key).some((c) => c.value === acked)) keysMissingLastWrite.push(key);
  }
  const endMs = world.clock.nowMs() + 1;
  return {
    seed: world.seed,
    reads: readStartsMs.length,
    staleReads: staleStartsMs.length,
    staleReadFraction: staleStartsMs.length / Math.max(1, readStartsMs.length),
    writes,
    divergentKeys,
    converged: divergentKeys.length === 0,
    keysMissingLastWrite,
    series: [seriesOf('reads', readStartsMs, 0, endMs, 10), seriesOf('stale reads', staleStartsMs, 0, endMs, 10)],
  };
}

