import { expect, stage, test } from '../../grader/harness/api';
import { runTraffic } from '../../engine/ratelimit/run-traffic';
import { boundaryDoubleBurst, burst, merge, steady } from '../../engine/ratelimit/traffic';
import { FixedWindowLimiter, SlidingWindowCounterLimiter } from './solution';

stage('fixed-window', () => {
  test('10 requests a second against 5 per second: the first 5 of each second pass', () => {
    const report = runTraffic(new FixedWindowLimiter({ limit: 5, windowMs: 1000 }), steady('a', 0, 100, 30), 1000);
    expect(report.admittedAtMs, 'admitted at').toEqual([0, 100, 200, 300, 400, 1000, 1100, 1200, 1300, 1400, 2000, 2100, 2200, 2300, 2400]);
  });

  test('keys are limited independently', () => {
    const report = runTraffic(new FixedWindowLimiter({ limit: 2, windowMs: 1000 }), merge(burst('alice', 10, 3), burst('bob', 10, 3)), 1000);
    expect(report.decisions.map((d) => d.admitted), 'alice ×3, then bob ×3').toEqual([true, true, false, true, true, false]);
  });
});

stage('sliding-window', () => {
  test('the boundary double burst: 5 at 999 ms and 5 at 1000 ms; only the first 5 pass', () => {
    const report = runTraffic(new SlidingWindowCounterLimiter({ limit: 5, windowMs: 1000 }), boundaryDoubleBurst('a', 1000, 5), 1000);
    expect(report.admitted, 'admitted of the 10').toBe(5);
    expect(report.admittedAtMs, 'admitted at').toEqual([999, 999, 999, 999, 999]);
  });

  test('the previous window counts in proportion to its overlap', () => {
    // 10 in [0, 1000). At 1250 the previous window still covers 750/1000 of the sliding window:
    // estimate 10 · 0.75 + current; admit while 7.5 + current + 1 ≤ 10, i.e. 2 more.
    const limiter = new SlidingWindowCounterLimiter({ limit: 10, windowMs: 1000 });
    const report = runTraffic(limiter, [...burst('a', 500, 10), ...burst('a', 1250, 5)], 250);
    expect(report.admittedAtMs.filter((t) => t === 1250).length, 'admitted at 1250 ms').toBe(2);
  });
});
