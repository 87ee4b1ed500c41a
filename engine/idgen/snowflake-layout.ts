/**
 * Bit layout of a 64-bit Snowflake ID: the sign bit is always 0, and the other 63 bits are split,
 * high to low, into timestamp, rollback (optional), datacenter, worker and sequence.
 */
export interface SnowflakeLayout {
  timestampBits: number;
  /** Bits reserved to "borrow" on a clock rollback (0 in the classic layout). */
  rollbackBits: number;
  datacenterBits: number;
  workerBits: number;
  sequenceBits: number;
}

/** Twitter's layout: 1 sign, 41 timestamp (ms, ~69 years), 5 datacenter, 5 worker, 12 sequence. */
export const DEFAULT_LAYOUT: SnowflakeLayout = Object.freeze({ timestampBits: 41, rollbackBits: 0, datacenterBits: 5, workerBits: 5, sequenceBits: 12 });

/** One timestamp bit lent to a rollback counter: 40 timestamp (~34 years), 1 rollback. */
export const BORROW_LAYOUT: SnowflakeLayout = Object.freeze({ timestampBits: 40, rollbackBits: 1, datacenterBits: 5, workerBits: 5, sequenceBits: 12 });

export interface SnowflakeParts {
  /** Milliseconds since the generator's custom epoch. */
  timestamp: number;
  rollback: number;
  datacenter: number;
  worker: number;
  sequence: number;
}

export function validateLayout(layout: SnowflakeLayout): void {
  const fields = Object.entries(layout) as [string, number][];
  for (const [name, bits] of fields) {
    if (!Number.isInteger(bits) || bits < 0) throw new RangeError(`${name} must be a non-negative integer, got ${bits}`);
  }
  const total = layout.timestampBits + layout.rollbackBits + layout.datacenterBits + layout.workerBits + layout.sequenceBits;
  if (total !== 63) throw new RangeError(`layout fields must add up to 63 bits (the sign bit stays 0), got ${total}`);
  if (layout.timestampBits > 52 || layout.sequenceBits < 1) throw new RangeError('timestamp needs at most 52 bits and sequence at least 1');
}

/** 2^0 … 2^63, so the per-ID field checks and encode do not compute powers. */
const POWERS_OF_TWO: readonly number[] = Array.from({ length: 64 }, (_, bits) => 2 ** bits);

function pow2(bits: number): number {
  return POWERS_OF_TWO[bits] ?? 2 ** bits;
}

export function maxOf(bits: number): number {
  return pow2(bits) - 1;
}

function checkField(name: string, value: number, bits: number): void {
  if (!Number.isInteger(value) || value < 0 || value > maxOf(bits)) throw new RangeError(`${name} ${value} does not fit in ${bits} bits`);
}

export function encode(layout: SnowflakeLayout, parts: SnowflakeParts): bigint {
  checkField('timestamp', parts.timestamp, layout.timestampBits);
  checkField('rollback', parts.rollback, layout.rollbackBits);
  checkField('datacenter', parts.datacenter, layout.datacenterBits);
  checkField('worker', parts.worker, layout.workerBits);
  checkField('sequence', parts.sequence, layout.sequenceBits);
  const lowBits = layout.rollbackBits + layout.datacenterBits + layout.workerBits + layout.sequenceBits;
  if (lowBits <= 53) {
    // Everything below the timestamp fits a double exactly: two bigint steps instead of eight (the suites encode
    // every ID they check, and bigint arithmetic allocates).
    const low = ((parts.rollback * pow2(layout.datacenterBits) + parts.datacenter) * pow2(layout.workerBits) + parts.worker) * pow2(layout.sequenceBits) + parts.sequence;
    return (BigInt(parts.timestamp) << BigInt(lowBits)) | BigInt(low);
  }
  let id = BigInt(parts.timestamp);
  id = (id << BigInt(layout.rollbackBits)) | BigInt(parts.rollback);
  id = (id << BigInt(layout.datacenterBits)) | BigInt(parts.datacenter);
  id = (id << BigInt(layout.workerBits)) | BigInt(parts.worker);
  id = (id << BigInt(layout.sequenceBits)) | BigInt(parts.sequence);
  return id;
}

export function decode(layout: SnowflakeLayout, id: bigint | string): SnowflakeParts {
  let rest = typeof id === 'string' ? BigInt(id) : id;
  if (rest < 0n || rest >= 1n << 63n) throw new RangeError(`not a 63-bit non-negative ID: ${rest}`);
  const take = (bits: number): number => {
    const value = Number(rest & ((1n << BigInt(bits)) - 1n));
    rest >>= BigInt(bits);
    return value;
  };
  const sequence = take(layout.sequenceBits);
  const worker = take(layout.workerBits);
  const datacenter = take(layout.datacenterBits);
  const rollback = take(layout.rollbackBits);
  const timestamp = Number(rest);
  return { timestamp, rollback, datacenter, worker, sequence };
}
