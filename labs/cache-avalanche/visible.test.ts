import { Prng } from '../../engine/sim/prng';
import { expect, stage, test } from '../../grader/harness/api';
import { EarlyRefresh, JitteredTtl } from './solution';

stage('jitter', () => {
  test('TTLs stay within [base, base + jitter] and are not all equal', () => {
    const ttl = new JitteredTtl(1000, 500, new Prng(1));
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const t = ttl.ttlMsFor(`k${i}`);
      expect(t >= 1000 && t <= 1500, `ttl ${t}`).toBe(true);
      seen.add(t);
    }
    expect(seen.size, 'distinct TTLs in 1,000 draws').toBeGreaterThan(300);
  });
});

stage('early-refresh', () => {
  test('no refresh long before expiry', () => {
    const refresh = new EarlyRefresh(1000, new Prng(2));
    for (let i = 0; i < 100; i++) expect(refresh.shouldRefresh(0, 5000), 'a hit 5 s before expiry').toBe(false);
  });
});
