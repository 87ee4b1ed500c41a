/**
 * Generated ring scenarios for the hidden suite: hash functions that put points where ties, the
 * extremes of the circle and weight rounding matter, and membership histories on one or two rings
 * at once. Server-only helper.
 */
import { bound } from '../../grader/harness/api';
import { fc } from '../../grader/harness/property';
import { murmur3 } from '../../engine/hashring/murmur3';

/**
 * Node names: lowercase letters, digits and '-', so that code-unit order (`<`) and localeCompare
 * agree; prefixes of each other ('n1', 'n10') and digits against letters ('b0', 'ab').
 */
export const NODE_POOL = ['a', 'b', 'c', 'ab', 'b0', 'n1', 'n10', 'n2', 'cache-1', 'cache-10'] as const;

/** Weights a learner rounds differently: x.5 products, products below 1, fractions. Invalid ones too. */
export const WEIGHTS = [undefined, 1, 2, 3, 0.5, 0.25, 0.1, 0.7, 1.5, 2.5, 1.3] as const;
export const BAD_WEIGHTS = [0, -1] as const;

export type Op =
  | { kind: 'add'; ring: number; node: string; weight: number | undefined }
  | { kind: 'remove'; ring: number; node: string };

/**
 * How the circle is laid out. 'tiny': every point hashes to one of `range` evenly spaced positions
 * (many ties; optionally the top position is 2^32 − 1), keys probe every position, and just after
 * each. 'wide': MurmurHash3 with a salt, keys are ordinary strings.
 */
export interface Scenario {
  mode: 'tiny' | 'wide';
  range: number;
  topAtMax: boolean;
  /** Hash salts: ring r uses salts[r] (two rings at once hash differently). */
  salts: readonly number[];
  /** undefined: the default (160). */
  perWeight: number | undefined;
  rings: number;
  ops: readonly Op[];
}

const SPACING = (range: number) => Math.floor(0x1_0000_0000 / range);

/** The position of tiny-mode slot v. */
export function slotPosition(s: Scenario, v: number): number {
  if (s.topAtMax && v === s.range - 1) return 0xffffffff;
  return v * SPACING(s.range);
}

/** Keys to probe after every step, with the hash each gets (as a label "hash X"). */
export function probeKeys(s: Scenario): string[] {
  if (s.mode === 'wide') return Array.from({ length: 160 }, (_, i) => `obj:${i}`);
  const keys: string[] = ['key=0', 'key=4294967295', 'key=1'];
  for (let v = 0; v < s.range; v++) {
    const at = slotPosition(s, v);
    keys.push(`key=${at}`);
    if (at < 0xffffffff) keys.push(`key=${at + 1}`);
    if (at > 0) keys.push(`key=${at - 1}`);
  }
  return [...new Set(keys)];
}

/** The hash for ring r of a scenario (a plain function; wrap it with counted() for the learner). */
export function hashFor(s: Scenario, ring: number): (key: string) => number {
  const salt = s.salts[ring] ?? 0;
  if (s.mode === 'wide') return (key: string) => murmur3(String(key), salt);
  return (key: string) => {
    const k = String(key);
    if (k.startsWith('key=')) return Number(k.slice(4));
    return slotPosition(s, murmur3(k, salt) % s.range);
  };
}

/** A frozen copy of `hash` for the learner that counts its calls. */
export function counted(hash: (key: string) => number): { hash: (key: string) => number; counter: { calls: number } } {
  const counter = { calls: 0 };
  return {
    hash: bound((key: string) => {
      counter.calls++;
      return hash(key);
    }),
    counter,
  };
}

const opArb = (rings: number, weights: readonly (number | undefined)[]): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('add' as const), ring: fc.integer({ min: 0, max: rings - 1 }), node: fc.constantFrom(...NODE_POOL), weight: fc.constantFrom(...weights) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('add' as const), ring: fc.integer({ min: 0, max: rings - 1 }), node: fc.constantFrom(...NODE_POOL), weight: fc.constantFrom(...BAD_WEIGHTS) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), ring: fc.integer({ min: 0, max: rings - 1 }), node: fc.constantFrom(...NODE_POOL) }) },
  );

/**
 * Membership histories on one or two rings. `virtualNodes: false` keeps to step 1 (one point per
 * node: virtualNodesPerWeight 1, weight 1 or none); otherwise weights, per-weight counts from 1 to 6
 * and the default of 160 on the wide circle.
 */
export function scenarioArb(options: { virtualNodes: boolean }): fc.Arbitrary<Scenario> {
  const weights: readonly (number | undefined)[] = options.virtualNodes ? WEIGHTS : [undefined, 1];
  return fc
    .record({
      mode: fc.constantFrom('tiny' as const, 'tiny' as const, 'wide' as const),
      range: fc.integer({ min: 2, max: 24 }),
      topAtMax: fc.boolean(),
      salts: fc.tuple(fc.nat({ max: 0xffff }), fc.nat({ max: 0xffff })),
      perWeight: options.virtualNodes ? fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined, freq: 6 }) : fc.constant(1),
      rings: fc.constantFrom(1, 1, 2),
    })
    .chain((base) =>
      fc.array(opArb(base.rings, weights), { minLength: 1, maxLength: 14 }).map((ops): Scenario => ({
        ...base,
        // The default of 160 points per weight only on the wide circle (tiny rings stay small).
        perWeight: base.mode === 'tiny' && base.perWeight === undefined ? 3 : base.perWeight,
        ops,
      })),
    );
}

export function describeOp(op: Op, rings: number): string {
  const where = rings > 1 ? `ring${op.ring}.` : '';
  if (op.kind === 'remove') return `${where}remove("${op.node}")`;
  return `${where}add("${op.node}"${op.weight === undefined ? '' : `, ${op.weight}`})`;
}

export function describeScenario(s: Scenario): string {
  const circle =
    s.mode === 'wide'
      ? `MurmurHash3 (salt ${s.salts.slice(0, s.rings).join(', ')})`
      : `points on ${s.range} positions ${s.topAtMax ? '(the top one at 2^32 − 1)' : ''} spaced ${SPACING(s.range)} apart`;
  return `${s.rings === 2 ? 'two rings' : 'one ring'}, virtualNodesPerWeight ${s.perWeight ?? 'default'}, ${circle}: ${s.ops.map((op) => describeOp(op, s.rings)).join(', ')}`;
}

/** Points a node of this weight owns. */
export function pointCount(weight: number | undefined, perWeight: number | undefined): number {
  return Math.max(1, Math.round((weight ?? 1) * (perWeight ?? 160)));
}
