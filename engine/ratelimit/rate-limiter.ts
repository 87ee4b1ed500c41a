/**
 * The common limiter seam. Every algorithm here, and a learner's limiter in the window-limiters and
 * bucket-limiters labs, implements RateLimiter. Time is passed in (integer virtual ms, never
 * decreasing per key), so a limiter is a pure state machine: same calls, same decisions.
 */
export interface Decision {
  admitted: boolean;
  /** How long an admitted request waits before it is served (only the leaky-bucket queue delays; 0 otherwise). */
  delayMs: number;
}

export interface RateLimiter {
  readonly name: string;
  tryAcquire(key: string, nowMs: number): Decision;
}

/** A limit that is the same for every key, or chosen per key (per-user tiers, per-route limits). */
export type PerKey<C> = C | ((key: string) => C);

export const ADMIT: Decision = Object.freeze({ admitted: true, delayMs: 0 });
export const REJECT: Decision = Object.freeze({ admitted: false, delayMs: 0 });

export function resolveLimit<C>(limit: PerKey<C>, key: string): C {
  return typeof limit === 'function' ? (limit as (key: string) => C)(key) : limit;
}

export function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

/** Per-key state with a check that time never runs backwards for a key. */
export class KeyedState<S> {
  private readonly states = new Map<string, { state: S; lastMs: number }>();

  constructor(private readonly create: (key: string, nowMs: number) => S) {}

  get(key: string, nowMs: number): S {
    if (!Number.isInteger(nowMs)) throw new RangeError(`nowMs must be an integer, got ${nowMs}`);
    let slot = this.states.get(key);
    if (slot === undefined) {
      slot = { state: this.create(key, nowMs), lastMs: nowMs };
      this.states.set(key, slot);
    } else if (nowMs < slot.lastMs) {
      throw new RangeError(`time ran backwards for key ${key}: ${nowMs} after ${slot.lastMs}`);
    }
    slot.lastMs = nowMs;
    return slot.state;
  }

  get size(): number {
    return this.states.size;
  }
}
