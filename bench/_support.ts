/**
 * What several benches share (`_` keeps scripts/bench.mjs from running this file as a bench).
 */
import fs from 'node:fs';
import path from 'node:path';

/** The p-th percentile (nearest rank) of `values`; NaN for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const labsDir = path.resolve(__dirname, '..', 'labs');

/** Every lab (a folder with a lab.json), sorted; only those named in BENCH_LABS=a,b when it is set. */
export function benchLabIds(): string[] {
  const only = (process.env.BENCH_LABS ?? '').split(',').filter(Boolean);
  return fs
    .readdirSync(labsDir)
    .filter((d) => fs.existsSync(path.join(labsDir, d, 'lab.json')))
    .filter((d) => only.length === 0 || only.includes(d))
    .sort();
}
