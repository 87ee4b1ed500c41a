import { DEFAULT_LAYOUT, encode, maxOf, validateLayout, type SnowflakeLayout } from './snowflake-layout';

/** Anything that reads a (possibly skewed) wall clock in ms: VirtualClock, SkewedClock. */
export interface WallClock {
  nowMs(): number;
}

/**
 * What to do when the clock reads earlier than the last timestamp used:
 * - 'throw': refuse (Twitter's original behaviour);
 * - 'wait': if the rollback is at most maxWaitMs, ask the caller to wait until the clock catches up, else throw;
 * - 'borrow': switch to the next value of the layout's rollback bits and carry on from the earlier time;
 *   IDs stay unique (not monotonic) as long as no more than 2^rollbackBits − 1 rollbacks happen before
 *   the clock passes the highest timestamp used; beyond that it throws.
 */
export type RollbackPolicy = 'throw' | 'wait' | 'borrow';

export interface SnowflakeOptions {
  clock: WallClock;
  /** Custom epoch, in the clock's milliseconds; timestamps count from here. */
  epochMs: number;
  datacenterId: number;
  workerId: number;
  layout?: SnowflakeLayout;
  rollback?: RollbackPolicy;
  maxWaitMs?: number;
  /** After a restart: the last timestamp (since epoch) the previous incarnation may have used; no ID is issued at or before it. */
  lastTimestamp?: number;
}

export type NextResult = { kind: 'id'; id: bigint } | { kind: 'wait'; untilMs: number; reason: 'sequence-exhausted' | 'clock-rollback' };

export class ClockRollbackError extends Error {
  constructor(
    readonly lastTimestamp: number,
    readonly nowTimestamp: number,
  ) {
    super(`clock moved backwards by ${lastTimestamp - nowTimestamp} ms (from ${lastTimestamp} to ${nowTimestamp} since epoch)`);
    this.name = 'ClockRollbackError';
  }
}

/**
 * Snowflake ID generator (the ID-generation labs' reference). Synchronous and clock-driven: tryNext()
 * either returns an ID or says until when the caller must wait (sequence exhausted in this
 * millisecond, or a short clock rollback under the 'wait' policy). The simulation does the waiting.
 */
export class SnowflakeGenerator {
  readonly layout: SnowflakeLayout;
  private readonly policy: RollbackPolicy;
  private readonly maxWaitMs: number;
  private lastTimestamp: number;
  private sequence = 0;
  private rollbackCounter = 0;
  private highWater: number;
  issued = 0;
  rollbacksSeen = 0;

  constructor(private readonly options: SnowflakeOptions) {
    this.layout = options.layout ?? DEFAULT_LAYOUT;
    validateLayout(this.layout);
    this.policy = options.rollback ?? 'throw';
    this.maxWaitMs = options.maxWaitMs ?? 5;
    if (this.policy === 'borrow' && this.layout.rollbackBits === 0) throw new RangeError("the 'borrow' policy needs a layout with rollbackBits > 0");
    for (const [name, value, bits] of [
      ['datacenterId', options.datacenterId, this.layout.datacenterBits],
      ['workerId', options.workerId, this.layout.workerBits],
    ] as const) {
      if (!Number.isInteger(value) || value < 0 || value > maxOf(bits)) throw new RangeError(`${name} ${value} does not fit in ${bits} bits`);
    }
    this.lastTimestamp = options.lastTimestamp ?? -1;
    this.highWater = this.lastTimestamp;
    // A restart resumes past the previous incarnation's last millisecond: its sequence there is unknown.
    if (options.lastTimestamp !== undefined) this.sequence = maxOf(this.layout.sequenceBits);
  }

  /** The timestamp field the clock gives now (ms since the custom epoch). */
  currentTimestamp(): number {
    return this.options.clock.nowMs() - this.options.epochMs;
  }

  tryNext(): NextResult {
    const now = this.currentTimestamp();
    if (now < 0) throw new RangeError(`clock reads ${-now} ms before the custom epoch`);
    if (now > maxOf(this.layout.timestampBits)) throw new RangeError(`timestamp ${now} overflows ${this.layout.timestampBits} bits`);
    if (this.rollbackCounter > 0 && now > this.highWater) this.rollbackCounter = 0; // caught up: no ID above highWater exists
    if (now < this.lastTimestamp) {
      this.rollbacksSeen++;
      const backMs = this.lastTimestamp - now;
      if (this.policy === 'wait' && backMs <= this.maxWaitMs) {
        return { kind: 'wait', untilMs: this.options.epochMs + this.lastTimestamp, reason: 'clock-rollback' };
      }
      if (this.policy === 'borrow' && this.rollbackCounter < maxOf(this.layout.rollbackBits)) {
        this.rollbackCounter++;
        this.lastTimestamp = now;
        this.sequence = 0;
        return this.emit(now);
      }
      throw new ClockRollbackError(this.lastTimestamp, now);
    }
    if (now === this.lastTimestamp) {
      if (this.sequence >= maxOf(this.layout.sequenceBits)) {
        return { kind: 'wait', untilMs: this.options.epochMs + now + 1, reason: 'sequence-exhausted' };
      }
      this.sequence++;
    } else {
      this.sequence = 0;
      this.lastTimestamp = now;
    }
    return this.emit(now);
  }

  private emit(timestamp: number): NextResult {
    if (timestamp > this.highWater) this.highWater = timestamp;
    this.issued++;
    const id = encode(this.layout, {
      timestamp,
      rollback: this.rollbackCounter,
      datacenter: this.options.datacenterId,
      worker: this.options.workerId,
      sequence: this.sequence,
    });
    return { kind: 'id', id };
  }
}

/**
 * Take one ID, letting virtual time pass when the generator asks to wait. `advanceToMs` moves the
 * world's clock so that the generator's clock reads at least the given time (for a SkewedClock,
 * translate by its offset).
 */
export function nextId(generator: SnowflakeGenerator, advanceToMs: (clockMs: number) => void, maxWaits = 1000): bigint {
  for (let i = 0; i <= maxWaits; i++) {
    const result = generator.tryNext();
    if (result.kind === 'id') return result.id;
    advanceToMs(result.untilMs);
  }
  throw new Error(`no ID after ${maxWaits} waits`);
}
