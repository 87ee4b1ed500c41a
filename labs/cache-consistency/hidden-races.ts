/**
 * Server-only: generated races for the cache-consistency lab. Rather than the two hand-picked
 * settings, a seed draws a whole race: key count, writer and reader counts, DB read and write
 * latencies, cache hops, one write path shared or one per writer, and the two options the write
 * path is given. maxReadMs is what the read path can really take (the slowest DB read plus the
 * slowest cache hop, plus a small margin), and staleBoundMs leaves room for any delay strictly
 * between them: staleBoundMs − maxReadMs ≥ 4 · hop + 12, so a second delete sent anywhere from
 * just after maxReadMs to halfway to the bound lands in time. Bounds below twice maxReadMs are
 * drawn often: a delay of 2 · maxReadMs, a fixed delay tuned to the two hand-picked races, or one
 * that ignores either option fails there.
 */
import type { Prng } from '../../engine/sim/prng';
import type { RaceSettings } from './scenarios';

export function generatedRace(rng: Prng): RaceSettings {
  const hopMs = rng.range(0, 3);
  const readMin = rng.range(1, 40);
  const readMax = readMin + rng.range(5, 40);
  // Writes mostly faster than reads: the race a second delete is for (a read that took its snapshot before the commit fills after the first delete).
  const writeMin = rng.range(1, Math.max(1, Math.min(15, readMin)));
  const writeMax = writeMin + rng.range(0, 10);
  const maxReadMs = readMax + hopMs + rng.range(0, 5);
  const minGap = 4 * hopMs + 12;
  // Mostly a tight bound (under twice maxReadMs when maxReadMs is large enough), else a loose one.
  const gap = rng.chance(700) ? minGap + rng.range(0, Math.max(0, Math.floor((maxReadMs - minGap) / 2))) : minGap + rng.range(0, 120);
  return {
    keys: rng.range(1, 2),
    writers: rng.range(2, 5),
    writesPerWriter: rng.range(10, 20),
    writerThinkMs: [0, rng.range(2, 30)],
    writerBursts: { writes: rng.range(2, 4), pauseMs: [2 * (maxReadMs + gap), 4 * (maxReadMs + gap)] },
    readers: rng.range(3, 8),
    readerThinkMs: [0, rng.range(1, 5)],
    dbReadLatencyMs: [readMin, readMax],
    dbWriteLatencyMs: [writeMin, writeMax],
    cacheLatencyMs: [0, hopMs],
    maxReadMs,
    staleBoundMs: maxReadMs + gap,
    writerPerTask: rng.chance(500),
  };
}

export function describeRace(s: RaceSettings): string {
  const range = (l: RaceSettings['dbReadLatencyMs']) => (typeof l === 'number' ? `${l}` : `${l[0]}–${l[1]}`);
  return (
    `${s.keys} key${s.keys === 1 ? '' : 's'}, ${s.writers} writer${s.writers === 1 ? '' : 's'} × ${s.writesPerWriter} writes (think ${range(s.writerThinkMs)} ms), ` +
    `${s.writerBursts ? `in bursts of ${s.writerBursts.writes} with pauses of ${range(s.writerBursts.pauseMs)} ms, ` : ''}${s.readers} readers, DB reads ${range(s.dbReadLatencyMs)} ms, writes ${range(s.dbWriteLatencyMs)} ms, cache hops ${range(s.cacheLatencyMs)} ms, ` +
    `maxReadMs ${s.maxReadMs}, staleBoundMs ${s.staleBoundMs}, ${s.writerPerTask ? 'one CacheAsideWriter per writer' : 'one CacheAsideWriter shared by the writers'}`
  );
}
