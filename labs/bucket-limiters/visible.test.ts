import { expect, stage, test } from '../../grader/harness/api';
import { runTraffic } from '../../engine/ratelimit/run-traffic';
import { burst } from '../../engine/ratelimit/traffic';
import { LeakyBucketLimiter, TokenBucketLimiter } from './solution';

stage('token-bucket', () => {
  test('a full bucket absorbs a burst of capacity, then tokens come back one per interval', () => {
    const limiter = new TokenBucketLimiter({ capacity: 5, refillTokens: 1, refillIntervalMs: 200 });
    const report = runTraffic(limiter, [...burst('a', 0, 8), { atMs: 200, key: 'a' }, { atMs: 300, key: 'a' }, { atMs: 400, key: 'a' }], 100);
    expect(report.admittedAtMs, 'admitted at').toEqual([0, 0, 0, 0, 0, 200, 400]);
  });
});

stage('leaky-bucket', () => {
  test('a burst turns into delay: one served per interval, at most capacity waiting', () => {
    const limiter = new LeakyBucketLimiter({ capacity: 2, leakIntervalMs: 100 });
    const report = runTraffic(limiter, [...burst('a', 0, 5), { atMs: 150, key: 'a' }], 100);
    expect(report.decisions, 'decisions').toEqual([
      { admitted: true, delayMs: 0 },
      { admitted: true, delayMs: 100 },
      { admitted: true, delayMs: 200 },
      { admitted: false, delayMs: 0 },
      { admitted: false, delayMs: 0 },
      { admitted: true, delayMs: 150 },
    ]);
  });
});
