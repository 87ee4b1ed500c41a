import type { NextResult, SnowflakeLayout, SnowflakeOptions, SnowflakeParts } from '../../api';

export const DEFAULT_LAYOUT: SnowflakeLayout = Object.freeze({ timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 12 });

function maxOf(bits: number): number {
  return 2 ** bits - 1;
}

function checkLayout(layout: SnowflakeLayout): void {
  const bits = [layout.timestampBits, layout.datacenterBits, layout.workerBits, layout.sequenceBits];
  if (bits.some((b) => !Number.isInteger(b) || b < 0)) throw new RangeError('layout fields must be non-negative integers');
  if (bits.reduce((a, b) => a + b, 0) !== 63) throw new RangeError('layout fields must add up to 63 bits');
  if (layout.timestampBits > 52 || layout.sequenceBits < 1) throw new RangeError('timestamp needs at most 52 bits and sequence at least 1');
}

function checkField(name: string, value: number, bits: number): void {
  if (!Number.isInteger(value) || value < 0 || value > maxOf(bits)) throw new RangeError(`${name} ${value} does not fit in ${bits} bits`);
}

export function encode(parts: SnowflakeParts, layout: SnowflakeLayout = DEFAULT_LAYOUT): bigint {
  checkField('timestamp', parts.timestamp, layout.timestampBits);
  checkField('datacenter', parts.datacenter, layout.datacenterBits);
  checkField('worker', parts.worker, layout.workerBits);
  checkField('sequence', parts.sequence, layout.sequenceBits);
  let id = BigInt(parts.timestamp);
  id = (id << BigInt(layout.datacenterBits)) | BigInt(parts.datacenter);
  id = (id << BigInt(layout.workerBits)) | BigInt(parts.worker);
  id = (id << BigInt(layout.sequenceBits)) | BigInt(parts.sequence);
  return id;
}

export function decode(id: bigint, layout: SnowflakeLayout = DEFAULT_LAYOUT): SnowflakeParts {
  if (id < 0n || id >= 1n << 63n) throw new RangeError(`not a 63-bit non-negative ID: ${id}`);
  let rest = id;
  const take = (bits: number): number => {
    const value = Number(rest & ((1n << BigInt(bits)) - 1n));
    rest >>= BigInt(bits);
    return value;
  };
  const sequence = take(layout.sequenceBits);
  const worker = take(layout.workerBits);
  const datacenter = take(layout.datacenterBits);
  return { timestamp: Number(rest), datacenter, worker, sequence };
}

export class SnowflakeGenerator {
  private readonly layout: SnowflakeLayout;
  private readonly maxWaitMs: number;
  private lastTimestamp: number;
  private sequence = 0;

  constructor(private readonly options: SnowflakeOptions) {
    this.layout = options.layout ?? DEFAULT_LAYOUT;
    checkLayout(this.layout);
    checkField('datacenterId', options.datacenterId, this.layout.datacenterBits);
    checkField('workerId', options.workerId, this.layout.workerBits);
    this.maxWaitMs = options.maxWaitMs ?? 5;
    this.lastTimestamp = options.lastTimestamp ?? 0;
    // The previous incarnation may have used every sequence number of its last millisecond.
    if (options.lastTimestamp !== undefined) this.sequence = maxOf(this.layout.sequenceBits);
  }

  tryNext(): NextResult {
    const now = this.options.clock.nowMs() - this.options.epochMs;
    if (now < this.lastTimestamp) {
      const behindMs = this.lastTimestamp - now;
      if (behindMs <= this.maxWaitMs) return { kind: 'wait', untilMs: this.options.epochMs + this.lastTimestamp, reason: 'clock-rollback' };
      return { kind: 'refused', behindMs };
    }
    if (now === this.lastTimestamp) {
      if (this.sequence >= maxOf(this.layout.sequenceBits)) {
        return { kind: 'wait', untilMs: this.options.epochMs + now + 1, reason: 'sequence-exhausted' };
      }
      this.sequence++;
    } else {
      this.lastTimestamp = now;
      this.sequence = 0;
    }
    return {
      kind: 'id',
      id: encode({ timestamp: now, datacenter: this.options.datacenterId, worker: this.options.workerId, sequence: this.sequence }, this.layout),
    };
  }
}
