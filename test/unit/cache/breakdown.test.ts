import { describe, expect, it } from 'vitest';
import { CacheAside } from '../../../engine/cache/strategies/cache-aside';
import { RefreshAhead } from '../../../engine/cache/strategies/early-refresh';
import { EarlyRefreshRead } from '../../../engine/cache/strategies/early-refresh-read';
import { LogicalExpiryRead } from '../../../engine/cache/strategies/logical-expiry';
import { Singleflight } from '../../../engine/cache/strategies/singleflight';
import { fixedTtl } from '../../../engine/cache/strategies/ttl-policy';
import { runHotKeyExpiry } from '../../../engine/cache/workloads/hot-key-expiry';
import { SEEDS } from './seeds';

// Breakdown (缓存击穿): 1,000 readers arrive within 10 ms of a hot key's expiry; a DB read takes 40–60 ms.
describe('hot key expiry under 1,000 concurrent readers', () => {
  it.each(SEEDS)('plain cache-aside: every reader that misses loads the key, ~N DB loads (seed %i)', async (seed) => {
    const report = await runHotKeyExpiry({ seed, readPath: (w) => new CacheAside(w, { ttl: fixedTtl(1000) }) });
    expect(report.dbLoads, `seed ${seed}`).toBe(1000);
    expect(report.peakConcurrentDbQueries, `seed ${seed}`).toBe(1000);
    expect(report.series[0]?.values.reduce((a, b) => a + b, 0), `seed ${seed}`).toBe(1000);
  });

  it.each(SEEDS)('singleflight: exactly one DB load, the other readers wait for it (seed %i)', async (seed) => {
    const flight = new Singleflight();
    const report = await runHotKeyExpiry({ seed, readPath: (w) => new CacheAside(w, { ttl: fixedTtl(1000), coalescer: flight }) });
    expect(report.dbLoads, `seed ${seed}`).toBe(1);
    expect(flight.shared, `seed ${seed}`).toBe(999);
    expect(report.readerLatencyMsMax, `seed ${seed}`).toBeGreaterThanOrEqual(40);
    expect(report.staleReads, `seed ${seed}`).toBe(0);
  });

  it.each(SEEDS)('mutex with logical expiry: one DB load and no reader waits, at the price of stale reads (seed %i)', async (seed) => {
    let path: LogicalExpiryRead<string> | undefined;
    const report = await runHotKeyExpiry({
      seed,
      readPath: (w) => (path = new LogicalExpiryRead(w, { logicalTtlMs: 1000, lockLeaseMs: 500 })),
    });
    expect(report.dbLoads, `seed ${seed}`).toBe(1);
    // The first reader past expiry takes the lock; the 999 others are refused and served the stale value.
    expect(path?.mutex.acquisitions, `seed ${seed}`).toBe(1);
    expect(path?.mutex.refusals, `seed ${seed}`).toBe(999);
    expect(report.readerLatencyMsMax, `seed ${seed}`).toBeLessThanOrEqual(1); // one cache hop, never the DB
    expect(report.staleReads, `seed ${seed}`).toBe(1000);
  });

  it.each(SEEDS)('early refresh: readers before expiry trigger one background reload and nobody misses (seed %i)', async (seed) => {
    const report = await runHotKeyExpiry({
      seed,
      arrivalOffsetMs: -200,
      arrivalWindowMs: 300,
      readPath: (w) => new EarlyRefreshRead(w, fixedTtl(1000), new RefreshAhead(100)),
    });
    expect(report.dbLoads, `seed ${seed}`).toBe(1);
    expect(report.readerLatencyMsMax, `seed ${seed}`).toBeLessThanOrEqual(1);
  });
});
