/**
 * Differential property for the LRU + TTL cache: generated capacities (1 to 9), default TTLs
 * (none, 1 to 40 ms, Infinity), and operation sequences on TWO caches at once that share one clock
 * (so state kept at module level, or shared between instances, shows up), including TTLs that must
 * be rejected (0, negative, fractional, NaN, -Infinity) in any state, a full cache included. Every
 * return value, every throw and `size` after every operation are compared with the reference
 * TtlCache of engine/cache; fast-check shrinks a disagreement to the shortest sequence.
 */
import { VirtualClock } from '../../engine/sim/clock';
import { TtlCache } from '../../engine/cache/ttl-cache';
import { bound } from '../../grader/harness/api';
import { fc } from '../../grader/harness/property';
import { describeThrown } from '../../grader/harness/describe-value';
import type { LruTtlCacheOptions } from './api';

export interface CacheLike {
  get(key: string): number | undefined;
  set(key: string, value: number, options?: { ttlMs?: number }): void;
  delete(key: string): boolean;
  has(key: string): boolean;
  readonly size: number;
}

/** Keys: a small pool so that hits, replacements and evictions are frequent, plus names an object has already. */
const KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', '__proto__', 'constructor'] as const;
/** TTLs a set may give: none (the default applies), Infinity, valid ones, and ones that must throw. */
const INVALID_TTLS = [0, -5, 1.5, Number.NaN, -Infinity] as const;

export type TtlChoice = { kind: 'none' } | { kind: 'ms'; ms: number };

export type LruOp =
  | { kind: 'get' | 'has' | 'delete'; on: 'A' | 'B'; key: number }
  | { kind: 'set'; on: 'A' | 'B'; key: number; ttl: TtlChoice }
  | { kind: 'tick'; ms: number };

export interface LruCase {
  maxA: number;
  maxB: number;
  defaultA: number | undefined;
  defaultB: number | undefined;
  ops: LruOp[];
}

const ttlArb: fc.Arbitrary<TtlChoice> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'none' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'ms' as const, ms: Infinity }), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 30 }).map((ms) => ({ kind: 'ms' as const, ms })), weight: 4 },
  { arbitrary: fc.constantFrom(...INVALID_TTLS).map((ms) => ({ kind: 'ms' as const, ms })), weight: 1 },
);
const side = fc.constantFrom('A' as const, 'B' as const);
const keyArb = fc.oneof({ arbitrary: fc.nat({ max: 7 }), weight: 9 }, { arbitrary: fc.constantFrom(8, 9), weight: 1 });

const opArb: fc.Arbitrary<LruOp> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('get' as const), on: side, key: keyArb }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('has' as const), on: side, key: keyArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), on: side, key: keyArb }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('set' as const), on: side, key: keyArb, ttl: ttlArb }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 12 }) }), weight: 2 },
);
const defaultArb = fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 40 }), fc.constant(Infinity));

export const lruCaseArb: fc.Arbitrary<LruCase> = fc.record({
  maxA: fc.integer({ min: 1, max: 9 }),
  maxB: fc.integer({ min: 1, max: 9 }),
  defaultA: defaultArb,
  defaultB: defaultArb,
  ops: fc.array(opArb, { minLength: 1, maxLength: 60 }),
});

function describeTtl(t: TtlChoice): string {
  return t.kind === 'none' ? '' : `, {ttlMs: ${String(t.ms)}}`;
}

export function describeOp(op: LruOp, index: number): string {
  if (op.kind === 'tick') return `clock +${op.ms} ms`;
  const key = JSON.stringify(KEYS[op.key]);
  if (op.kind === 'set') return `${op.on}.set(${key}, ${index}${describeTtl(op.ttl)})`;
  return `${op.on}.${op.kind}(${key})`;
}

export function describeLruCase(c: LruCase): string {
  const d = (x: number | undefined) => (x === undefined ? 'none' : String(x));
  return `cache A {maxEntries: ${c.maxA}, defaultTtlMs: ${d(c.defaultA)}}, cache B {maxEntries: ${c.maxB}, defaultTtlMs: ${d(c.defaultB)}}, one clock from 0 ms: ${c.ops.map(describeOp).join('; ')}`;
}

function outcome(f: () => unknown): string {
  try {
    const v = f();
    return v === undefined ? 'undefined' : JSON.stringify(v);
  } catch (error) {
    return error instanceof RangeError ? 'threw a RangeError' : `threw ${describeThrown(error, 120)}`;
  }
}

/**
 * Runs a case on the learner's class (built by `make`) and on the reference; throws at the first
 * operation where the answer, a throw, or `size` differs.
 */
export function checkLruCase(c: LruCase, make: (options: LruTtlCacheOptions) => CacheLike): void {
  const clock = new VirtualClock();
  const time = Object.freeze({ nowMs: bound(() => clock.nowMs()) });
  const newMap = bound(<K, V>(): Map<K, V> => new Map<K, V>());
  const mine = {
    A: make({ clock: time, maxEntries: c.maxA, defaultTtlMs: c.defaultA, newMap }),
    B: make({ clock: time, maxEntries: c.maxB, defaultTtlMs: c.defaultB, newMap }),
  };
  const ref = {
    A: new TtlCache<number>({ clock, maxEntries: c.maxA, defaultTtlMs: c.defaultA }),
    B: new TtlCache<number>({ clock, maxEntries: c.maxB, defaultTtlMs: c.defaultB }),
  };
  c.ops.forEach((op, i) => {
    if (op.kind === 'tick') {
      clock.advanceMs(op.ms);
      return;
    }
    const key = KEYS[op.key]!;
    const m = mine[op.on];
    const r = ref[op.on];
    let got: string;
    let want: string;
    if (op.kind === 'set') {
      const opts = op.ttl.kind === 'none' ? undefined : { ttlMs: op.ttl.ms };
      got = outcome(() => (opts === undefined ? m.set(key, i) : m.set(key, i, opts)));
      want = outcome(() => (opts === undefined ? r.set(key, i) : r.set(key, i, opts)));
    } else {
      got = outcome(() => m[op.kind](key));
      want = outcome(() => r[op.kind](key));
    }
    const where = `op ${i + 1} at ${clock.nowMs()} ms, ${describeOp(op, i)}`;
    if (got !== want) throw new Error(`${where}: expected ${want}, got ${got}`);
    const size = outcome(() => m.size);
    if (size !== String(r.size)) throw new Error(`after ${where}: expected ${op.on}.size ${r.size}, got ${size}`);
  });
}
