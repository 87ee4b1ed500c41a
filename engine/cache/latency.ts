import type { Prng } from '../sim/prng';

/** A latency in virtual milliseconds: a fixed value, or a uniform integer range [min, max]. */
export type Latency = number | readonly [minMs: number, maxMs: number];

export function drawLatencyMs(latency: Latency, prng: Prng): number {
  if (typeof latency === 'number') {
    if (!Number.isInteger(latency) || latency < 0) throw new RangeError(`latency must be a non-negative integer, got ${latency}`);
    return latency;
  }
  return prng.range(latency[0], latency[1]);
}

export function maxLatencyMs(latency: Latency): number {
  return typeof latency === 'number' ? latency : latency[1];
}
