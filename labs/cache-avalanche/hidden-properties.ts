/**
 * Server-only: generated cases for the cache-avalanche properties. Sizes are generated (jitters
 * from 0 to a million, windows from 1 ms to 5 s, times where the window starts below 0), several
 * instances live at once (a constructor argument kept in module state leaks between them), the
 * supplied PRNG is checked by replay, and frequencies by the checks of hidden-stats.ts (false-fail
 * probability below 1e-6 per run). Small jitters and small windows are where off-by-one and
 * rounding mistakes change a frequency by a lot, so they are generated most often.
 */
import { Prng } from '../../engine/sim/prng';
import { fc } from '../../grader/harness/property';
import { acceptedCounts, consistent } from './hidden-stats';
import { EarlyRefresh, JitteredTtl } from './solution';

// ---------------------------------------------------------------- constructor arguments

type Arg = { value: number; valid: boolean; label: string };

const validBase = fc.integer({ min: 1, max: 10_000_000 }).map((v): Arg => ({ value: v, valid: true, label: String(v) }));
const validJitter = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000_000 })).map((v): Arg => ({ value: v, valid: true, label: String(v) }));
/** Values no TTL argument may take: fractions, NaN, infinities; plus zero and negatives where the rule says so. */
function invalid(allowZero: boolean): fc.Arbitrary<Arg> {
  const negatives = fc.integer({ min: -10_000_000, max: -1 });
  return fc.oneof(
    (allowZero ? negatives : fc.oneof(fc.constant(0), negatives)).map((v): Arg => ({ value: v, valid: false, label: String(v) })),
    fc.integer({ min: -1000, max: 1000 }).map((v): Arg => ({ value: v + 0.5, valid: false, label: String(v + 0.5) })),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY).map((v): Arg => ({ value: v, valid: false, label: String(v) })),
  );
}

export const ttlArguments = fc.record({
  base: fc.oneof(validBase, invalid(false)),
  jitter: fc.oneof(validJitter, invalid(true)),
});

export function describeArguments(c: { base: Arg; jitter: Arg }): string {
  return `new JitteredTtl(${c.base.label}, ${c.jitter.label}, prng)`;
}

export function checkTtlArguments(c: { base: Arg; jitter: Arg }): void {
  const valid = c.base.valid && c.jitter.valid;
  let thrown: unknown;
  let threw = false;
  try {
    new JitteredTtl(c.base.value, c.jitter.value, new Prng(1));
  } catch (error) {
    threw = true;
    thrown = error;
  }
  if (valid && threw) throw new Error(`threw ${String(thrown)} for valid arguments (base a positive integer, jitter a non-negative integer)`);
  if (!valid && !threw) throw new Error(`accepted ${c.base.valid ? `jitter ${c.jitter.label}` : `base ${c.base.label}`}; expected a RangeError`);
  if (!valid && !(thrown instanceof Error && thrown.name === 'RangeError')) throw new Error(`threw ${String(thrown)}; expected a RangeError`);
}

// ---------------------------------------------------------------- TTL range, several instances

/** Jitters: mostly small (where the ends matter), sometimes large. */
const jitterSize = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 13, max: 1_000_000 }) });

interface TtlInstance {
  baseMs: number;
  jitterMs: number;
  seed: number;
}
const ttlInstance = fc.record({ baseMs: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10_000_000 })), jitterMs: jitterSize, seed: fc.integer() });

export const ttlInstances = fc.record({
  instances: fc.array(ttlInstance, { minLength: 1, maxLength: 3 }),
  calls: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 40 }),
});

export function describeInstances(c: { instances: TtlInstance[]; calls: number[] }): string {
  const which = c.calls.map((k) => k % c.instances.length);
  return `${c.instances.map((i, k) => `#${k}: new JitteredTtl(${i.baseMs}, ${i.jitterMs})`).join(', ')}; ttlMsFor on ${which.map((k) => `#${k}`).join(' ')}`;
}

