/**
 * Generated cases for the snowflake hidden suite: layouts (any four fields adding up to 63,
 * including 0-bit datacenter or worker fields), field values at the edges, bad fields and IDs, and
 * clock histories for one or two generators at once (rollbacks around maxWaitMs, the epoch
 * itself, restarts with lastTimestamp 0, at, behind and before the clock). Server-only helper.
 */
import { fc } from '../../grader/harness/property';
import type { SnowflakeLayout, SnowflakeParts } from './api';

export const layoutName = (l: SnowflakeLayout) => `${l.timestampBits}-${l.datacenterBits}-${l.workerBits}-${l.sequenceBits}`;

/** Layouts with timestampBits 31…52 and sequenceBits in [minSeq, maxSeq]; the rest split between datacenter and worker. */
export function layoutArb(minSeq: number, maxSeq: number): fc.Arbitrary<SnowflakeLayout> {
  return fc
    .record({ ts: fc.integer({ min: 31, max: 52 }), seq: fc.integer({ min: minSeq, max: maxSeq }), split: fc.double({ min: 0, max: 1, noNaN: true }), edge: fc.constantFrom('none', 'none', 'dc0', 'worker0') })
    .map(({ ts, seq: wanted, split, edge }) => {
      const seq = Math.min(wanted, 63 - ts);
      const rest = 63 - ts - seq;
      const dc = edge === 'dc0' ? 0 : edge === 'worker0' ? rest : Math.min(rest, Math.floor(split * (rest + 1)));
      return { timestampBits: ts, datacenterBits: dc, workerBits: rest - dc, sequenceBits: seq };
    });
}

/** A value for a field of `bits` bits: 0, 1, the maximum, just below it, or anything in between. */
export function fieldArb(bits: number): fc.Arbitrary<number> {
  const max = 2 ** bits - 1;
  return fc.oneof(fc.constantFrom(0, Math.min(1, max), max, Math.max(0, max - 1)), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }).map((x) => Math.floor(x * (max + 1))));
}

export const partsCaseArb: fc.Arbitrary<{ layout: SnowflakeLayout; parts: SnowflakeParts }> = layoutArb(1, 20).chain((layout) =>
  fc.record({ timestamp: fieldArb(layout.timestampBits), datacenter: fieldArb(layout.datacenterBits), worker: fieldArb(layout.workerBits), sequence: fieldArb(layout.sequenceBits) }).map((parts) => ({ layout, parts })),
);

export type FieldName = keyof SnowflakeParts;
const FIELDS: readonly FieldName[] = ['timestamp', 'datacenter', 'worker', 'sequence'];
export const bitsOf = (layout: SnowflakeLayout, field: FieldName): number =>
  field === 'timestamp' ? layout.timestampBits : field === 'datacenter' ? layout.datacenterBits : field === 'worker' ? layout.workerBits : layout.sequenceBits;

/** A valid part set with one field made invalid: negative, one too wide, far too wide, or fractional. */
export const badPartsArb = partsCaseArb.chain(({ layout, parts }) =>
  fc.record({ field: fc.constantFrom(...FIELDS), how: fc.constantFrom('negative', 'one too wide', 'far too wide', 'fractional') }).map(({ field, how }) => {
    const bits = bitsOf(layout, field);
    const value =
      how === 'negative' ? -1 - (parts[field] % 7) : how === 'one too wide' ? 2 ** bits : how === 'far too wide' ? 2 ** bits * 3 + 1 : Math.min(parts[field], 2 ** bits - 1) + 0.5;
    return { layout, parts: { ...parts, [field]: bits >= 52 && how === 'fractional' ? -0.5 : value }, field, how };
  }),
);

/** IDs outside [0, 2^63). */
export const badIdArb: fc.Arbitrary<bigint> = fc.oneof(fc.bigInt({ min: -(1n << 64n), max: -1n }), fc.bigInt({ min: 1n << 63n, max: (1n << 65n) - 1n }), fc.constantFrom(-1n, 1n << 63n, (1n << 64n) - 1n));

