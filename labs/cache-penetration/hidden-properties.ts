/**
 * Generated checks for the cache-penetration lab.
 *
 * - Bloom filter: generated key sets (any UTF-16, empty, long), generated memory sizes and item
 *   counts, two filters at once: no false negatives, an all-zero filter rules everything out, and a
 *   filter over a copy of the bits answers exactly like the original (all state in the bits).
 * - False-positive rate: a binomial bound with a stated false-fail probability for a correct filter.
 * - PenetrationGuard: a differential property on generated read sequences against the read path the
 *   README specifies (filter, then cache, then DB; a row cached for ttlMs, an absence for nullTtlMs),
 *   on a fake world that records every cache and DB call, with two guards at once.
 */
import { fc } from '../../grader/harness/property';
import { fail } from '../../grader/harness/api';
import { describeThrown } from '../../grader/harness/describe-value';
import type { CacheDeps, CacheSlot, MembershipFilter, PenetrationGuardOptions, ReadResult } from './api';

// ---------------------------------------------------------------------------------------------
// Bloom filter properties

export interface FilterLike extends MembershipFilter {
  readonly hashCount: number;
}

export interface FilterCase {
  /** Words of memory and expected items of filter A and filter B. */
  wordsA: number;
  itemsA: number;
  wordsB: number;
  itemsB: number;
  /** Keys added, each to A or B, in this order. */
  adds: { to: 'A' | 'B'; key: string }[];
  /** Keys asked but (maybe) never added. */
  probes: string[];
}

/**
 * Any code point, lone surrogates included: what `unit: 'binary'` draws, without the reverse map of all 1.1 million
 * code points fast-check builds for `binary` in every fresh sandbox (1.6 s of the suite's 2.7 s of CPU).
 */
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp));

const keyArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: anyCodePoint, maxLength: 8 }),
  fc.nat({ max: 100_000 }).map((i) => `user:${i}`),
  fc.constantFrom('', '缓存', '\u0000', '\ud800', 'x'.repeat(300)),
);

export const filterCaseArb: fc.Arbitrary<FilterCase> = fc.record({
  wordsA: fc.integer({ min: 1, max: 48 }),
  itemsA: fc.integer({ min: 1, max: 400 }),
  wordsB: fc.integer({ min: 1, max: 48 }),
  itemsB: fc.integer({ min: 1, max: 400 }),
  adds: fc.array(fc.record({ to: fc.constantFrom('A' as const, 'B' as const), key: keyArb }), { maxLength: 60 }),
  probes: fc.array(keyArb, { maxLength: 30 }),
});

export function describeFilterCase(c: FilterCase): string {
  const show = (k: string) => JSON.stringify(k.length > 20 ? `${k.slice(0, 20)}…(${k.length} chars)` : k);
  return `filter A: ${c.wordsA} words for ${c.itemsA} items, filter B: ${c.wordsB} words for ${c.itemsB} items; adds ${c.adds.map((a) => `${a.to}.add(${show(a.key)})`).join(', ') || 'none'}; probes ${c.probes.map(show).join(', ') || 'none'}`;
}

/**
 * Throws (with the reason) unless the filters built by `make` keep the Bloom filter contract on
 * this case. Two filters live at once, so state shared between instances shows up.
 */
