/**
 * Parsing and presentation helpers around engine/idgen's Snowflake encode/decode. IDs stay bigint or
 * decimal strings end to end: a JS number loses precision above 2^53 and would decode wrongly.
 */
import { decode, encode, maxOf, validateLayout, type SnowflakeLayout, type SnowflakeParts } from '@/engine/idgen/snowflake-layout';
import { Prng } from '@/engine/sim/prng';

export type { SnowflakeLayout, SnowflakeParts };
export const FIELDS = ['timestampBits', 'rollbackBits', 'datacenterBits', 'workerBits', 'sequenceBits'] as const;
export type Field = (typeof FIELDS)[number];
export const PART_OF: Record<Field, keyof SnowflakeParts> = {
  timestampBits: 'timestamp',
  rollbackBits: 'rollback',
  datacenterBits: 'datacenter',
  workerBits: 'worker',
  sequenceBits: 'sequence',
};
/** What is wrong with an ID, a layout or edited parts: a key of widgets.snowflake.errors and its values (the widget words it). */
export type CodecError =
  | { key: 'empty' | 'digits' | 'tooLarge' | 'limits' }
  | { key: 'fieldBits'; field: Field; bits: number }
  | { key: 'sum'; total: number }
  | { key: 'partRange'; field: Field; value: number; bits: number }
  /** Anything else the engine refuses, in its own (English) words. */
  | { key: 'other'; message: string };

export const EPOCHS = [
  { id: 'twitter', label: 'Twitter (2010-11-04)', ms: 1288834974657 },
  { id: 'discord', label: 'Discord (2015-01-01)', ms: 1420070400000 },
  { id: 'unix', label: 'Unix (1970-01-01)', ms: 0 },
] as const;

/** Parse a pasted ID: decimal digits only (spaces, commas and underscores ignored), non-negative, below 2^63. */
export function parseId(text: string): { ok: true; id: bigint } | { ok: false; error: CodecError } {
  const cleaned = text.trim().replace(/[\s,_]/g, '');
  if (cleaned === '') return { ok: false, error: { key: 'empty' } };
  if (!/^\d+$/.test(cleaned)) return { ok: false, error: { key: 'digits' } };
  const id = BigInt(cleaned);
  if (id >= 1n << 63n) return { ok: false, error: { key: 'tooLarge' } };
  return { ok: true, id };
}

/** Why engine/idgen's validateLayout refuses a layout (the same checks, in the same order), or null. */
export function layoutError(layout: SnowflakeLayout): CodecError | null {
  for (const f of FIELDS) {
    if (!Number.isInteger(layout[f]) || layout[f] < 0) return { key: 'fieldBits', field: f, bits: layout[f] };
  }
  const total = FIELDS.reduce((sum, f) => sum + layout[f], 0);
  if (total !== 63) return { key: 'sum', total };
  if (layout.timestampBits > 52 || layout.sequenceBits < 1) return { key: 'limits' };
  try {
    validateLayout(layout);
    return null;
  } catch (e) {
    return { key: 'other', message: e instanceof Error ? e.message : String(e) };
  }
}

export function decodeId(layout: SnowflakeLayout, id: bigint): SnowflakeParts {
  return decode(layout, id);
}

export function encodeParts(layout: SnowflakeLayout, parts: SnowflakeParts): { ok: true; id: bigint } | { ok: false; error: CodecError } {
  for (const f of FIELDS) {
    const value = parts[PART_OF[f]];
    if (!Number.isInteger(value) || value < 0 || value > maxOf(layout[f])) return { ok: false, error: { key: 'partRange', field: f, value, bits: layout[f] } };
  }
  try {
    return { ok: true, id: encode(layout, parts) };
  } catch (e) {
    return { ok: false, error: { key: 'other', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** The 64 bits of an ID, high to low, each tagged with its field ('sign' for bit 63). */
export function bitFields(layout: SnowflakeLayout, id: bigint): { bit: 0 | 1; field: Field | 'sign' }[] {
  const out: { bit: 0 | 1; field: Field | 'sign' }[] = [{ bit: 0, field: 'sign' }];
  let pos = 62;
  for (const f of FIELDS) {
    for (let i = 0; i < layout[f]; i++, pos--) out.push({ bit: ((id >> BigInt(pos)) & 1n) === 1n ? 1 : 0, field: f });
  }
  return out;
}

/** A plausible sample ID for a seed: a time in 2024 after the epoch, random machine and sequence. */
export function sampleParts(layout: SnowflakeLayout, seed: number, epochMs: number): SnowflakeParts {
  const prng = new Prng(seed).fork('snowflake-sample');
  const base = Math.max(0, 1704067200000 - epochMs);
  const maxTs = 2 ** layout.timestampBits - 1;
  const pick = (bits: number) => (bits === 0 ? 0 : prng.int(Math.min(2 ** bits, 2 ** 31)));
  return {
    timestamp: Math.min(maxTs, base + prng.int(365 * 24 * 3600 * 1000)),
    rollback: pick(layout.rollbackBits),
    datacenter: pick(layout.datacenterBits),
    worker: pick(layout.workerBits),
    sequence: pick(Math.min(layout.sequenceBits, 8)),
  };
}
