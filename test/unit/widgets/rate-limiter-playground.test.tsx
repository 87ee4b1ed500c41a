// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { renderIntl } from './intl';
import { afterEach, describe, expect, it } from 'vitest';
import RateLimiterPlayground from '@/components/widgets/rate-limiter-playground';
import { arrivalsFor, DEFAULT_PARAMS, maxInAnyWindow, runLimiter } from '@/components/widgets/ratelimit/run-limiter';
import { FixedWindowLimiter } from '@/engine/ratelimit/fixed-window';
import { runTraffic } from '@/engine/ratelimit/run-traffic';
import { TokenBucketLimiter } from '@/engine/ratelimit/token-bucket';

afterEach(cleanup);

describe('runLimiter', () => {
  it('admits exactly what the reference limiter admits', () => {
    const arrivals = arrivalsFor('bursts', 1, [], 1000);
    const engine = runTraffic(new TokenBucketLimiter({ capacity: 10, refillTokens: 1, refillIntervalMs: 100 }), arrivals, 100);
    const run = runLimiter('token-bucket', DEFAULT_PARAMS['token-bucket'], 'bursts', 1, []);
    expect(run.report.admitted).toBe(engine.admitted);
    expect(run.report.admittedAtMs).toEqual(engine.admittedAtMs);
    expect(run.report.series[0]!.values.reduce((a, b) => a + b, 0)).toBe(engine.admitted);
  });

  it('shows the fixed window letting twice the limit through at a boundary, and the sliding log not', () => {
    const fixed = runLimiter('fixed-window', DEFAULT_PARAMS['fixed-window'], 'boundary', 1, []);
    const log = runLimiter('sliding-log', DEFAULT_PARAMS['sliding-log'], 'boundary', 1, []);
    expect(fixed.maxInWindow).toBeGreaterThan(10);
    expect(log.maxInWindow).toBeLessThanOrEqual(10);
    const ref = runTraffic(new FixedWindowLimiter({ limit: 10, windowMs: 1000 }), arrivalsFor('boundary', 1, [], 1000), 100);
    expect(fixed.report.admitted).toBe(ref.admitted);
  });

  it('maxInAnyWindow counts a half-open window (t − W, t]', () => {
    expect(maxInAnyWindow([0, 999, 1000, 1000], 1000)).toBe(3);
    expect(maxInAnyWindow([], 1000)).toBe(0);
  });

  it('drawn traffic is seeded: same seed same arrivals, and the counts per slot are honoured', () => {
    const drawn = [3, 0, 5];
    const a = arrivalsFor('drawn', 9, drawn, 1000);
    expect(a).toEqual(arrivalsFor('drawn', 9, drawn, 1000));
    expect(a.filter((x) => x.atMs < 100)).toHaveLength(3);
    expect(a.filter((x) => x.atMs >= 200 && x.atMs < 300)).toHaveLength(5);
  });
});

describe('<RateLimiterPlayground>', () => {
  it('shows the engine counts and reacts to parameter changes', () => {
    renderIntl(<RateLimiterPlayground algorithm="token-bucket" />);
    const expected = runLimiter('token-bucket', DEFAULT_PARAMS['token-bucket'], 'bursts', 1, []);
    expect(screen.getByTestId('rl-admitted').textContent).toBe(String(expected.report.admitted));
    fireEvent.change(screen.getByLabelText('Capacity (burst)'), { target: { value: '30' } });
    const bigger = runLimiter('token-bucket', { ...DEFAULT_PARAMS['token-bucket'], limit: 30 }, 'bursts', 1, []);
    expect(bigger.report.admitted).toBeGreaterThan(expected.report.admitted);
    expect(screen.getByTestId('rl-admitted').textContent).toBe(String(bigger.report.admitted));
  });

  it('the traffic drawer works from the keyboard', () => {
    renderIntl(<RateLimiterPlayground algorithm="sliding-window" />);
    fireEvent.change(screen.getByLabelText('Traffic'), { target: { value: 'drawn' } });
    const drawer = screen.getByTestId('traffic-drawer');
    const before = Number(screen.getByTestId('rl-admitted').textContent) + Number(screen.getByTestId('rl-rejected').textContent);
    fireEvent.keyDown(drawer, { key: 'PageUp' });
    fireEvent.keyDown(drawer, { key: 'ArrowUp' });
    expect(drawer.getAttribute('aria-valuetext')).toBe('0–100 ms: 8 requests');
    const after = Number(screen.getByTestId('rl-admitted').textContent) + Number(screen.getByTestId('rl-rejected').textContent);
    expect(after).toBe(before + 6);
  });
});
