/**
 * Server-only: frequency checks with a stated false-fail probability, for the cache-avalanche lab.
 *
 * Each check compares the count of one outcome (a TTL value or a group of values, or a "yes" from
 * shouldRefresh) in n independent draws with its probability p under the rule. It fails when
 * n · D(p̂ ‖ p) > THRESHOLD, D the Bernoulli relative entropy (the G-test statistic over 2). By the
 * Chernoff bound each tail has probability at most exp(−n · D), so a correct solution fails one
 * check with probability at most 2 · exp(−THRESHOLD) = RUN_FALSE_FAIL / MAX_CHECKS, and a whole run
 * (fewer than MAX_CHECKS checks: the suite makes about 1,100) with probability below RUN_FALSE_FAIL
 * = 1e-6. The bound is exact for any n, unlike the normal approximation behind chi-square tables.
 */

export const RUN_FALSE_FAIL = 1e-6;
/**
 * An upper bound on the frequency checks one hidden run makes before its first failure: 4 seeds × 8
 * cases × at most 25 TTL groups, plus 4 seeds × 8 cases × at most 8 ramp points, about 1,100.
 */
export const MAX_CHECKS = 2000;
/** ln(2 · MAX_CHECKS / RUN_FALSE_FAIL) ≈ 22.1. */
export const THRESHOLD = Math.log((2 * MAX_CHECKS) / RUN_FALSE_FAIL);

/** Bernoulli relative entropy D(q ‖ p), 0 < p < 1, 0 ≤ q ≤ 1. */
export function relativeEntropy(q: number, p: number): number {
  const term = (a: number, b: number) => (a === 0 ? 0 : a * Math.log(a / b));
  return term(q, p) + term(1 - q, 1 - p);
}

/** Whether `hits` successes in `n` draws are consistent with probability p (0 < p < 1). */
export function consistent(hits: number, n: number, p: number): boolean {
  return n * relativeEntropy(hits / n, p) <= THRESHOLD;
}

/** The interval of counts a check accepts, for messages: [lo, hi] out of n at probability p. */
export function acceptedCounts(n: number, p: number): [number, number] {
  const expected = n * p;
  let lo = Math.floor(expected);
  while (lo > 0 && consistent(lo - 1, n, p)) lo--;
  let hi = Math.ceil(expected);
  while (hi < n && consistent(hi + 1, n, p)) hi++;
  return [lo, hi];
}
