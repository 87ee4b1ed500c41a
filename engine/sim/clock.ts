/**
 * Virtual clock: the only source of time in the deterministic world.
 * Time is an integer count of milliseconds since the start of a run; it only moves when
 * the simulation advances it, never on its own.
 */
export class VirtualClock {
  private nowMsValue: number;

  constructor(startMs = 0) {
    if (!Number.isInteger(startMs) || startMs < 0) throw new RangeError(`start time must be a non-negative integer, got ${startMs}`);
    this.nowMsValue = startMs;
  }

  nowMs(): number {
    return this.nowMsValue;
  }

  /** Move forward by a non-negative whole number of milliseconds. */
  advanceMs(deltaMs: number): number {
    if (!Number.isInteger(deltaMs) || deltaMs < 0) throw new RangeError(`advance needs a non-negative integer, got ${deltaMs}`);
    this.nowMsValue += deltaMs;
    return this.nowMsValue;
  }

  /** Jump to an absolute time; time never runs backwards here (clock skew is modelled per node, see SkewedClock). */
  advanceToMs(atMs: number): number {
    if (!Number.isInteger(atMs) || atMs < this.nowMsValue) {
      throw new RangeError(`cannot move the clock from ${this.nowMsValue} to ${atMs}`);
    }
    this.nowMsValue = atMs;
    return this.nowMsValue;
  }
}

/**
 * A node's wall clock as that node reads it: the true virtual time plus an offset that faults
 * can change (skew, or a rollback as NTP might apply). Used by ID generation labs.
 */
export class SkewedClock {
  private offsetMs = 0;

  constructor(private readonly base: VirtualClock) {}

  nowMs(): number {
    return this.base.nowMs() + this.offsetMs;
  }

  /** Set the reading offset: negative values model a clock that is behind, a drop models a rollback. */
  setOffsetMs(offsetMs: number): void {
    if (!Number.isInteger(offsetMs)) throw new RangeError(`offset must be an integer, got ${offsetMs}`);
    this.offsetMs = offsetMs;
  }

  rollbackMs(deltaMs: number): void {
    this.setOffsetMs(this.offsetMs - deltaMs);
  }
}
