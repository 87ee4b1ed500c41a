/** Differential driver for the limiter labs' hidden suites: learner and reference see the same arrivals. */
import { attachTrace, fail, metric } from '../api';
import { runTraffic } from '../../../engine/ratelimit/run-traffic';
import type { Arrival } from '../../../engine/ratelimit/traffic';
import type { Decision, RateLimiter } from '../../../engine/ratelimit/rate-limiter';

export interface Mismatch {
  index: number;
  arrival: Arrival;
  got: Decision;
  want: Decision;
  /** Reference decisions for the same key before this one: [atMs, admitted, delayMs]. */
  history: [number, boolean, number][];
}

export { fail };

const show = (d: Decision) => (d.admitted ? (d.delayMs > 0 ? `admitted with delay ${d.delayMs} ms` : 'admitted') : 'rejected');

/**
 * Feeds `arrivals` to both limiters; on the first decision that differs, attaches a trace (both
 * admitted series up to there and the key's recent history) and fails with `explain(mismatch)`.
 */
export function compareOnTraffic(options: {
  what: string;
  seed: number | undefined;
  learner: RateLimiter;
  reference: RateLimiter;
  arrivals: readonly Arrival[];
  bucketMs: number;
  explain: (m: Mismatch) => string;
}): Decision[] {
  const { learner, reference, arrivals, bucketMs } = options;
  const want = runTraffic(reference, arrivals, bucketMs);
  const got: Decision[] = [];
  const seedText = options.seed === undefined ? '' : ` (seed ${options.seed})`;
  for (let i = 0; i < arrivals.length; i++) {
    const a = arrivals[i]!;
    let d: Decision;
    try {
      d = learner.tryAcquire(a.key, a.atMs);
    } catch (error) {
      fail(`${options.what}: tryAcquire("${a.key}", ${a.atMs}) threw ${error instanceof Error ? error.message : String(error)}${seedText}.`);
    }
    if (d === null || typeof d !== 'object' || typeof d.admitted !== 'boolean' || !Number.isInteger(d.delayMs)) {
      fail(`${options.what}: tryAcquire("${a.key}", ${a.atMs}) returned ${JSON.stringify(d)}; a Decision is { admitted: boolean, delayMs: integer }${seedText}.`);
    }
    const w = want.decisions[i]!;
    if (d.admitted !== w.admitted || d.delayMs !== w.delayMs) {
      const history: [number, boolean, number][] = [];
      for (let j = i - 1; j >= 0 && history.length < 40; j--) {
        const b = arrivals[j]!;
        if (b.key === a.key) history.unshift([b.atMs, want.decisions[j]!.admitted, want.decisions[j]!.delayMs]);
      }
      const prefix = arrivals.slice(0, i + 1);
      const seriesOf = (decisions: readonly Decision[]) => {
        const start = Math.floor((prefix[0]?.atMs ?? 0) / bucketMs) * bucketMs;
        const values = new Array<number>(Math.floor((a.atMs - start) / bucketMs) + 1).fill(0);
        prefix.forEach((p, k) => {
          if (decisions[k]?.admitted) values[Math.floor((p.atMs - start) / bucketMs)]! += 1;
        });
        return { startMs: start, bucketMs, values };
      };
      attachTrace({
        what: options.what,
        seed: options.seed ?? null,
        at: { index: i, key: a.key, atMs: a.atMs, yours: d, reference: w },
        keyHistory: history,
        series: [
          { name: 'admitted (yours)', ...seriesOf([...got, d]) },
          { name: 'admitted (reference)', ...seriesOf(want.decisions) },
        ],
      });
      const m: Mismatch = { index: i, arrival: a, got: d, want: w, history };
      fail(`${options.what}: request #${i + 1} for key "${a.key}" at t=${a.atMs} ms was ${show(d)}, the reference ${show(w)}${seedText}. ${options.explain(m)}`);
    }
    got.push(d);
  }
  metric('arrivals', arrivals.length);
  metric('admitted', want.admitted);
  metric('rejected', want.rejected);
  return got;
}
