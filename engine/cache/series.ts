/**
 * Plottable series: plain JSON (numbers and strings only), one value per time bucket.
 * values[i] covers virtual time [startMs + i·bucketMs, startMs + (i+1)·bucketMs).
 */
export interface Series {
  name: string;
  startMs: number;
  bucketMs: number;
  values: number[];
}

/** Count event times into buckets over [startMs, endMs); events outside the range are ignored. */
export function bucketCounts(timesMs: readonly number[], startMs: number, endMs: number, bucketMs: number): number[] {
  if (!Number.isInteger(bucketMs) || bucketMs <= 0) throw new RangeError(`bucketMs must be a positive integer, got ${bucketMs}`);
  const n = Math.max(0, Math.ceil((endMs - startMs) / bucketMs));
  const values = new Array<number>(n).fill(0);
  for (const t of timesMs) {
    if (t < startMs || t >= endMs) continue;
    const i = Math.floor((t - startMs) / bucketMs);
    values[i] = (values[i] as number) + 1;
  }
  return values;
}

export function seriesOf(name: string, timesMs: readonly number[], startMs: number, endMs: number, bucketMs: number): Series {
  return { name, startMs, bucketMs, values: bucketCounts(timesMs, startMs, endMs, bucketMs) };
}

export function maxOf(values: readonly number[]): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}
