/**
 * Scenarios for the cache-breakdown lab, built on the reference cache engine: the learner's
 * coalescer sits in the reference cache-aside read path; everything else is engine/cache.
 */
import { Prng } from '../../engine/sim/prng';
import { Scheduler } from '../../engine/cache/scheduler';
import { CacheAside } from '../../engine/cache/strategies/cache-aside';
import type { ReadPath, ReadResult } from '../../engine/cache/strategies/read-path';
import type { Coalescer } from '../../engine/cache/strategies/singleflight';
import { fixedTtl } from '../../engine/cache/strategies/ttl-policy';
import { HOT_KEY, runHotKeyExpiry, type HotKeyExpiryReport } from '../../engine/cache/workloads/hot-key-expiry';
import { createCacheWorld } from '../../engine/cache/world';

/** DB read latency in the hot-key scenarios, and the cache hop: a reader that joins a load waits at most DB_READ_MS_MAX + 2 hops. */
export const DB_READ_MS: readonly [number, number] = [40, 60];
export const CACHE_HOP_MS_MAX = 1;
export const TTL_MS = 1000;

export interface HotKeyResult {
  report: HotKeyExpiryReport;
  /** Readers whose answer was not the DB's value. */
  wrongValues: string[];
}

/** 1,000 readers arrive within 10 ms of the hot key's expiry (engine/cache runHotKeyExpiry). */
export async function hotKeyExpiry(
  seed: number,
  coalescer: Coalescer,
  readers = 1000,
  workload: { dbReadLatencyMs: readonly [number, number]; arrivalWindowMs: number } = { dbReadLatencyMs: DB_READ_MS, arrivalWindowMs: 10 },
): Promise<HotKeyResult> {
  const wrongValues: string[] = [];
  const report = await runHotKeyExpiry({
    seed,
    readers,
    dbReadLatencyMs: [workload.dbReadLatencyMs[0], workload.dbReadLatencyMs[1]],
    arrivalWindowMs: workload.arrivalWindowMs,
    cacheLatencyMs: [0, CACHE_HOP_MS_MAX],
    readPath: (world) => {
      const inner = new CacheAside(world, { ttl: fixedTtl(TTL_MS), coalescer });
      return checked(inner, (result) => {
        if (result.value !== 'v1' && wrongValues.length < 5) wrongValues.push(`got ${JSON.stringify(result.value)} at ${world.clock.nowMs()} ms`);
      });
    },
  });
  return { report, wrongValues };
}

function checked(inner: ReadPath<string>, check: (result: ReadResult<string>) => void): ReadPath<string> {
  return {
    read: async (key) => {
      const result = await inner.read(key);
      check(result);
      return result;
    },
  };
}

export interface WaveResult {
  wave: number;
  expiryMs: number;
  dbLoads: number;
  expectedValue: string;
  wrongValues: number;
  firstWrong: string | undefined;
  readerLatencyMsMax: number;
}

/**
 * Several expiries of one hot key. Before each expiry the DB row is rewritten (without touching
 * the cache); a wave of readers then arrives just after the expiry. Each wave must cost exactly
 * one DB load and every reader must get the value committed before the wave.
 */
export async function repeatedExpiries(seed: number, coalescer: Coalescer, waves: number, readersPerWave: number): Promise<WaveResult[]> {
  const world = createCacheWorld<string>({ seed, dbReadLatencyMs: DB_READ_MS, dbWriteLatencyMs: 5, cacheLatencyMs: [0, CACHE_HOP_MS_MAX] });
  const { sched, db } = world;
  db.preload(HOT_KEY, 'v0');
  const path = new CacheAside(world, { ttl: fixedTtl(TTL_MS), coalescer });
  sched.spawn('warm-up', () => path.read(HOT_KEY));
  await sched.run();
  const results: WaveResult[] = [];
  for (let wave = 1; wave <= waves; wave++) {
    const slot = world.store.get(HOT_KEY);
    if (slot === undefined) throw new Error(`seed ${seed}: the hot key is not cached before wave ${wave}`);
    const expiryMs = slot.expiresAtMs;
    const expectedValue = `v${wave}`;
    sched.spawn('writer', () => db.write(HOT_KEY, expectedValue), Math.max(0, expiryMs - 100 - sched.nowMs()));
    const loadsBefore = db.reads.total;
    let wrongValues = 0;
    let firstWrong: string | undefined;
    let readerLatencyMsMax = 0;
    for (let i = 0; i < readersPerWave; i++) {
      const atMs = expiryMs + 2 + world.prng.int(11);
      sched.spawn(
        `wave ${wave} reader ${i}`,
        async () => {
          const result = await path.read(HOT_KEY);
          readerLatencyMsMax = Math.max(readerLatencyMsMax, sched.nowMs() - atMs);
          if (result.value !== expectedValue) {
            wrongValues++;
            firstWrong ??= `reader ${i} got ${JSON.stringify(result.value)} (version ${result.version})`;
          }
        },
        atMs - sched.nowMs(),
      );
    }
    const run = await sched.run();
    if (run.unfinishedTasks.length > 0) throw new Error(`seed ${seed}: ${run.unfinishedTasks.length} readers never finished in wave ${wave}`);
    results.push({ wave, expiryMs, dbLoads: db.reads.total - loadsBefore, expectedValue, wrongValues, firstWrong, readerLatencyMsMax });
  }
  return results;
}

export interface FailureResult {
  loads: number;
  rejected: number;
  errors: string[];
  retried: string | undefined;
}

/** A load that fails: every caller that shared it sees the error, and the next call loads again. */
export async function failingLoad(seed: number, coalescer: Coalescer, callers: number): Promise<FailureResult> {
  const sched = new Scheduler({ prng: new Prng(seed) });
  let loads = 0;
  let rejected = 0;
  const errors: string[] = [];
  let retried: string | undefined;
  const failing = async (): Promise<string> => {
    loads++;
    await sched.sleep(20);
    throw new Error('database unavailable');
  };
  for (let i = 0; i < callers; i++) {
    sched.spawn(
      `caller ${i}`,
      async () => {
        try {
          await coalescer.run('k', failing);
        } catch (error) {
          rejected++;
          if (errors.length < 3) errors.push(error instanceof Error ? error.message : String(error));
        }
      },
      sched.prng.int(10),
    );
  }
  sched.spawn(
    'retry after the failure',
    async () => {
      retried = await coalescer.run('k', async () => {
        loads++;
        await sched.sleep(20);
        return 'recovered';
      });
    },
    100,
  );
  await sched.run();
  return { loads, rejected, errors, retried };
}
