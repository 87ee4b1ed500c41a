/**
 * Parsing and presentation helpers around engine/idgen's Snowflake encode/decode. IDs stay bigint or
 * decimal strings end to end: a JS number loses precision above 2^53 and would decode wrongly.
 */
import { decode, encode, validateLayout, type SnowflakeLayout, type SnowflakeParts } from '@/engine/idgen/snowflake-layout';
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
export const FIELD_LABELS: Record<Field, string> = {
  timestampBits: 'timestamp',
  rollbackBits: 'rollback',
  datacenterBits: 'datacenter',
  workerBits: 'worker',
  sequenceBits: 'sequence',
};

export const EPOCHS = [
  { id: 'twitter', label: 'Twitter (2010-11-04)', ms: 1288834974657 },
  { id: 'discord', label: 'Discord (2015-01-01)', ms: 1420070400000 },
  { id: 'unix', label: 'Unix (1970-01-01)', ms: 0 },
] as const;

/** Parse a pasted ID: decimal digits only (spaces, commas and underscores ignored), non-negative, below 2^63. */
export function parseId(text: string): { ok: true; id: bigint } | { ok: false; error: string } {
  const cleaned = text.trim().replace(/[\s,_]/g, '');
  if (cleaned === '') return { ok: false, error: 'Paste an ID (decimal digits).' };
  if (!/^\d+$/.test(cleaned)) return { ok: false, error: 'An ID is a decimal number: digits only.' };
  const id = BigInt(cleaned);
  if (id >= 1n << 63n) return { ok: false, error: 'Too large: a Snowflake ID fits in 63 bits (below 9223372036854775808).' };
  return { ok: true, id };
}

export function layoutError(layout: SnowflakeLayout): string | null {
  try {
    validateLayout(layout);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function decodeId(layout: SnowflakeLayout, id: bigint): SnowflakeParts {
  return decode(layout, id);
}

export function encodeParts(layout: SnowflakeLayout, parts: SnowflakeParts): { ok: true; id: bigint } | { ok: false; error: string } {
  try {
    return { ok: true, id: encode(layout, parts) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
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
