import { Prng } from '../../engine/sim/prng';
import type { MassExpiryReport } from '../../engine/cache/workloads/mass-expiry';
import { attachTrace, expect, fail, forSeeds, metric, stage, test } from '../../grader/harness/api';
import { BASE_TTL_MS, brief, JITTER_MS, oneTtl, REFRESH_WINDOW_MS, withPolicies } from './hidden-scenarios';
import { EarlyRefresh, JitteredTtl } from './solution';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
/** Mass expiries are the expensive part: three runs per seed. */
const WORKLOAD_SEEDS = SEEDS.slice(0, 5);

const oneTtlRuns = new Map<number, MassExpiryReport>();
const jitterRuns = new Map<number, MassExpiryReport>();
/** The reference one-TTL run of a seed: the avalanche to beat. */
function avalanche(seed: number): MassExpiryReport {
  let r = oneTtlRuns.get(seed);
  if (r === undefined) oneTtlRuns.set(seed, (r = oneTtl(seed)));
  return r;
}
/** Your jittered TTLs alone on the same seed. */
function jitterOnly(seed: number): MassExpiryReport {
  let r = jitterRuns.get(seed);
  if (r === undefined) jitterRuns.set(seed, (r = withPolicies(seed, (p) => new JitteredTtl(BASE_TTL_MS, JITTER_MS, p))));
  return r;
}

stage('jitter', () => {
  test('every TTL is an integer in [base, base + jitter], both ends included', () => {
    const ttl = new JitteredTtl(100, 3, new Prng('ends'));
    const seen = new Set<number>();
    for (let i = 0; i < 400; i++) {
      const t = ttl.ttlMsFor(`k${i}`);
      if (!(Number.isInteger(t) && t >= 100 && t <= 103)) fail(`ttlMsFor returned ${t} for base 100, jitter 3: expected an integer in [100, 103]`);
      seen.add(t);
    }
    expect([...seen].sort((a, b) => a - b), 'values seen in 400 draws').toEqual([100, 101, 102, 103]);
  });

  test('no jitter means the base TTL; bad arguments are refused', () => {
    const ttl = new JitteredTtl(250, 0, new Prng('zero'));
    for (let i = 0; i < 20; i++) expect(ttl.ttlMsFor('k'), 'jitter 0').toBe(250);
    expect(() => new JitteredTtl(0, 10, new Prng(1)), 'base 0').toThrow();
    expect(() => new JitteredTtl(100, -1, new Prng(1)), 'jitter -1').toThrow();
    expect(() => new JitteredTtl(100.5, 10, new Prng(1)), 'base 100.5').toThrow();
  });

  forSeeds('TTLs are drawn afresh for every fill and spread uniformly', SEEDS, (seed, rng) => {
    const ttl = new JitteredTtl(5000, 999, rng);
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 20_000; i++) {
      const t = ttl.ttlMsFor(i % 2 === 0 ? 'same-key' : `key-${i}`);
      if (!Number.isInteger(t) || t < 5000 || t > 5999) outside++;
      else buckets[Math.floor((t - 5000) / 100)]!++;
    }
    attachTrace({ buckets });
    expect(outside, `seed ${seed}: draws outside [5000, 5999]`).toBe(0);
    for (const [i, n] of buckets.entries()) {
      expect(n, `seed ${seed}: draws in [${5000 + 100 * i}, ${5099 + 100 * i}] out of 20,000 (uniform: about 2,000)`).toBeGreaterThanOrEqual(1750);
      expect(n, `seed ${seed}: draws in [${5000 + 100 * i}, ${5099 + 100 * i}] out of 20,000 (uniform: about 2,000)`).toBeLessThanOrEqual(2250);
    }
  });

  forSeeds('jittered TTLs cut the DB peak of a mass expiry by half or more', WORKLOAD_SEEDS, (seed) => {
    const fixed = avalanche(seed);
    const jittered = jitterOnly(seed);
    metric('oneTtlPeakDbQueriesPerSecond', fixed.peakDbQueriesPerSecond);
    metric('peakDbQueriesPerSecond', jittered.peakDbQueriesPerSecond);
    attachTrace({ oneTtl: brief(fixed), jittered: brief(jittered) });
    expect(jittered.firstDbQueryMs, `seed ${seed}: first DB query (no TTL may be shorter than the base ${BASE_TTL_MS} ms)`).toBeGreaterThanOrEqual(BASE_TTL_MS);
    expect(
      jittered.peakDbQueriesPerSecond,
      `seed ${seed}: peak DB queries per second with TTL ${BASE_TTL_MS} + jitter ${JITTER_MS} ms (one TTL: ${fixed.peakDbQueriesPerSecond})`,
    ).toBeLessThanOrEqual(0.5 * fixed.peakDbQueriesPerSecond);
  });
});

