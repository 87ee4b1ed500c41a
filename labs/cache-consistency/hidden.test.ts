import { attachTrace, expect, fail, forSeeds, metric, stage } from '../../grader/harness/api';
import { describeProbe, probe, probeCase } from './hidden-probe';
import { describeRace, generatedRace } from './hidden-races';
import { DEFAULT_RACE, race, SLOW_READS, type RaceReport, type RaceSettings } from './scenarios';
import { CacheAsideWriter } from './solution';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function run(seed: number, settings: RaceSettings): Promise<RaceReport> {
  return race(seed, settings, (world, options) => new CacheAsideWriter(world, options));
}

const defaultRuns = new Map<number, Promise<RaceReport>>();
/** The default race of a seed, run once and checked by both stages. */
function defaultRace(seed: number): Promise<RaceReport> {
  let r = defaultRuns.get(seed);
  if (r === undefined) defaultRuns.set(seed, (r = run(seed, DEFAULT_RACE)));
  return r;
}

function record(report: RaceReport): void {
  metric('reads', report.reads);
  metric('staleReads', report.staleReads);
  metric('maxStaleAgeMs', report.maxStaleAgeMs);
  attachTrace({ worstStaleRead: report.worstStaleRead ?? null, divergentKeys: report.divergentKeys, series: report.series });
}

function describeDivergence(report: RaceReport): string {
  return report.divergentKeys.map((d) => `${d.key}: cache ${JSON.stringify(d.cached)}, DB ${JSON.stringify(d.db)}`).join('; ') || 'none';
}

stage('converge', () => {
  forSeeds('after quiescence the cache holds what the DB holds', SEEDS, async (seed) => {
    const report = await defaultRace(seed);
    record(report);
    expect(report.acknowledgedBeforeCommit.join(', ') || 'none', `seed ${seed}: writes acknowledged before the DB committed them`).toBe('none');
    expect(describeDivergence(report), `seed ${seed}: keys whose cached value differs from the DB after every task finished`).toBe('none');
  });
});

stage('stale-window', () => {
  forSeeds('a read is stale only within the bound after the commit it missed', SEEDS, async (seed) => {
    const report = await defaultRace(seed);
    record(report);
    const worst = report.worstStaleRead;
    expect(
      report.maxStaleAgeMs,
      `seed ${seed}: oldest stale read (bound ${DEFAULT_RACE.staleBoundMs} ms)` +
        (worst === undefined ? '' : `: ${worst.key} read at ${worst.startMs} ms got version ${worst.gotVersion}, superseded at ${worst.newerCommittedAtMs} ms`),
    ).toBeLessThanOrEqual(DEFAULT_RACE.staleBoundMs);
  });

  forSeeds('reads slower than writes: still converges, still bounded', SEEDS.slice(0, 4), async (seed) => {
    const report = await run(seed, SLOW_READS);
    record(report);
    expect(describeDivergence(report), `seed ${seed}: keys whose cached value differs from the DB after every task finished`).toBe('none');
    expect(report.maxStaleAgeMs, `seed ${seed}: oldest stale read with DB reads of 10–30 ms (bound ${SLOW_READS.staleBoundMs} ms)`).toBeLessThanOrEqual(SLOW_READS.staleBoundMs);
  });
});

/** Generated races: counts, latencies, hops and both options drawn from the seed (see hidden-races.ts). */
const GENERATED_SEEDS = Array.from({ length: 14 }, (_, i) => 201 + i);

stage('stale-window', () => {
  forSeeds('generated races (sizes, latencies, maxReadMs and staleBoundMs drawn from the seed): acknowledged after the commit, converged, stale only within the bound', GENERATED_SEEDS, async (seed, rng) => {
    const settings = generatedRace(rng);
    const report = await run(seed, settings);
    record(report);
    const where = `seed ${seed} (${describeRace(settings)})`;
    expect(report.acknowledgedBeforeCommit.join(', ') || 'none', `${where}: writes acknowledged before the DB committed them`).toBe('none');
    expect(describeDivergence(report), `${where}: keys whose cached value differs from the DB after every task finished`).toBe('none');
    const worst = report.worstStaleRead;
    expect(
      report.maxStaleAgeMs,
      `${where}: oldest stale read` +
        (worst === undefined ? '' : ` (${worst.key} read at ${worst.startMs} ms got version ${worst.gotVersion}, superseded at ${worst.newerCommittedAtMs} ms)`),
    ).toBeLessThanOrEqual(settings.staleBoundMs);
  });
});

stage('stale-window', () => {
  forSeeds('a racing read built on purpose (its snapshot 1 ms before the commit): its old row is gone within the bound and never comes back', Array.from({ length: 10 }, (_, i) => 301 + i), async (seed, rng) => {
    for (let n = 1; n <= 3; n++) {
      const c = probeCase(rng);
      const result = await probe(seed * 10 + n, c, (world, options) => new CacheAsideWriter(world, options));
      if (result.problem !== undefined) {
        attachTrace({ case: c, oldRowGoneAfterCommitMs: result.removedAfterMs });
        fail(`seed ${seed}, case ${n} (${describeProbe(c)}): ${result.problem}`);
      }
    }
  });
});