export function checkTtlRange(c: { instances: TtlInstance[]; calls: number[] }): void {
  const made = c.instances.map((i) => new JitteredTtl(i.baseMs, i.jitterMs, new Prng(i.seed)));
  for (const [n, call] of c.calls.entries()) {
    const k = call % made.length;
    const { baseMs, jitterMs } = c.instances[k]!;
    const t = made[k]!.ttlMsFor(`key-${n}`);
    if (!Number.isInteger(t) || t < baseMs || t > baseMs + jitterMs) {
      throw new Error(`call ${n + 1}: #${k}.ttlMsFor() returned ${t}; expected an integer in [${baseMs}, ${baseMs + jitterMs}]`);
    }
  }
}

// ---------------------------------------------------------------- supplied PRNG: replay

export const ttlReplayCase = fc.record({
  baseMs: fc.integer({ min: 1, max: 100_000 }),
  jitterMs: fc.integer({ min: 1, max: 100_000 }),
  seedA: fc.integer(),
  seedB: fc.integer(),
}).filter((c) => c.seedA !== c.seedB);

const REPLAY_DRAWS = 64;

export function checkTtlReplay(c: { baseMs: number; jitterMs: number; seedA: number; seedB: number }): void {
  const draw = (seed: number) => {
    const ttl = new JitteredTtl(c.baseMs, c.jitterMs, new Prng(seed));
    return Array.from({ length: REPLAY_DRAWS }, (_, i) => ttl.ttlMsFor(`key-${i}`));
  };
  const first = draw(c.seedA);
  const again = draw(c.seedA);
  const other = draw(c.seedB);
  const differsAt = first.findIndex((t, i) => t !== again[i]);
  if (differsAt >= 0) {
    throw new Error(`two instances on prngs with the same seed ${c.seedA} drew different TTLs (draw ${differsAt + 1}: ${first[differsAt]} then ${again[differsAt]}): draw only from the prng you are given, so a run replays from its seed`);
  }
  if (first.every((t, i) => t === other[i])) {
    if (first.every((t) => t === first[0])) {
      throw new Error(`all ${REPLAY_DRAWS} TTLs were ${first[0]}, on prngs with seeds ${c.seedA} and ${c.seedB} alike: each fill needs a fresh draw in [${c.baseMs}, ${c.baseMs + c.jitterMs}]`);
    }
    throw new Error(`prngs with seeds ${c.seedA} and ${c.seedB} gave the same ${REPLAY_DRAWS} TTLs: draw the jitter from the prng you are given`);
  }
}

// ---------------------------------------------------------------- TTL frequencies

interface UniformityCase {
  baseMs: number;
  jitterMs: number;
  seed: number;
  /** Every fill of the same key (a per-key cache of the draw would show), or a new key each time. */
  sameKey: boolean;
}

export const ttlUniformityCase: fc.Arbitrary<UniformityCase> = fc.record({
  baseMs: fc.integer({ min: 1, max: 10_000_000 }),
  jitterMs: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 24 }) }, { weight: 1, arbitrary: fc.integer({ min: 25, max: 1_000_000 }) }),
  seed: fc.integer(),
  sameKey: fc.boolean(),
});

export function describeUniformityCase(c: UniformityCase): string {
  return `new JitteredTtl(${c.baseMs}, ${c.jitterMs}, new Prng(${c.seed})), ${c.sameKey ? 'every fill of one key' : 'a new key per fill'}`;
}

/** Values 0..jitter grouped into at most 25 groups of near-equal size: [first, last] offsets from base. */
function groupsOf(jitterMs: number): [number, number][] {
  const values = jitterMs + 1;
  const count = Math.min(values, 25);
  return Array.from({ length: count }, (_, g) => [Math.floor((g * values) / count), Math.floor(((g + 1) * values) / count) - 1]);
}