export function checkFilterCase(c: FilterCase, make: (bits: Uint32Array, n: number) => FilterLike): void {
  const bitsA = new Uint32Array(c.wordsA);
  const bitsB = new Uint32Array(c.wordsB);
  const a = make(bitsA, c.itemsA);
  const b = make(bitsB, c.itemsB);
  for (const f of [a, b]) {
    if (!Number.isInteger(f.hashCount) || f.hashCount < 1) throw new Error(`hashCount is ${String(f.hashCount)}, not a positive integer`);
  }
  // Nothing added yet: every bit is zero, so every key is definitely absent.
  for (const key of [...c.probes, ...c.adds.map((x) => x.key)].slice(0, 20)) {
    if (a.mightContain(key)) throw new Error(`a filter over all-zero bits answered "maybe" for ${JSON.stringify(key)}`);
  }
  const added = { A: [] as string[], B: [] as string[] };
  for (const { to, key } of c.adds) {
    (to === 'A' ? a : b).add(key);
    added[to].push(key);
    if (!(to === 'A' ? a : b).mightContain(key)) throw new Error(`false negative: right after filter ${to}.add(${JSON.stringify(key)}), mightContain says no`);
  }
  // Every key added, to either filter, is still "maybe" in its own filter once all adds are done.
  for (const [name, f] of [['A', a], ['B', b]] as const) {
    for (const k of added[name]) if (!f.mightContain(k)) throw new Error(`false negative: ${JSON.stringify(k)} was added to filter ${name} but mightContain says no after all the adds`);
  }
  // All state in the bits: a filter over a copy answers exactly like the original.
  const copyA = make(bitsA.slice(), c.itemsA);
  const copyB = make(bitsB.slice(), c.itemsB);
  for (const key of [...c.probes, ...added.A, ...added.B]) {
    for (const [name, f, copy] of [['A', a, copyA], ['B', b, copyB]] as const) {
      const want = f.mightContain(key);
      if (copy.mightContain(key) !== want) throw new Error(`a filter built over a copy of filter ${name}'s bits answered ${String(!want)} for ${JSON.stringify(key)}, the original ${String(want)}: keep every bit of membership state in the array`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// False-positive rate: a bound a correct filter exceeds with probability below 1e-7

/** log of the binomial pmf, via lgamma (Lanczos). */
function logGamma(x: number): number {
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61556008763419, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Smallest c with P(Binomial(n, p) > c) ≤ alpha. */
export function binomialUpperQuantile(n: number, p: number, alpha: number): number {
  const logPmf = (k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
  // Sum the upper tail from far out inwards.
  let tail = 0;
  const top = Math.min(n, Math.ceil(n * p + 40 * Math.sqrt(n * p * (1 - p)) + 40));
  for (let c = top; c >= 0; c--) {
    tail += Math.exp(logPmf(c));
    if (tail > alpha) return c;
  }
  return 0;
}

/**
 * The false-positive probability a correct filter may have at m bits and n items, on the high side:
 * an ideal filter with k = ⌊m/n·ln 2⌋ or ⌈m/n·ln 2⌉ hashes (whichever is worse), with the share of
 * set bits 5.3 standard deviations above its mean (that excess has probability below 1e-7).
 */
export function correctFilterRateUpperBound(m: number, n: number): number {
  const kStar = (m / n) * Math.LN2;
  let worst = 0;
  for (const k of [Math.max(1, Math.floor(kStar)), Math.max(1, Math.ceil(kStar))]) {
    const a = (k * n) / m;
    const empty = Math.exp(-a);
    const sd = Math.sqrt(Math.max(0, empty * (1 - (1 + a) * empty)) / m);
    const fill = Math.min(1, 1 - empty + 5.3 * sd);
    worst = Math.max(worst, fill ** k);
  }
  return worst;
}

/**
 * How many false positives among `probes` absent keys fail the test: above 1.5× the target (the
 * README's promise), and above what a correct filter reaches with probability 1e-7 (the fill
 * excess above plus a binomial tail of 5e-8), whichever is larger. With at most 10 such tests per
 * run, a correct filter fails a run with probability below 1e-6.
 */
export function falsePositiveBound(m: number, n: number, target: number, probes: number): number {
  const statistical = binomialUpperQuantile(probes, correctFilterRateUpperBound(m, n), 5e-8);
  return Math.max(Math.floor(1.5 * target * probes), statistical);
}

// ---------------------------------------------------------------------------------------------
// PenetrationGuard: differential on a recording fake world

type Value = string;

export type GuardEvent =
  | { kind: 'read'; on: 'A' | 'B'; key: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'dbWrite'; key: number; value: number };

export interface GuardCase {
  optionsA: { ttlMs: number; nullTtlMs: number };
  optionsB: { ttlMs: number; nullTtlMs: number };
  /** Keys the DB holds at the start (indexes into GUARD_KEYS), and their values. */
  rows: { key: number; value: number }[];
  /** Keys the filter lets through although absent (its false positives). */
  falsePositives: number[];
  events: GuardEvent[];
}

export const GUARD_KEYS = ['user:1', 'user:2', 'user:3', 'ghost:1', 'ghost:2', 'ghost:3', ''] as const;
/** Values include '' and '0': a row whose value is falsy is still a row. */
const VALUES = ['', '0', 'alice', 'bob', 'null', 'carol'] as const;

const ttlArb = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constantFrom(100, 1000, 60_000));
const optionsArb = fc.record({ ttlMs: ttlArb, nullTtlMs: ttlArb });
const keyIndex = fc.nat({ max: GUARD_KEYS.length - 1 });

export const guardCaseArb: fc.Arbitrary<GuardCase> = fc.record({
  optionsA: optionsArb,
  optionsB: optionsArb,
  rows: fc.array(fc.record({ key: keyIndex, value: fc.nat({ max: VALUES.length - 1 }) }), { maxLength: 5 }),
  falsePositives: fc.array(keyIndex, { maxLength: 4 }),
  events: fc.array(
    fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('read' as const), on: fc.constantFrom('A' as const, 'B' as const), key: keyIndex }), weight: 6 },
      { arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constantFrom(1000, 60_000)) }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant('dbWrite' as const), key: keyIndex, value: fc.nat({ max: VALUES.length - 1 }) }), weight: 1 },
    ),
    { minLength: 1, maxLength: 25 },
  ),
});

