/** Uniqueness and monotonicity checks over issued IDs (bigint), for tests, labs and widgets. */

export interface UniquenessReport {
  total: number;
  distinct: number;
  /** Each duplicated ID once, as a decimal string (JSON-safe). */
  duplicates: string[];
}

export function checkUnique(ids: Iterable<bigint>): UniquenessReport {
  const seen = new Set<bigint>();
  const dup = new Set<bigint>();
  let total = 0;
  for (const id of ids) {
    total++;
    if (seen.has(id)) dup.add(id);
    else seen.add(id);
  }
  return { total, distinct: seen.size, duplicates: [...dup].map(String) };
}

export interface MonotonicityReport {
  /** Indexes i where ids[i] ≤ ids[i − 1] (strictly increasing expected). */
  violations: number[];
}

export function checkMonotonic(ids: readonly bigint[]): MonotonicityReport {
  const violations: number[] = [];
  for (let i = 1; i < ids.length; i++) if ((ids[i] as bigint) <= (ids[i - 1] as bigint)) violations.push(i);
  return { violations };
}

/** How many IDs were issued in each virtual millisecond in [startMs, endMs): a series to plot. */
export function idsPerMs(issuedAtMs: readonly number[], startMs: number, endMs: number): number[] {
  const values = new Array<number>(Math.max(0, endMs - startMs)).fill(0);
  for (const t of issuedAtMs) if (t >= startMs && t < endMs) values[t - startMs] = (values[t - startMs] as number) + 1;
  return values;
}
