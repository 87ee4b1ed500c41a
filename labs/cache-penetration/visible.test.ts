import { expect, stage, test } from '../../grader/harness/api';
import { BloomFilter } from './solution';

stage('bloom', () => {
  test('added keys are found; most others are not', () => {
    // 1,000 keys at a 1% target: 9,586 bits, rounded up to 300 words.
    const filter = new BloomFilter(new Uint32Array(300), 1000);
    for (let i = 0; i < 1000; i++) filter.add(`user:${i}`);
    for (let i = 0; i < 1000; i++) expect(filter.mightContain(`user:${i}`), `user:${i}`).toBe(true);
    let falsePositives = 0;
    for (let i = 0; i < 10_000; i++) if (filter.mightContain(`ghost:${i}`)) falsePositives++;
    expect(falsePositives, 'false positives among 10,000 absent keys').toBeLessThanOrEqual(150);
  });
});
