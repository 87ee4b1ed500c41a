/**
 * Server-only: the racing read, built on purpose rather than waited for. In a random race the
 * read that puts the old row back after the first delete is rare, and a second delete that comes
 * too soon or too late often goes unseen. Here, for every key, a reader misses and takes its DB
 * snapshot 1 ms before the commit, so its fill of the old row lands after the commit (and after a
 * first delete sent right after it) whatever the write path does. Latencies are fixed, so the
 * timeline is exact: the old row must be out of the cache by commit + staleBoundMs + one cache hop
 * (a read that starts later would be older than the bound), and must not come back.
 *
 * Drawn from the seed: DB read and write latencies, the cache hop, one to three keys written at
 * staggered times, one write path shared or one per key, maxReadMs (the read path's real worst
 * case plus a margin) and staleBoundMs, with room for any delay from just over maxReadMs to
 * halfway to the bound: staleBoundMs − maxReadMs ≥ 2 · hop + 12.
 */
import type { Prng } from '../../engine/sim/prng';
import { CacheAside } from '../../engine/cache/strategies/cache-aside';
import type { WritePath } from '../../engine/cache/strategies/read-path';
import { fixedTtl } from '../../engine/cache/strategies/ttl-policy';
import { createCacheWorld, type CacheWorld } from '../../engine/cache/world';

export interface ProbeCase {
  dbReadMs: number;
  dbWriteMs: number;
  hopMs: number;
  keys: number;
  staggerMs: number;
  writerPerKey: boolean;
  maxReadMs: number;
  staleBoundMs: number;
}

export function probeCase(rng: Prng): ProbeCase {
  const hopMs = rng.range(0, 3);
  const dbReadMs = rng.range(2, 90);
  const maxReadMs = dbReadMs + hopMs + rng.range(0, 5);
  const minGap = 2 * hopMs + 12;
  // Half tight (under twice maxReadMs when it is large enough), half loose.
  const gap = rng.chance(500) ? minGap + rng.range(0, Math.max(0, maxReadMs - minGap - 1)) : minGap + rng.range(0, 150);
  return {
    dbReadMs,
    dbWriteMs: rng.range(2, 20),
    hopMs,
    keys: rng.range(1, 3),
    staggerMs: rng.range(0, 40),
    writerPerKey: rng.chance(500),
    maxReadMs,
    staleBoundMs: maxReadMs + gap,
  };
}

export function describeProbe(p: ProbeCase): string {
  return (
    `DB reads ${p.dbReadMs} ms, DB writes ${p.dbWriteMs} ms, cache hops ${p.hopMs} ms, ${p.keys} key${p.keys === 1 ? '' : 's'} written ${p.staggerMs} ms apart` +
    `${p.keys > 1 ? (p.writerPerKey ? ' by one CacheAsideWriter each' : ' by one shared CacheAsideWriter') : ''}, maxReadMs ${p.maxReadMs}, staleBoundMs ${p.staleBoundMs}`
  );
}

export interface ProbeResult {
  /** The first problem found, or undefined. */
  problem: string | undefined;
  /** When each key's old row left the cache for good, relative to its commit (undefined: never there after the commit). */
  removedAfterMs: (number | undefined)[];
}

type Options = { maxReadMs: number; staleBoundMs: number };

export async function probe(seed: number, p: ProbeCase, makeWriter: (world: CacheWorld<string>, options: Options) => WritePath<string>): Promise<ProbeResult> {
  const world = createCacheWorld<string>({ seed, dbReadLatencyMs: p.dbReadMs, dbWriteLatencyMs: p.dbWriteMs, cacheLatencyMs: p.hopMs });
  const { sched, db, store } = world;
  const options = { maxReadMs: p.maxReadMs, staleBoundMs: p.staleBoundMs };
  const reader = new CacheAside(world, { ttl: fixedTtl(Infinity) });
  const shared = p.writerPerKey ? undefined : makeWriter(world, options);
  const keys = Array.from({ length: p.keys }, (_, k) => `row:${k}`);
  const commits: number[] = [];
  const acknowledged: (number | undefined)[] = keys.map(() => undefined);
  for (const [k, key] of keys.entries()) {
    db.preload(key, `${key}=old`);
    const writer = shared ?? makeWriter(world, options);
    // The write starts at writeStart and commits dbWriteMs later; the reader's snapshot comes 1 ms before the commit.
    const writeStartMs = p.hopMs + 2 + k * p.staggerMs;
    const commitMs = writeStartMs + p.dbWriteMs;
    commits.push(commitMs);
    sched.spawn(`write ${key}`, async () => {
      await writer.write(key, `${key}=new`);
      acknowledged[k] = sched.nowMs();
    }, writeStartMs);
    // get (one hop, a miss: nothing is cached yet or the write path already deleted), then the DB snapshot at commitMs − 1.
    sched.spawn(`racing read ${key}`, () => reader.read(key), commitMs - 1 - p.hopMs);
  }
  const lastCommit = commits[commits.length - 1]!;
  const horizon = lastCommit + p.staleBoundMs + 2 * p.maxReadMs + 4 * p.hopMs + 50;
  /** Last instant each key's cache slot held a row older than the committed one, after its commit. */
  const lastOld: (number | undefined)[] = keys.map(() => undefined);
  sched.spawn('watch the cache', async () => {
    while (sched.nowMs() <= horizon) {
      for (const [k, key] of keys.entries()) {
        const slot = store.has(key) ? store.get(key) : undefined;
        const committed = db.peek(key)?.version ?? 0;
        if (sched.nowMs() >= commits[k]! && slot !== undefined && slot.version < committed) lastOld[k] = sched.nowMs();
      }
      await sched.sleep(1);
    }
  });
  const run = await sched.run();
  if (run.unfinishedTasks.length > 0) return { problem: `tasks never finished: ${run.unfinishedTasks.slice(0, 5).join(', ')}`, removedAfterMs: [] };

  const removedAfterMs = lastOld.map((t, k) => (t === undefined ? undefined : t + 1 - commits[k]!));
  for (const [k, key] of keys.entries()) {
    const committedAt = db.history(key).find((c) => c.value === `${key}=new`)?.atMs;
    if (committedAt === undefined) return { problem: `${key}: the write of ${key}=new never reached the DB`, removedAfterMs };
    if (acknowledged[k] !== undefined && acknowledged[k]! < committedAt) {
      return { problem: `${key}: write() resolved at ${acknowledged[k]} ms, before its commit at ${committedAt} ms`, removedAfterMs };
    }
    const slot = store.has(key) ? store.get(key) : undefined;
    if (slot !== undefined && slot.value !== `${key}=new`) {
      return { problem: `${key}: after every task finished the cache still holds ${JSON.stringify(slot.value)}, the DB ${JSON.stringify(`${key}=new`)} (committed at ${committedAt} ms)`, removedAfterMs };
    }
    const limit = p.staleBoundMs + p.hopMs;
    const last = lastOld[k];
    if (last !== undefined && last - committedAt > limit) {
      return {
        problem:
          `${key}: committed at ${committedAt} ms, but the old row was still in the cache at ${last} ms (${last - committedAt} ms after the commit); ` +
          `a read starting at ${last - p.hopMs} ms got it, ${last - p.hopMs - committedAt} ms after the commit it missed (bound ${p.staleBoundMs} ms). ` +
          `The racing read's old row landed at ${committedAt - 1 + p.dbReadMs + p.hopMs} ms`,
        removedAfterMs,
      };
    }
  }
  return { problem: undefined, removedAfterMs };
}
