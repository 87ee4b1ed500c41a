import { attachTrace, expect, forSeeds, metric, stage } from '../../grader/harness/api';
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
