import { bucketCounts, maxOf } from './series';

/**
 * Counts queries against a simulated service over virtual time: when each started, how many were
 * in flight at once, and how many hit each key.
 */
export class LoadMeter {
  private readonly startsMs: number[] = [];
  private readonly byKey = new Map<string, number>();
  private inFlight = 0;
  private peak = 0;

  begin(atMs: number, key: string): void {
    this.startsMs.push(atMs);
    this.byKey.set(key, (this.byKey.get(key) ?? 0) + 1);
    this.inFlight++;
    if (this.inFlight > this.peak) this.peak = this.inFlight;
  }

  end(): void {
    if (this.inFlight === 0) throw new Error('LoadMeter.end without a matching begin');
    this.inFlight--;
  }

  get total(): number {
    return this.startsMs.length;
  }

  get peakConcurrent(): number {
    return this.peak;
  }

  get concurrent(): number {
    return this.inFlight;
  }

  countFor(key: string): number {
    return this.byKey.get(key) ?? 0;
  }

  /** Start times of every query, in order. */
  startTimesMs(): readonly number[] {
    return this.startsMs;
  }

  /** Queries started per bucket over [startMs, endMs). */
  perBucket(startMs: number, endMs: number, bucketMs: number): number[] {
    return bucketCounts(this.startsMs, startMs, endMs, bucketMs);
  }

  /** The largest number of queries started in any one bucket (e.g. bucketMs = 1000: peak queries per second). */
  peakPerBucket(bucketMs: number): number {
    if (this.startsMs.length === 0) return 0;
    const first = this.startsMs[0] as number;
    const last = this.startsMs[this.startsMs.length - 1] as number;
    const startMs = Math.floor(first / bucketMs) * bucketMs;
    return maxOf(bucketCounts(this.startsMs, startMs, last + 1, bucketMs));
  }
}
