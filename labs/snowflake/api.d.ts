/** Anything that reads a wall clock in integer milliseconds. In the tests it may be skewed or jump backwards. */
export interface WallClock {
  nowMs(): number;
}

/**
 * How the 63 low bits of an ID are split, from high to low: timestamp, datacenter, worker, sequence.
 * The sign bit (bit 63) is always 0. The four fields add up to exactly 63.
 */
export interface SnowflakeLayout {
  timestampBits: number;
  datacenterBits: number;
  workerBits: number;
  sequenceBits: number;
}

/** The decoded fields of an ID. `timestamp` counts milliseconds since the generator's custom epoch. */
export interface SnowflakeParts {
  timestamp: number;
  datacenter: number;
  worker: number;
  sequence: number;
}

export interface SnowflakeOptions {
  clock: WallClock;
  /** The custom epoch, in the clock's milliseconds. timestamp = clock.nowMs() − epochMs. */
  epochMs: number;
  datacenterId: number;
  workerId: number;
  /** Defaults to DEFAULT_LAYOUT (41-5-5-12). */
  layout?: SnowflakeLayout;
  /** Rollback policy: a clock that is behind by at most this many ms is waited out; further behind is refused. Default 5. */
  maxWaitMs?: number;
  /**
   * Set after a restart: the last timestamp (since epoch) the previous incarnation of this worker may
   * have used. No ID may be issued at or before it.
   */
  lastTimestamp?: number;
}

/**
 * What tryNext() answers. The generator never sleeps: it says until when the caller must wait.
 * - `id`: a fresh ID.
 * - `wait`: no ID can be issued before the clock reads `untilMs` (in the clock's milliseconds, not
 *   since the epoch); the caller waits and asks again. `untilMs` is the earliest time an ID is possible.
 * - `refused`: the clock is more than maxWaitMs behind the last timestamp used; `behindMs` says by how much.
 */
export type NextResult =
  | { kind: 'id'; id: bigint }
  | { kind: 'wait'; untilMs: number; reason: 'sequence-exhausted' | 'clock-rollback' }
  | { kind: 'refused'; behindMs: number };

/** 41 bits of timestamp (~69 years of ms), 5 of datacenter, 5 of worker, 12 of sequence. */
export declare const DEFAULT_LAYOUT: SnowflakeLayout;

/** Packs the parts into an ID. Throws a RangeError if a field is negative, not an integer, or does not fit its bits. */
export declare function encode(parts: SnowflakeParts, layout?: SnowflakeLayout): bigint;

/** Splits an ID back into its parts. Throws a RangeError for a negative ID or one of 64 bits or more. */
export declare function decode(id: bigint, layout?: SnowflakeLayout): SnowflakeParts;

export declare class SnowflakeGenerator {
  /** Throws a RangeError if the layout does not add up to 63 bits or an id does not fit its field. */
  constructor(options: SnowflakeOptions);
  tryNext(): NextResult;
}