stage('early-refresh', () => {
  test('never refreshes before the window, always on its last millisecond', () => {
    const refresh = new EarlyRefresh(1000, new Prng('window'));
    const rng = new Prng('window probes');
    for (let i = 0; i < 5000; i++) {
      const expiresAtMs = rng.range(2000, 100_000);
      const nowMs = expiresAtMs - 1000 - rng.range(1, 1500);
      if (refresh.shouldRefresh(nowMs, expiresAtMs)) fail(`refreshed at ${nowMs} ms for an expiry at ${expiresAtMs} ms, before the 1000 ms window`);
    }
    for (let i = 0; i < 200; i++) expect(refresh.shouldRefresh(9999, 10_000), 'a hit 1 ms before expiry').toBe(true);
  });

  forSeeds('inside the window the refresh probability rises linearly', SEEDS.slice(0, 4), (seed, rng) => {
    const windowMs = 1000;
    const refresh = new EarlyRefresh(windowMs, rng);
    for (const into of [0, 100, 500, 900]) {
      const expected = (into + 1) / windowMs;
      let yes = 0;
      const draws = 4000;
      for (let i = 0; i < draws; i++) if (refresh.shouldRefresh(10_000 - windowMs + into, 10_000)) yes++;
      const rate = yes / draws;
      expect(Math.abs(rate - expected), `seed ${seed}: refresh rate ${into} ms into a ${windowMs} ms window was ${rate}, expected about ${expected}`).toBeLessThanOrEqual(0.04);
    }
  });

  forSeeds('jitter plus early refresh: far fewer reads wait for the DB, without flooding it with refreshes', WORKLOAD_SEEDS, (seed) => {
    const fixed = avalanche(seed);
    const jittered = jitterOnly(seed);
    const both = withPolicies(
      seed,
      (p) => new JitteredTtl(BASE_TTL_MS, JITTER_MS, p),
      (p) => new EarlyRefresh(REFRESH_WINDOW_MS, p),
    );
    metric('misses', both.misses);
    metric('jitterOnlyMisses', jittered.misses);
    metric('dbQueries', both.dbQueries);
    metric('peakDbQueriesPerSecond', both.peakDbQueriesPerSecond);
    attachTrace({ jittered: brief(jittered), jitteredAndRefreshed: brief(both) });
    expect(both.misses, `seed ${seed}: reads that waited for the DB (jitter alone: ${jittered.misses})`).toBeLessThanOrEqual(0.6 * jittered.misses);
    expect(both.dbQueries, `seed ${seed}: DB queries, refreshes included (jitter alone: ${jittered.dbQueries})`).toBeLessThanOrEqual(1.3 * jittered.dbQueries);
    expect(
      both.peakDbQueriesPerSecond,
      `seed ${seed}: peak DB queries per second (one TTL: ${fixed.peakDbQueriesPerSecond})`,
    ).toBeLessThanOrEqual(0.5 * fixed.peakDbQueriesPerSecond);
  });
});