export function checkTtlUniformity(c: UniformityCase): void {
  const groups = groupsOf(c.jitterMs);
  const draws = Math.max(6000, 400 * groups.length);
  const counts = new Array<number>(groups.length).fill(0);
  const ttl = new JitteredTtl(c.baseMs, c.jitterMs, new Prng(c.seed));
  const groupSize = (c.jitterMs + 1) / groups.length;
  for (let i = 0; i < draws; i++) {
    const t = ttl.ttlMsFor(c.sameKey ? 'same-key' : `key-${i}`);
    const offset = t - c.baseMs;
    if (!Number.isInteger(t) || offset < 0 || offset > c.jitterMs) throw new Error(`draw ${i + 1} was ${t}, outside [${c.baseMs}, ${c.baseMs + c.jitterMs}]`);
    // Groups have near-equal sizes; find the one holding the offset.
    let g = Math.min(groups.length - 1, Math.floor(offset / groupSize));
    while (g > 0 && offset < groups[g]![0]) g--;
    while (g < groups.length - 1 && offset > groups[g]![1]) g++;
    counts[g]!++;
  }
  const label = ([a, b]: [number, number]) => (a === b ? `base + ${a}` : `base + ${a}…${b}`);
  for (const [g, [a, b]] of groups.entries()) {
    const p = (b - a + 1) / (c.jitterMs + 1);
    if (!consistent(counts[g]!, draws, p)) {
      const [lo, hi] = acceptedCounts(draws, p);
      const shown = groups.length <= 13 ? `; counts of ${groups.map(label).join(', ')}: ${counts.join(', ')}` : '';
      throw new Error(`${label([a, b])} came ${counts[g]} times in ${draws} draws; a uniform draw gives ${lo}–${hi} (false-fail chance under 1e-6 per run)${shown}`);
    }
  }
}

// ---------------------------------------------------------------- early refresh: edges

const windowSize = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 13, max: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 61, max: 5000 }) },
);
/** Expiry instants, sometimes inside the first window (so the window starts before 0). */
const expiry = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 10_000_000 }));

interface EdgeProbe {
  /** Which instance. */
  inst: number;
  expiresAtMs: number;
  /** Milliseconds before the window starts (1..), or 0 for the window's last millisecond. */
  before: number;
}

export const edgeCase = fc.record({
  windows: fc.array(fc.record({ windowMs: windowSize, seed: fc.integer() }), { minLength: 1, maxLength: 2 }),
  probes: fc.array(
    fc.record({ inst: fc.nat({ max: 1 }), expiresAtMs: expiry, before: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 1_000_000 })) }),
    { minLength: 1, maxLength: 30 },
  ),
});

function probeTime(windowMs: number, p: EdgeProbe): number {
  return p.before === 0 ? p.expiresAtMs - 1 : p.expiresAtMs - windowMs - p.before;
}

export function describeEdgeCase(c: { windows: { windowMs: number }[]; probes: EdgeProbe[] }): string {
  const parts = c.probes.map((p) => {
    const k = p.inst % c.windows.length;
    return `${c.windows.length > 1 ? `#${k}.` : ''}shouldRefresh(${probeTime(c.windows[k]!.windowMs, p)}, ${p.expiresAtMs})`;
  });
  return `${c.windows.map((w, k) => `#${k}: new EarlyRefresh(${w.windowMs})`).join(', ')}; ${parts.join(', ')}`;
}

export function checkEdges(c: { windows: { windowMs: number; seed: number }[]; probes: EdgeProbe[] }): void {
  const made = c.windows.map((w) => new EarlyRefresh(w.windowMs, new Prng(w.seed)));
  for (const p of c.probes) {
    const k = p.inst % made.length;
    const { windowMs } = c.windows[k]!;
    const nowMs = probeTime(windowMs, p);
    const got = made[k]!.shouldRefresh(nowMs, p.expiresAtMs);
    const where = `${made.length > 1 ? `#${k}.` : ''}shouldRefresh(${nowMs}, ${p.expiresAtMs}) with a ${windowMs} ms window`;
    if (p.before === 0 && got !== true) throw new Error(`${where} returned ${String(got)}: ${nowMs} is the window's last millisecond, where the probability is (${windowMs} − 1 + 1) / ${windowMs} = 1`);
    if (p.before > 0 && got !== false) throw new Error(`${where} returned ${String(got)}: ${nowMs} is ${p.before} ms before the window starts at ${p.expiresAtMs - windowMs}`);
  }
}

// ---------------------------------------------------------------- early refresh: replay

export const refreshReplayCase = fc.record({ windowMs: fc.integer({ min: 2, max: 5000 }), seedA: fc.integer(), seedB: fc.integer() }).filter((c) => c.seedA !== c.seedB);