export function describeGuardCase(c: GuardCase): string {
  const k = (i: number) => JSON.stringify(GUARD_KEYS[i]);
  const ev = (e: GuardEvent) =>
    e.kind === 'read' ? `${e.on}.read(${k(e.key)})` : e.kind === 'tick' ? `clock +${e.ms} ms` : `DB write ${k(e.key)} = ${JSON.stringify(VALUES[e.value])}`;
  return (
    `guard A {ttlMs: ${c.optionsA.ttlMs}, nullTtlMs: ${c.optionsA.nullTtlMs}}, guard B {ttlMs: ${c.optionsB.ttlMs}, nullTtlMs: ${c.optionsB.nullTtlMs}} (each its own cache and DB); ` +
    `DB rows ${c.rows.map((r) => `${k(r.key)} = ${JSON.stringify(VALUES[r.value])}`).join(', ') || 'none'}; filter false positives ${c.falsePositives.map(k).join(', ') || 'none'}; ` +
    `then ${c.events.map(ev).join(', ')}`
  );
}

/** The read path as the README specifies it (same rules as the reference solution). */
class SpecGuard {
  constructor(
    private readonly deps: CacheDeps<Value>,
    private readonly options: PenetrationGuardOptions,
  ) {}

  async read(key: string): Promise<ReadResult<Value>> {
    if (!this.options.filter.mightContain(key)) return { value: null, version: 0, source: 'filtered' };
    const cached = await this.deps.cache.get(key);
    if (cached !== undefined) return { value: cached.value, version: cached.version, source: 'cache' };
    const row = await this.deps.db.read(key);
    const now = this.deps.sched.nowMs();
    const ttlMs = row === undefined ? this.options.nullTtlMs : this.options.ttlMs;
    const slot: CacheSlot<Value> = row === undefined ? { value: null, version: 0, expiresAtMs: now + ttlMs } : { value: row.value, version: row.version, expiresAtMs: now + ttlMs };
    await this.deps.cache.set(key, slot, { ttlMs });
    return { value: slot.value, version: slot.version, source: 'db' };
  }
}

export interface GuardLike {
  read(key: string): Promise<ReadResult<Value>>;
}

/** One guard's world: a clock shared by both, its own cache (honouring the TTL given to set) and DB, and a log of calls. */
class FakeWorld {
  readonly log: string[] = [];
  private readonly cache = new Map<string, { slot: CacheSlot<Value>; untilMs: number }>();
  private readonly db = new Map<string, { value: Value; version: number }>();

  constructor(private readonly clock: { now: number }) {}

  write(key: string, value: Value): void {
    const version = (this.db.get(key)?.version ?? 0) + 1;
    this.db.set(key, { value, version });
  }

