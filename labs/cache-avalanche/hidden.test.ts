import { Prng } from '../../engine/sim/prng';
import type { MassExpiryReport } from '../../engine/cache/workloads/mass-expiry';
import { attachTrace, expect, fail, forSeeds, metric, stage, test } from '../../grader/harness/api';
import { property } from '../../grader/harness/property';
import {
  checkEdges, checkRamp, checkRefreshReplay, checkTtlArguments, checkTtlRange, checkTtlReplay, checkTtlUniformity, describeArguments, describeEdgeCase,
  describeInstances, describeRampCase, describeUniformityCase, edgeCase, rampCase, refreshReplayCase, ttlArguments, ttlInstances, ttlReplayCase, ttlUniformityCase,
} from './hidden-properties';
import { BASE_TTL_MS, brief, JITTER_MS, oneTtl, REFRESH_WINDOW_MS, withPolicies } from './hidden-scenarios';
import { EarlyRefresh, JitteredTtl } from './solution';

/** Mass expiries are the expensive part: three runs per seed. */
const WORKLOAD_SEEDS = [1, 2, 3, 4, 5];

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
  test('no jitter means the base TTL; bad arguments are refused with a RangeError', () => {
    const ttl = new JitteredTtl(250, 0, new Prng('zero'));
    for (let i = 0; i < 20; i++) expect(ttl.ttlMsFor('k'), 'jitter 0').toBe(250);
    expect(() => new JitteredTtl(0, 10, new Prng(1)), 'base 0').toThrow();
    expect(() => new JitteredTtl(100, -1, new Prng(1)), 'jitter -1').toThrow();
    expect(() => new JitteredTtl(100.5, 10, new Prng(1)), 'base 100.5').toThrow();
  });

  forSeeds('generated arguments: positive integer bases and non-negative integer jitters are accepted, anything else is a RangeError', [21, 22], (seed) =>
    property('new JitteredTtl(baseMs, jitterMs, prng)', ttlArguments, checkTtlArguments, { seed, numRuns: 150, describeCase: describeArguments }),
  );

  forSeeds('generated sizes, one to three instances at once: every TTL is an integer in [base, base + jitter]', [31, 32], (seed) =>
    property('ttlMsFor() of interleaved JitteredTtl instances', ttlInstances, checkTtlRange, { seed, numRuns: 150, describeCase: describeInstances }),
  );

  forSeeds('the same supplied PRNG seed replays the same TTLs; another seed gives others', [41, 42], (seed) =>
    property('TTLs drawn from the supplied prng', ttlReplayCase, checkTtlReplay, { seed, numRuns: 40, describeCase: (c) => `base ${c.baseMs}, jitter ${c.jitterMs}, prng seeds ${c.seedA} and ${c.seedB}` }),
  );

  forSeeds('TTLs are drawn afresh for every fill, every value of [base, base + jitter] equally often', [51, 52, 53, 54], (seed) =>
    property('frequencies of ttlMsFor() values', ttlUniformityCase, checkTtlUniformity, { seed, numRuns: 8, describeCase: describeUniformityCase }),
  );

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

  forSeeds('generated windows, one or two instances at once: never before the window, always on its last millisecond', [61, 62], (seed) =>
    property('shouldRefresh() at the window edges', edgeCase, checkEdges, { seed, numRuns: 200, describeCase: describeEdgeCase }),
  );

  forSeeds('the same supplied PRNG seed replays the same decisions; another seed gives others', [71, 72], (seed) =>
    property('decisions drawn from the supplied prng', refreshReplayCase, checkRefreshReplay, { seed, numRuns: 40, describeCase: (c) => `window ${c.windowMs} ms, prng seeds ${c.seedA} and ${c.seedB}` }),
  );

  forSeeds('inside the window the refresh probability is (now − start + 1) / window', [81, 82, 83, 84], (seed) =>
    property('frequencies of shouldRefresh() inside the window', rampCase, checkRamp, { seed, numRuns: 8, describeCase: describeRampCase }),
  );

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
