import { describe, expect, it } from 'vitest';
import { Prng } from '../../../engine/sim/prng';
import { ProbabilisticEarlyRefresh, RefreshAhead } from '../../../engine/cache/strategies/early-refresh';
import { KeyMutex } from '../../../engine/cache/strategies/key-mutex';
import { Singleflight } from '../../../engine/cache/strategies/singleflight';
import { JitteredTtl } from '../../../engine/cache/strategies/ttl-policy';
import { Scheduler } from '../../../engine/cache/scheduler';

describe('Singleflight', () => {
  it('shares one failure with every caller of the flight and forgets the flight afterwards', async () => {
    const sched = new Scheduler({ prng: new Prng(1) });
    const flight = new Singleflight();
    let loads = 0;
    const outcomes: string[] = [];
    const failing = async () => {
      loads++;
      await sched.sleep(10);
      throw new Error('db down');
    };
    for (let i = 0; i < 5; i++) {
      sched.spawn(`c${i}`, async () => {
        try {
          await flight.run('k', failing);
        } catch (e) {
          outcomes.push((e as Error).message);
        }
      });
    }
    await sched.run();
    expect(loads).toBe(1);
    expect(outcomes).toEqual(Array(5).fill('db down'));
    expect(flight.inFlightCount).toBe(0);
    // A failed flight is not remembered: the next call runs its own loader.
    const again = sched.spawn('again', () => flight.run('k', async () => 'ok'));
    await sched.run();
    expect(again.result).toBe('ok');
  });

  it('keeps different keys in different flights', async () => {
    const sched = new Scheduler({ prng: new Prng(2) });
    const flight = new Singleflight();
    const loaded: string[] = [];
    for (const key of ['a', 'b', 'a', 'b', 'c']) {
      sched.spawn(key, () => flight.run(key, async () => {
        loaded.push(key);
        await sched.sleep(5);
        return key;
      }));
    }
    await sched.run();
    expect(loaded.sort()).toEqual(['a', 'b', 'c']);
    expect(flight.shared).toBe(2);
  });
});

describe('KeyMutex', () => {
  it('refuses while a lease is live, frees itself when the lease ends, and only the holder can release', () => {
    const m = new KeyMutex();
    expect(m.tryAcquire('k', 'a', 0, 100)).toBe(true);
    expect(m.tryAcquire('k', 'b', 99, 100)).toBe(false);
    expect(m.release('k', 'b')).toBe(false);
    expect(m.tryAcquire('k', 'b', 100, 100)).toBe(true);
    expect(m.release('k', 'a')).toBe(false);
    expect(m.release('k', 'b')).toBe(true);
    expect(m.tryAcquire('other', 'c', 0, 1)).toBe(true);
  });
});

describe('TTL and refresh policies', () => {
  it('jittered TTLs stay within [base, base + jitter] and spread across it', () => {
    const ttl = new JitteredTtl(1000, 500, new Prng(3));
    const seen = Array.from({ length: 5000 }, () => ttl.ttlMsFor());
    expect(Math.min(...seen)).toBe(1000);
    expect(Math.max(...seen)).toBe(1500);
    expect(new Set(seen).size).toBeGreaterThan(450);
  });

  it('refresh-ahead fires exactly inside the window before expiry', () => {
    const policy = new RefreshAhead(100);
    expect(policy.shouldRefresh(899, 1000)).toBe(false);
    expect(policy.shouldRefresh(900, 1000)).toBe(true);
  });

  it('probabilistic early refresh grows likelier as expiry nears (XFetch)', () => {
    const policy = new ProbabilisticEarlyRefresh(50, 1, new Prng(4));
    const rate = (nowMs: number) => {
      let n = 0;
      for (let i = 0; i < 10_000; i++) if (policy.shouldRefresh(nowMs, 1000)) n++;
      return n / 10_000;
    };
    // P(refresh) = P(−50·ln u ≥ 1000 − now) = e^(−(1000 − now)/50)
    expect(rate(1000)).toBe(1);
    expect(rate(950)).toBeCloseTo(Math.exp(-1), 1);
    expect(rate(850)).toBeCloseTo(Math.exp(-3), 1);
    expect(rate(500)).toBe(0);
  });
});
