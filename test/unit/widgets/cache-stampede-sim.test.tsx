// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { renderIntl } from './intl';
import { afterEach, describe, expect, it } from 'vitest';
import CacheStampedeSim from '@/components/widgets/cache-stampede-sim';
import { runCacheSim } from '@/components/widgets/cache/run-cache-sim';
import { CacheAside } from '@/engine/cache/strategies/cache-aside';
import { fixedTtl } from '@/engine/cache/strategies/ttl-policy';
import { runHotKeyExpiry } from '@/engine/cache/workloads/hot-key-expiry';

afterEach(cleanup);

const base = { seed: 4, singleflight: false, jitter: false, bloom: false, nullCaching: false } as const;

describe('runCacheSim', () => {
  it('breakdown: reports what the reference workload measures, and singleflight brings the hot key down to one load', async () => {
    const plain = await runCacheSim({ ...base, mode: 'breakdown', load: 500 });
    const engine = await runHotKeyExpiry({ seed: 4, readers: 500, readPath: (w) => new CacheAside(w, { ttl: fixedTtl(1000) }) });
    expect(plain.stats[0]).toMatchObject({ id: 'dbLoadsHot', value: engine.dbLoads });
    expect(engine.dbLoads).toBeGreaterThan(100);
    expect(plain.ok).toBe(false);
    const sf = await runCacheSim({ ...base, mode: 'breakdown', load: 500, singleflight: true });
    expect(sf.stats[0]!.value).toBe(1);
    expect(sf.ok).toBe(true);
  });

  it('avalanche: jitter lowers the peak below the DB capacity line', async () => {
    const fixed = await runCacheSim({ ...base, mode: 'avalanche', load: 10_000 });
    const jittered = await runCacheSim({ ...base, mode: 'avalanche', load: 10_000, jitter: true });
    const peak = (r: typeof fixed) => Math.max(...r.series[0]!.values);
    expect(peak(fixed)).toBeGreaterThan(fixed.bound.value);
    expect(peak(jittered)).toBeLessThanOrEqual(jittered.bound.value);
    expect(peak(jittered) * 2).toBeLessThan(peak(fixed));
  });

  it('penetration: a Bloom filter stops most absent lookups and never a legitimate one', async () => {
    const open = await runCacheSim({ ...base, mode: 'penetration', load: 2000 });
    const bloom = await runCacheSim({ ...base, mode: 'penetration', load: 2000, bloom: true });
    expect(open.ok).toBe(false);
    expect(bloom.ok).toBe(true);
    expect(bloom.stats.find((s) => s.id === 'falseNegatives')!.value).toBe(0);
  });

  it('is deterministic for a seed', async () => {
    const a = await runCacheSim({ ...base, mode: 'breakdown', load: 300 });
    const b = await runCacheSim({ ...base, mode: 'breakdown', load: 300 });
    expect(a).toEqual(b);
  });
});

describe('<CacheStampedeSim>', () => {
  it('toggling singleflight re-runs the engine and the DB load drops to one', async () => {
    renderIntl(<CacheStampedeSim mode="breakdown" />);
    await waitFor(() => expect(screen.getByTestId('cache-verdict').textContent).toMatch(/Breakdown/));
    expect(screen.getByTestId('plot-bound')).toBeTruthy();
    expect(screen.getByLabelText('TTL jitter')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByLabelText('Singleflight'));
    await waitFor(() => expect(screen.getByTestId('cache-verdict').textContent).toMatch(/^Singleflight/));
    expect(screen.getByTestId('cache-stats').textContent).toContain('DB loads (hot key)1');
  });

  it('switches failure mode with a keyboard-reachable button', async () => {
    renderIntl(<CacheStampedeSim mode="breakdown" />);
    fireEvent.click(screen.getByRole('button', { name: 'Avalanche' }));
    await waitFor(() => expect(screen.getByTestId('cache-verdict').textContent).toMatch(/Avalanche/));
    expect(screen.getByRole('button', { name: 'Avalanche' }).getAttribute('aria-pressed')).toBe('true');
  });
});
