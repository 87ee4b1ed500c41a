import type { NextResult, SnowflakeLayout, SnowflakeOptions, SnowflakeParts } from '../../api';

/**
 * Alternative: the generator keeps the NEXT sequence number to hand out (2^sequenceBits meaning
 * "this millisecond is used up", which is also how a restart starts), and the bit positions are
 * precomputed as shift offsets; decode shifts each field down before masking it. The layout is
 * checked only as the README says (non-negative integer fields adding up to 63).
 */
export const DEFAULT_LAYOUT: SnowflakeLayout = { timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 12 };

function fits(value: number, bits: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < 2 ** bits;
}

function shifts(layout: SnowflakeLayout): { ts: bigint; dc: bigint; worker: bigint } {
  const worker = layout.sequenceBits;
  const dc = worker + layout.workerBits;
  const ts = dc + layout.datacenterBits;
  return { ts: BigInt(ts), dc: BigInt(dc), worker: BigInt(worker) };
}

export function encode(parts: SnowflakeParts, layout: SnowflakeLayout = DEFAULT_LAYOUT): bigint {
  const fields: [string, number, number][] = [
    ['timestamp', parts.timestamp, layout.timestampBits],
    ['datacenter', parts.datacenter, layout.datacenterBits],
    ['worker', parts.worker, layout.workerBits],
    ['sequence', parts.sequence, layout.sequenceBits],
  ];
  for (const [name, value, bits] of fields) if (!fits(value, bits)) throw new RangeError(`${name} = ${value} does not fit ${bits} bits`);
  const s = shifts(layout);
  return (BigInt(parts.timestamp) << s.ts) | (BigInt(parts.datacenter) << s.dc) | (BigInt(parts.worker) << s.worker) | BigInt(parts.sequence);
}

export function decode(id: bigint, layout: SnowflakeLayout = DEFAULT_LAYOUT): SnowflakeParts {
  if (id < 0n || id > (1n << 63n) - 1n) throw new RangeError(`id ${id} is outside [0, 2^63)`);
  const s = shifts(layout);
  const mask = (bits: number) => (1n << BigInt(bits)) - 1n;
  return {
    timestamp: Number((id >> s.ts) & mask(layout.timestampBits)),
    datacenter: Number((id >> s.dc) & mask(layout.datacenterBits)),
    worker: Number((id >> s.worker) & mask(layout.workerBits)),
    sequence: Number(id & mask(layout.sequenceBits)),
  };
}

export class SnowflakeGenerator {
  private readonly clock: SnowflakeOptions['clock'];
  private readonly epochMs: number;
  private readonly datacenterId: number;
  private readonly workerId: number;
  private readonly layout: SnowflakeLayout;
  private readonly maxWaitMs: number;
  private readonly sequenceSpace: number;
  private lastTimestamp: number;
  private nextSequence: number;

  constructor(options: SnowflakeOptions) {
    const layout = options.layout ?? DEFAULT_LAYOUT;
    const bits = [layout.timestampBits, layout.datacenterBits, layout.workerBits, layout.sequenceBits];
    if (!bits.every((b) => Number.isInteger(b) && b >= 0) || bits.reduce((a, b) => a + b, 0) !== 63) throw new RangeError('the layout must split exactly 63 bits');
    if (!fits(options.datacenterId, layout.datacenterBits)) throw new RangeError(`datacenterId ${options.datacenterId} does not fit`);
    if (!fits(options.workerId, layout.workerBits)) throw new RangeError(`workerId ${options.workerId} does not fit`);
    this.clock = options.clock;
    this.epochMs = options.epochMs;
    this.datacenterId = options.datacenterId;
    this.workerId = options.workerId;
    this.layout = layout;
    this.maxWaitMs = options.maxWaitMs ?? 5;
    this.sequenceSpace = 2 ** layout.sequenceBits;
    if (options.lastTimestamp !== undefined) {
      this.lastTimestamp = options.lastTimestamp;
      this.nextSequence = this.sequenceSpace;
    } else {
      this.lastTimestamp = -1;
      this.nextSequence = 0;
    }
  }

  tryNext(): NextResult {
    const now = this.clock.nowMs() - this.epochMs;
    if (now > this.lastTimestamp) {
      this.lastTimestamp = now;
      this.nextSequence = 0;
    } else if (now < this.lastTimestamp) {
      const behindMs = this.lastTimestamp - now;
      return behindMs > this.maxWaitMs ? { kind: 'refused', behindMs } : { kind: 'wait', untilMs: this.lastTimestamp + this.epochMs, reason: 'clock-rollback' };
    } else if (this.nextSequence >= this.sequenceSpace) {
      return { kind: 'wait', untilMs: this.epochMs + now + 1, reason: 'sequence-exhausted' };
    }
    const sequence = this.nextSequence++;
    return { kind: 'id', id: encode({ timestamp: now, datacenter: this.datacenterId, worker: this.workerId, sequence }, this.layout) };
  }
}