export function checkRefreshReplay(c: { windowMs: number; seedA: number; seedB: number }): void {
  // Halfway through the window, where the probability is between 1/2 and 2/3.
  const expiresAtMs = 1_000_000;
  const nowMs = expiresAtMs - c.windowMs + Math.floor((c.windowMs - 1) / 2);
  const decide = (seed: number) => {
    const refresh = new EarlyRefresh(c.windowMs, new Prng(seed));
    return Array.from({ length: REPLAY_DRAWS }, () => refresh.shouldRefresh(nowMs, expiresAtMs));
  };
  const first = decide(c.seedA);
  const again = decide(c.seedA);
  const other = decide(c.seedB);
  const differsAt = first.findIndex((d, i) => d !== again[i]);
  if (differsAt >= 0) {
    throw new Error(`two instances on prngs with the same seed ${c.seedA} decided differently at call ${differsAt + 1} of shouldRefresh(${nowMs}, ${expiresAtMs}): draw only from the prng you are given, so a run replays from its seed`);
  }
  if (first.every((d, i) => d === other[i])) {
    if (first.every((d) => d === first[0])) {
      const p = (nowMs - (expiresAtMs - c.windowMs) + 1) / c.windowMs;
      throw new Error(`shouldRefresh(${nowMs}, ${expiresAtMs}) with a ${c.windowMs} ms window returned ${String(first[0])} on all ${REPLAY_DRAWS} calls, on prngs with seeds ${c.seedA} and ${c.seedB} alike; the probability there is ${+p.toFixed(4)}`);
    }
    throw new Error(`prngs with seeds ${c.seedA} and ${c.seedB} gave the same ${REPLAY_DRAWS} decisions for shouldRefresh(${nowMs}, ${expiresAtMs}): draw from the prng you are given`);
  }
}

// ---------------------------------------------------------------- early refresh: the ramp

interface RampCase {
  windowMs: number;
  expiresAtMs: number;
  seed: number;
}

export const rampCase: fc.Arbitrary<RampCase> = fc.record({
  windowMs: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 2, max: 12 }) }, { weight: 2, arbitrary: fc.integer({ min: 13, max: 50 }) }, { weight: 1, arbitrary: fc.integer({ min: 51, max: 5000 }) }),
  expiresAtMs: expiry,
  seed: fc.integer(),
});

export function describeRampCase(c: RampCase): string {
  return `new EarlyRefresh(${c.windowMs}, new Prng(${c.seed})), expiry at ${c.expiresAtMs} ms`;
}

const RAMP_DRAWS = 2000;

/** Offsets into the window whose probability (k + 1) / W lies in [0.02, 0.98]: the start, the quarters, the end. */
function rampOffsets(windowMs: number): number[] {
  const w = windowMs;
  const wanted = [0, 1, 2, Math.floor(w / 4), Math.floor(w / 2), Math.floor((3 * w) / 4), w - 3, w - 2];
  return [...new Set(wanted)].filter((k) => k >= 0 && k <= w - 2 && (k + 1) / w >= 0.02 && (k + 1) / w <= 0.98).sort((a, b) => a - b);
}

export function checkRamp(c: RampCase): void {
  const refresh = new EarlyRefresh(c.windowMs, new Prng(c.seed));
  const offsets = rampOffsets(c.windowMs);
  const startMs = c.expiresAtMs - c.windowMs;
  const yes = new Array<number>(offsets.length).fill(0);
  // Round-robin over the points, so no point gets a run of consecutive calls.
  for (let i = 0; i < RAMP_DRAWS; i++) {
    for (const [j, k] of offsets.entries()) if (refresh.shouldRefresh(startMs + k, c.expiresAtMs)) yes[j]!++;
  }
  for (const [j, k] of offsets.entries()) {
    const p = (k + 1) / c.windowMs;
    if (!consistent(yes[j]!, RAMP_DRAWS, p)) {
      const [lo, hi] = acceptedCounts(RAMP_DRAWS, p);
      const all = offsets.map((o, i) => `${o} ms in: ${yes[i]}`).join(', ');
      throw new Error(
        `${k} ms into the window (window starts at ${startMs}) shouldRefresh said yes ${yes[j]} times in ${RAMP_DRAWS}; probability (${k} + 1) / ${c.windowMs} gives ${lo}–${hi} (false-fail chance under 1e-6 per run). Yes counts: ${all}`,
      );
    }
  }
}
