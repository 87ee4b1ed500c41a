import type { NextResult, SnowflakeLayout, SnowflakeOptions, SnowflakeParts } from './api';

/** 1 sign bit (always 0), 41 timestamp, 5 datacenter, 5 worker, 12 sequence. */
export const DEFAULT_LAYOUT: SnowflakeLayout = Object.freeze({ timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 12 });

/**
 * Step 1. Pack the parts, high to low: timestamp | datacenter | worker | sequence.
 * Use bigint all the way (BigInt(x), <<, |): a JS number holds only 53 bits exactly.
 * Throw a RangeError for a field that is negative, fractional or too wide for its bits.
 */
export function encode(parts: SnowflakeParts, layout: SnowflakeLayout = DEFAULT_LAYOUT): bigint {
  // TODO
  void parts;
  void layout;
  return 0n;
}

/** Step 1. The inverse of encode: mask and shift the fields back out, lowest (sequence) first. */
export function decode(id: bigint, layout: SnowflakeLayout = DEFAULT_LAYOUT): SnowflakeParts {
  // TODO
  void id;
  void layout;
  return { timestamp: 0, datacenter: 0, worker: 0, sequence: 0 };
}

export class SnowflakeGenerator {
  constructor(private readonly options: SnowflakeOptions) {
    // TODO (step 1): check the layout adds up to 63 bits and the datacenter/worker ids fit.
    // TODO (step 3): remember options.lastTimestamp after a restart.
  }

  /**
   * Step 2: same millisecond → next sequence number; new millisecond → sequence 0; sequence
   * exhausted → { kind: 'wait', untilMs: the next millisecond, reason: 'sequence-exhausted' }.
   * Step 3: clock behind the last timestamp → wait (at most maxWaitMs behind) or refuse.
   */
  tryNext(): NextResult {
    const timestamp = this.options.clock.nowMs() - this.options.epochMs;
    // TODO: this issues the same ID for every call within a millisecond.
    return { kind: 'id', id: encode({ timestamp, datacenter: this.options.datacenterId, worker: this.options.workerId, sequence: 0 }, this.options.layout) };
  }
}