/** Any ID in [0, 2^63), often near the ends. */
export const goodIdArb: fc.Arbitrary<bigint> = fc.oneof(fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }), fc.constantFrom(0n, 1n, (1n << 63n) - 1n, (1n << 62n) + 1n));

/** A layout whose fields do not add up to 63 (each field still non-negative, sequence ≥ 1, timestamp ≤ 52). */
export const badLayoutArb: fc.Arbitrary<SnowflakeLayout> = fc
  .record({ layout: layoutArb(1, 12), delta: fc.constantFrom(-3, -1, 1, 2, 9) })
  .map(({ layout, delta }) => {
    // Take from or give to the widest of datacenter/worker so every field stays valid on its own.
    const key: 'datacenterBits' | 'workerBits' = layout.workerBits >= layout.datacenterBits ? 'workerBits' : 'datacenterBits';
    const widened = Math.max(0, layout[key] + delta);
    return { ...layout, [key]: widened === layout[key] ? layout[key] + 1 : widened };
  });

export type ClockStep =
  | { kind: 'next'; worker: number; times: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'skew'; worker: number; ms: number }
  | { kind: 'restart'; worker: number };

export interface GeneratorScenario {
  layout: SnowflakeLayout;
  /** undefined: not given (default 5). */
  maxWaitMs: number | undefined;
  /** The clock starts this many ms after the epoch (0: the first ID has timestamp 0). */
  startAfterEpochMs: number;
  /** Each generator's first incarnation: no lastTimestamp, or lastTimestamp = clock reading − this (clamped at 0). */
  firstLastBehind: readonly (number | undefined)[];
  workers: number;
  steps: readonly ClockStep[];
}

const stepArb = (workers: number): fc.Arbitrary<ClockStep> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('next' as const), worker: fc.integer({ min: 0, max: workers - 1 }), times: fc.integer({ min: 1, max: 9 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 4 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('skew' as const), worker: fc.integer({ min: 0, max: workers - 1 }), ms: fc.integer({ min: -14, max: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), worker: fc.integer({ min: 0, max: workers - 1 }) }) },
  );

export const generatorScenarioArb: fc.Arbitrary<GeneratorScenario> = fc
  .record({
    layout: layoutArb(1, 3),
    maxWaitMs: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined, freq: 3 }),
    startAfterEpochMs: fc.constantFrom(0, 0, 1, 3, 40),
    firstLastBehind: fc.tuple(fc.option(fc.integer({ min: -2, max: 12 }), { nil: undefined, freq: 2 }), fc.option(fc.integer({ min: -2, max: 12 }), { nil: undefined, freq: 2 })),
    workers: fc.constantFrom(1, 2, 2),
  })
  .chain((base) => fc.array(stepArb(base.workers), { minLength: 1, maxLength: 30 }).map((steps): GeneratorScenario => ({ ...base, steps })));

export function describeStep(step: ClockStep, workers: number): string {
  const who = (w: number) => (workers > 1 ? `gen${w}` : 'gen');
  switch (step.kind) {
    case 'next':
      return `${who(step.worker)}.tryNext()${step.times > 1 ? `×${step.times}` : ''}`;
    case 'advance':
      return `clock +${step.ms}ms`;
    case 'skew':
      return `${who(step.worker)} clock ${step.ms >= 0 ? '+' : ''}${step.ms}ms`;
    case 'restart':
      return `restart ${who(step.worker)}`;
  }
}

export function describeGeneratorScenario(s: GeneratorScenario): string {
  const first = s.firstLastBehind
    .slice(0, s.workers)
    .map((b, w) => `${s.workers > 1 ? `gen${w}` : 'gen'} ${b === undefined ? 'fresh' : `restarted with lastTimestamp = now ${b >= 0 ? '−' : '+'} ${Math.abs(b)}`}`)
    .join(', ');
  return `layout ${layoutName(s.layout)}, maxWaitMs ${s.maxWaitMs ?? 'default'}, clock starts ${s.startAfterEpochMs} ms after the epoch, ${first}: ${s.steps.map((st) => describeStep(st, s.workers)).join(', ')}`;
}
