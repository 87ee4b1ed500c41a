import type { NextResult, SnowflakeLayout, SnowflakeOptions, SnowflakeParts } from '../../api';

/**
 * Alternative: fields are packed with bigint multiplication and addition and unpacked with
 * division and remainder (no bit operators); the generator remembers "nothing issued yet" as null
 * instead of −1, and a restart is kept as a flag that the restart millisecond is used up.
 */
export const DEFAULT_LAYOUT: SnowflakeLayout = Object.freeze({ timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 12 });

const pow2 = (bits: number): bigint => 2n ** BigInt(bits);

function check(name: string, value: number, bits: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || BigInt(value) >= pow2(bits)) throw new RangeError(`${name} must be an integer in [0, 2^${bits})`);
}

export function encode(parts: SnowflakeParts, layout: SnowflakeLayout = DEFAULT_LAYOUT): bigint {
  check('timestamp', parts.timestamp, layout.timestampBits);
  check('datacenter', parts.datacenter, layout.datacenterBits);
  check('worker', parts.worker, layout.workerBits);
  check('sequence', parts.sequence, layout.sequenceBits);
  let id = BigInt(parts.timestamp);
  id = id * pow2(layout.datacenterBits) + BigInt(parts.datacenter);
  id = id * pow2(layout.workerBits) + BigInt(parts.worker);
  id = id * pow2(layout.sequenceBits) + BigInt(parts.sequence);
  return id;
}

export function decode(id: bigint, layout: SnowflakeLayout = DEFAULT_LAYOUT): SnowflakeParts {
  if (id < 0n || id >= pow2(63)) throw new RangeError('an ID is a non-negative 63-bit integer');
  let rest = id;
  const sequence = Number(rest % pow2(layout.sequenceBits));
  rest /= pow2(layout.sequenceBits);
  const worker = Number(rest % pow2(layout.workerBits));
  rest /= pow2(layout.workerBits);
  const datacenter = Number(rest % pow2(layout.datacenterBits));
  rest /= pow2(layout.datacenterBits);
  return { timestamp: Number(rest), datacenter, worker, sequence };
}

export class SnowflakeGenerator {
  private readonly layout: SnowflakeLayout;
  private readonly maxWaitMs: number;
  private readonly maxSequence: number;
  private last: number | null;
  private sequence = 0;
  private restartMsUsedUp: boolean;

  constructor(private readonly options: SnowflakeOptions) {
    const layout = options.layout ?? DEFAULT_LAYOUT;
    const total = layout.timestampBits + layout.datacenterBits + layout.workerBits + layout.sequenceBits;
    for (const b of [layout.timestampBits, layout.datacenterBits, layout.workerBits, layout.sequenceBits]) if (!Number.isInteger(b) || b < 0) throw new RangeError('bad layout');
    if (total !== 63) throw new RangeError(`the layout adds up to ${total} bits, not 63`);
    check('datacenterId', options.datacenterId, layout.datacenterBits);
    check('workerId', options.workerId, layout.workerBits);
    this.layout = layout;
    this.maxWaitMs = options.maxWaitMs === undefined ? 5 : options.maxWaitMs;
    this.maxSequence = 2 ** layout.sequenceBits - 1;
    this.last = options.lastTimestamp === undefined ? null : options.lastTimestamp;
    this.restartMsUsedUp = options.lastTimestamp !== undefined;
  }

  tryNext(): NextResult {
    const { clock, epochMs, datacenterId, workerId } = this.options;
    const ts = clock.nowMs() - epochMs;
    if (this.last !== null && ts < this.last) {
      const behindMs = this.last - ts;
      if (behindMs > this.maxWaitMs) return { kind: 'refused', behindMs };
      return { kind: 'wait', untilMs: epochMs + this.last, reason: 'clock-rollback' };
    }
    if (this.last !== null && ts === this.last) {
      if (this.restartMsUsedUp || this.sequence === this.maxSequence) return { kind: 'wait', untilMs: epochMs + ts + 1, reason: 'sequence-exhausted' };
      this.sequence += 1;
    } else {
      this.last = ts;
      this.sequence = 0;
      this.restartMsUsedUp = false;
    }
    return { kind: 'id', id: encode({ timestamp: ts, datacenter: datacenterId, worker: workerId, sequence: this.sequence }, this.layout) };
  }
}
