import { expect, stage, test } from '../../grader/harness/api';
import { DEFAULT_RACE, race } from './scenarios';
import { CacheAsideWriter } from './solution';

stage('converge', () => {
  test('after quiescence the cache holds what the DB holds (seed 1)', async () => {
    const report = await race(1, DEFAULT_RACE, (world, options) => new CacheAsideWriter(world, options));
    expect(report.divergentKeys.map((d) => `${d.key}: cache ${d.cached}, DB ${d.db}`).join('; ') || 'none', 'seed 1: divergent keys').toBe('none');
  });
});
