import type { Arrival } from './traffic';
import type { Decision, RateLimiter } from './rate-limiter';

export interface TrafficReport {
  limiter: string;
  decisions: Decision[];
  admitted: number;
  rejected: number;
  /** Per bucket from the first bucket containing an arrival: admitted and rejected counts (plain JSON). */
  series: { name: 'admitted' | 'rejected'; startMs: number; bucketMs: number; values: number[] }[];
  /** Admitted arrival times, as the limiter saw them (add delayMs for when the queue serves them). */
  admittedAtMs: number[];
}

/** Feed arrivals (in time order) to a limiter and tally its decisions per time bucket. */
export function runTraffic(limiter: RateLimiter, arrivals: readonly Arrival[], bucketMs: number): TrafficReport {
  if (!Number.isInteger(bucketMs) || bucketMs < 1) throw new RangeError(`bucketMs must be a positive integer, got ${bucketMs}`);
  const decisions: Decision[] = [];
  const admittedAtMs: number[] = [];
  const startMs = arrivals.length === 0 ? 0 : Math.floor((arrivals[0] as Arrival).atMs / bucketMs) * bucketMs;
  const endMs = arrivals.length === 0 ? 0 : (arrivals[arrivals.length - 1] as Arrival).atMs + 1;
  const buckets = Math.ceil((endMs - startMs) / bucketMs);
  const admittedPer = new Array<number>(buckets).fill(0);
  const rejectedPer = new Array<number>(buckets).fill(0);
  let previousMs = -Infinity;
  for (const arrival of arrivals) {
    if (arrival.atMs < previousMs) throw new RangeError(`arrivals must be in time order (${arrival.atMs} after ${previousMs})`);
    previousMs = arrival.atMs;
    const d = limiter.tryAcquire(arrival.key, arrival.atMs);
    decisions.push(d);
    const b = Math.floor((arrival.atMs - startMs) / bucketMs);
    if (d.admitted) {
      admittedPer[b] = (admittedPer[b] as number) + 1;
      admittedAtMs.push(arrival.atMs);
    } else {
      rejectedPer[b] = (rejectedPer[b] as number) + 1;
    }
  }
  const admitted = admittedAtMs.length;
  return {
    limiter: limiter.name,
    decisions,
    admitted,
    rejected: decisions.length - admitted,
    series: [
      { name: 'admitted', startMs, bucketMs, values: admittedPer },
      { name: 'rejected', startMs, bucketMs, values: rejectedPer },
    ],
    admittedAtMs,
  };
}