  deps(): CacheDeps<Value> {
    const clock = this.clock;
    const log = this.log;
    const cache = this.cache;
    const db = this.db;
    return {
      sched: { nowMs: () => clock.now },
      db: {
        read: async (key) => {
          log.push(`db.read(${JSON.stringify(key)})`);
          const row = db.get(key);
          return row === undefined ? undefined : { ...row };
        },
      },
      cache: {
        get: async (key) => {
          log.push(`cache.get(${JSON.stringify(key)})`);
          const e = cache.get(key);
          if (e === undefined || e.untilMs <= clock.now) return undefined;
          return { ...e.slot };
        },
        set: async (key, slot, options) => {
          const s = slot as Partial<CacheSlot<Value>> | null;
          log.push(`cache.set(${JSON.stringify(key)}, {value: ${JSON.stringify(s?.value)}, version: ${String(s?.version)}, expiresAtMs: ${String(s?.expiresAtMs)}}, {ttlMs: ${String(options?.ttlMs)}})`);
          const ttl = options?.ttlMs ?? Infinity;
          cache.set(key, { slot: { value: s?.value ?? null, version: s?.version ?? 0, expiresAtMs: s?.expiresAtMs ?? Infinity }, untilMs: clock.now + ttl });
        },
        delete: async (key) => {
          log.push(`cache.delete(${JSON.stringify(key)})`);
          return cache.delete(key);
        },
      },
    };
  }
}

/** Runs a case; returns one line per read: the answer and the cache and DB calls it made. */
export async function runGuardCase(c: GuardCase, make: (deps: CacheDeps<Value>, options: PenetrationGuardOptions) => GuardLike): Promise<string[]> {
  const clock = { now: 0 };
  const maybe = new Set<string>([...c.rows.map((r) => GUARD_KEYS[r.key]!), ...c.falsePositives.map((i) => GUARD_KEYS[i]!)]);
  const filter: MembershipFilter = { add: (key) => void maybe.add(key), mightContain: (key) => maybe.has(key) };
  const worlds = { A: new FakeWorld(clock), B: new FakeWorld(clock) };
  for (const w of [worlds.A, worlds.B]) for (const r of c.rows) w.write(GUARD_KEYS[r.key]!, VALUES[r.value]!);
  const guards = { A: make(worlds.A.deps(), { filter, ...c.optionsA }), B: make(worlds.B.deps(), { filter, ...c.optionsB }) };
  const lines: string[] = [];
  for (const e of c.events) {
    if (e.kind === 'tick') {
      clock.now += e.ms;
      continue;
    }
    if (e.kind === 'dbWrite') {
      for (const w of [worlds.A, worlds.B]) w.write(GUARD_KEYS[e.key]!, VALUES[e.value]!);
      continue;
    }
    const key = GUARD_KEYS[e.key]!;
    const w = worlds[e.on];
    w.log.length = 0;
    let answer: string;
    try {
      const r = await guards[e.on].read(key);
      answer = `{value: ${JSON.stringify(r.value)}, version: ${String(r.version)}, source: ${JSON.stringify(r.source)}}`;
    } catch (error) {
      answer = `threw ${describeThrown(error, 150)}`;
    }
    lines.push(`at ${clock.now} ms ${e.on}.read(${JSON.stringify(key)}) → ${answer}; calls: ${w.log.join(', ') || 'none'}`);
  }
  return lines;
}

/** Differential property: the learner's guard answers and calls exactly as the README's read path. */
export async function checkGuard(seed: number, make: (deps: CacheDeps<Value>, options: PenetrationGuardOptions) => GuardLike, numRuns: number): Promise<void> {
  const spec = (deps: CacheDeps<Value>, options: PenetrationGuardOptions) => new SpecGuard(deps, options);
  const firstDifference = async (c: GuardCase): Promise<string | undefined> => {
    const want = await runGuardCase(c, spec);
    let got: string[];
    try {
      got = await runGuardCase(c, make);
    } catch (error) {
      return `your code threw ${describeThrown(error, 200)}`;
    }
    const i = want.findIndex((line, j) => got[j] !== line);
    return i < 0 ? undefined : `expected ${want[i]}\n     got ${got[i] ?? 'nothing'}`;
  };
  const details = await fc.check(
    fc.asyncProperty(guardCaseArb, async (c) => (await firstDifference(c)) === undefined),
    { seed, numRuns },
  );
  if (!details.failed || details.counterexample === null) return;
  const minimal = details.counterexample[0];
  const why = (await firstDifference(minimal)) ?? 'it failed while searching but not on its own (state kept between cases?)';
  fail(`generated reads (seed ${seed}): minimal counter-example after ${details.numRuns} cases and ${details.numShrinks} shrinks: ${describeGuardCase(minimal)} —\n  ${why}`);
}
