/**
 * Generated cases for the segment-ids hidden suite: sequential callers whose DB answers change the
 * step and skip IDs leased by other servers, checked ID for ID and preload by preload; and fleet
 * settings drawn from a seed (servers, callers, latency, steps, preload fraction) under which a
 * correct double buffer never makes a caller wait. Server-only helper.
 */
import { fc } from '../../grader/harness/property';
import type { Latency } from '../../engine/cache/latency';
import type { Prng } from '../../engine/sim/prng';

/**
 * Preload fractions for which `remaining <= f * size`, `remaining / size <= f` and the exact
 * rational comparison agree at every size used here (0.7 is left out: 0.7 · 10 is 7.000000000000001).
 */
export const FRACTIONS = [undefined, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 0.8, 0.9] as const;

/** Segment sizes: each ≥ 10 so that f · size ≥ 1 for every fraction (a preload always starts before the segment is empty). */
export const STEPS = [10, 12, 20, 25, 37, 40, 50, 64, 100, 150] as const;

export interface Lease {
  /** The step the operator has configured when this round trip runs. */
  step: number;
  /** IDs other servers leased since the previous round trip (the segments are not contiguous). */
  gap: number;
}

export interface SequentialCase {
  fraction: number | undefined;
  startMaxId: number;
  /** The settings for round trip k are leases[k % leases.length]. */
  leases: readonly Lease[];
  ids: number;
  latency: readonly [number, number];
  /** A caller waits this long (uniform, ms) between calls; at least 1, so calls never share a millisecond. */
  think: readonly [number, number];
  /** Two allocators (two biz tags, one table) at once, each with its own caller. */
  pair: boolean;
}

export const sequentialCaseArb: fc.Arbitrary<SequentialCase> = fc.record({
  fraction: fc.constantFrom(...FRACTIONS),
  startMaxId: fc.constantFrom(0, 0, 7, 1_000_000, 2 ** 40),
  leases: fc.array(fc.record({ step: fc.constantFrom(...STEPS), gap: fc.constantFrom(0, 0, 0, 1, 13, 500) }), { minLength: 1, maxLength: 5 }),
  ids: fc.integer({ min: 1, max: 260 }),
  latency: fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 25 })).map(([lo, extra]) => [lo, lo + extra] as const),
  think: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 })).map(([lo, extra]) => [lo, lo + extra] as const),
  pair: fc.boolean(),
});

export function describeSequentialCase(c: SequentialCase): string {
  return `${c.pair ? 'two allocators (tags "a" and "b"), one caller each' : 'one caller'} taking ${c.ids} IDs, preloadRemainingFraction ${c.fraction ?? 'default (0.2)'}, row maxId ${c.startMaxId} at start, round trips lease ${c.leases.map((l) => `step ${l.step}${l.gap ? ` after ${l.gap} IDs leased elsewhere` : ''}`).join(' / ')} (cycling), DB latency ${c.latency[0]}–${c.latency[1]} ms, ${c.think[0]}–${c.think[1]} ms between calls`;
}

/** Remaining IDs in a segment of `size` at which a preload may start: "at most fraction · size remains", first reached. */
export function preloadPoints(fraction: number | undefined, size: number): number[] {
  const perHundred = Math.round((fraction ?? 0.2) * 100);
  const exact = (perHundred * size) / 100;
  if ((perHundred * size) % 100 === 0) return [exact];
  // f · size is not a whole number: "at most" means floor(f · size). A threshold rounded up
  // (Math.ceil or Math.round of f · size) starts one ID earlier; that is accepted.
  return [Math.floor(exact), Math.ceil(exact)];
}

export interface WorldShape {
  servers: number;
  callersPerServer: number;
  durationMs: number;
  latency: Latency;
  steps: readonly number[];
  fraction: number | undefined;
  crashPerMille: number;
  stepChangePerMille: number;
  /** A caller sleeps this many ms (uniform range) between calls. */
  thinkMs: readonly [number, number];
  /** Whether a call after the incarnation's first segment may wait (heavy load: yes). */
  waitsAllowed: boolean;
}

/**
 * Fleet settings from a seed. Every step is large enough that the fraction left when the preload
 * starts lasts at least twice the slowest DB round trip, even with every caller of the server
 * taking one ID per ms: a correct double buffer never makes a caller wait after the first segment.
 */
export function steadyWorld(rng: Prng): WorldShape {
  const servers = rng.range(1, 4);
  const callersPerServer = rng.range(1, 6);
  const fraction = rng.pick([...FRACTIONS]);
  const hi = rng.range(2, 20);
  const lo = rng.range(1, hi);
  const f = fraction ?? 0.2;
  const minStep = Math.ceil((2 * hi * callersPerServer + callersPerServer) / f);
  const steps = [minStep, minStep + rng.range(1, minStep), 2 * minStep + rng.range(0, 97)];
  const durationMs = Math.max(300, Math.min(1500, Math.round(7000 / (servers * callersPerServer))));
  return {
    servers,
    callersPerServer,
    durationMs,
    latency: [lo, hi],
    steps,
    fraction,
    crashPerMille: rng.pick([0, 30, 80]),
    stepChangePerMille: rng.pick([0, 40]),
    thinkMs: [1, rng.range(1, 4)],
    waitsAllowed: false,
  };
}
