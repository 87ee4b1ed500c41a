/**
 * Generated workloads for the differential property tests of the limiter labs. A case
 * is one to three limiter instances alive at once (each with one limit for all keys, or a per-key
 * tier table used through a function), and a stream of requests that interleaves them over a few
 * keys with generated gaps: same-millisecond bursts, gaps around the lab's time unit (a refill or
 * leak interval, a window), long idles. The learner's instances and the reference's see the same
 * calls; the first decision that differs fails the case, and fast-check shrinks it to a minimal
 * stream. Shared by the bucket-limiters and window-limiters labs.
 */
import { fc, property } from '../property';
import type { Decision, PerKey, RateLimiter } from '../../../engine/ratelimit/rate-limiter';

/** Keys come from clients (user ids, IPs, routes): any string, also one an Object has as a property. */
export const KEYS = ['a', 'b', 'toString', 'constructor'] as const;

/** One limit for every key, or a table used through a function (per-key tiers). */
export type LimitSpec<L> = { kind: 'single'; limit: L } | { kind: 'tiers'; byKey: Record<string, L> };

export interface Step {
  /** Which of the case's limiter instances gets the request. */
  inst: number;
  key: string;
  /** Time since the previous request of the whole case (so time never goes back for any key). */
  dtMs: number;
}

export interface LimiterCase<L> {
  startMs: number;
  specs: LimitSpec<L>[];
  steps: Step[];
}

/** Gaps: mostly bursts and short gaps, sometimes around `unit` (an interval or a window), rarely a long idle. */
export function gapArbitrary(maxUnit: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 30 }) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 2 * maxUnit }) },
    { weight: 1, arbitrary: fc.integer({ min: 30_000, max: 150_000 }) },
  );
}

export function caseArbitrary<L>(limit: fc.Arbitrary<L>, maxUnit: number, maxSteps = 60): fc.Arbitrary<LimiterCase<L>> {
  const spec: fc.Arbitrary<LimitSpec<L>> = fc.oneof(
    limit.map((l): LimitSpec<L> => ({ kind: 'single', limit: l })),
    fc.tuple(limit, limit, limit, limit).map((ls): LimitSpec<L> => ({ kind: 'tiers', byKey: Object.fromEntries(KEYS.map((k, i) => [k, ls[i] as L])) })),
  );
  return fc.integer({ min: 1, max: 3 }).chain((instances) =>
    fc.record({
      startMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })),
      specs: fc.array(spec, { minLength: instances, maxLength: instances }),
      steps: fc.array(fc.record({ inst: fc.integer({ min: 0, max: instances - 1 }), key: fc.constantFrom(...KEYS), dtMs: gapArbitrary(maxUnit) }), { minLength: 1, maxLength: maxSteps }),
    }),
  );
}

function limitsOf<L>(spec: LimitSpec<L>): PerKey<L> {
  // A fresh object per instance: a solution must not depend on sharing (or not sharing) it.
  if (spec.kind === 'single') return { ...spec.limit };
  const table = spec.byKey;
  return (key: string) => ({ ...(table[key] as L) });
}

const show = (d: Decision) => (d.admitted ? (d.delayMs > 0 ? `admitted with delay ${d.delayMs} ms` : 'admitted') : 'rejected');

export function describeCase<L>(c: LimiterCase<L>, showLimit: (l: L) => string): string {
  let t = c.startMs;
  const many = c.specs.length > 1;
  const calls = c.steps.map((s) => {
    t += s.dtMs;
    return `${many ? `#${s.inst}.` : ''}${s.key}@${t}`;
  });
  // Only the limits the requests use, so the minimal case stays short.
  const specs = c.specs.map((spec, i) => {
    if (spec.kind === 'single') return `#${i}: ${showLimit(spec.limit)} for every key`;
    const used = KEYS.filter((k) => c.steps.some((s) => s.inst === i && s.key === k));
    return `#${i}: per key (a function) ${used.map((k) => `${k}: ${showLimit(spec.byKey[k] as L)}`).join('; ')}`;
  });
  return `requests (key@ms) ${calls.join(' ')} to limiter${many ? 's' : ''} ${(many ? specs : specs.map((x) => x.slice(4))).join(', ')}`;
}

/**
 * Differential property: on every generated case, every decision (admitted and delayMs) of the
 * learner's instances equals the reference's. The message names the first differing request of
 * the minimal case and that key's earlier decisions (the reference's).
 */
export function decisionsMatch<L>(options: {
  what: string;
  seed: number;
  numRuns?: number;
  arbitrary: fc.Arbitrary<LimiterCase<L>>;
  learner: (limits: PerKey<L>) => RateLimiter;
  reference: (limits: PerKey<L>) => RateLimiter;
  showLimit: (l: L) => string;
  advice: string;
}): void {
  property(
    options.what,
    options.arbitrary,
    (c) => {
      const learners = c.specs.map((s) => options.learner(limitsOf(s)));
      const references = c.specs.map((s) => options.reference(limitsOf(s)));
      const history = new Map<string, string[]>();
      let t = c.startMs;
      c.steps.forEach((s, i) => {
        t += s.dtMs;
        const want = references[s.inst]!.tryAcquire(s.key, t);
        let got: Decision;
        try {
          got = learners[s.inst]!.tryAcquire(s.key, t);
        } catch (error) {
          throw new Error(`request #${i + 1} (${s.key} at ${t} ms): your tryAcquire threw ${error instanceof Error ? error.message : String(error)}`);
        }
        const where = `${c.specs.length > 1 ? `instance #${s.inst}, ` : ''}key ${s.key}`;
        const seen = history.get(`${s.inst}/${s.key}`) ?? [];
        if (got === null || typeof got !== 'object' || got.admitted !== want.admitted || got.delayMs !== want.delayMs) {
          throw new Error(
            `request #${i + 1} (${where}, t=${t} ms): yours ${got !== null && typeof got === 'object' && typeof got.admitted === 'boolean' ? show(got) : JSON.stringify(got)}, the reference ${show(want)}; ` +
              `the reference's earlier decisions for this ${c.specs.length > 1 ? 'instance and ' : ''}key: ${seen.slice(-8).join(', ') || 'none (a new key)'}. ${options.advice}`,
          );
        }
        seen.push(`${t}: ${show(want)}`);
        history.set(`${s.inst}/${s.key}`, seen);
      });
    },
    { seed: options.seed, numRuns: options.numRuns ?? 150, describeCase: (c) => describeCase(c, options.showLimit) },
  );
}
