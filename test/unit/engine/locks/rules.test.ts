import { describe, expect, it } from 'vitest';
import { ClientRules, FenceRules, LeaseRules } from '@/engine/locks/rules';

describe('lease rules', () => {
  it('grants the next token only when no lease is live, on the server clock', () => {
    const r = new LeaseRules();
    expect(r.acquire({ lock: 'L', client: 'a', ttlMs: 100, sentAtMs: 0 }, 1000)).toEqual({ ok: true, token: 1 });
    expect(r.acquire({ lock: 'L', client: 'b', ttlMs: 100, sentAtMs: 99_999 }, 1099)).toEqual({ ok: false, reason: 'held' });
    expect(r.acquire({ lock: 'L', client: 'a', ttlMs: 100, sentAtMs: 0 }, 1050)).toEqual({ ok: false, reason: 'held' });
    expect(r.acquire({ lock: 'M', client: 'b', ttlMs: 100, sentAtMs: 0 }, 1050)).toEqual({ ok: true, token: 1 });
    expect(r.acquire({ lock: 'L', client: 'b', ttlMs: 100, sentAtMs: 0 }, 1100)).toEqual({ ok: true, token: 2 });
  });

  it('renews only the live lease of its holder; releases only with the token', () => {
    const r = new LeaseRules();
    r.acquire({ lock: 'L', client: 'a', ttlMs: 100, sentAtMs: 0 }, 0);
    expect(r.renew({ lock: 'L', client: 'b', token: 1, ttlMs: 100, sentAtMs: 0 }, 50)).toEqual({ ok: false, reason: 'not-holder' });
    expect(r.renew({ lock: 'L', client: 'a', token: 1, ttlMs: 100, sentAtMs: 0 }, 50)).toEqual({ ok: true, token: 1 });
    expect(r.renew({ lock: 'L', client: 'a', token: 1, ttlMs: 100, sentAtMs: 0 }, 149)).toEqual({ ok: true, token: 1 });
    expect(r.renew({ lock: 'L', client: 'a', token: 1, ttlMs: 100, sentAtMs: 0 }, 250)).toEqual({ ok: false, reason: 'expired' });
    expect(r.release({ lock: 'L', client: 'a', token: 2 })).toEqual({ ok: false });
    expect(r.release({ lock: 'L', client: 'a', token: 1 })).toEqual({ ok: true });
    expect(r.release({ lock: 'L', client: 'a', token: 1 })).toEqual({ ok: false });
  });
});

describe('fence rules', () => {
  it('refuses only tokens older than the newest accepted per key', () => {
    const f = new FenceRules();
    expect(f.write({ key: 'k', value: 'b', token: 34 })).toEqual({ ok: true });
    expect(f.write({ key: 'k', value: 'a', token: 33 })).toEqual({ ok: false, newestToken: 34 });
    expect(f.write({ key: 'k', value: 'b2', token: 34 })).toEqual({ ok: true });
    expect(f.write({ key: 'j', value: 'x', token: 1 })).toEqual({ ok: true });
    expect(f.read('k')).toBe('b2');
  });
});

describe('client rules', () => {
  it('times the lease from the send and stamps the token', () => {
    let now = 0;
    const c = new ClientRules('c1', () => now);
    c.acquire('L', 100);
    now = 60;
    c.granted({ ok: true, token: 5 });
    expect(c.write('k', 'v')).toEqual({ key: 'k', value: 'v', token: 5 });
    now = 99;
    expect(c.holds()).toBe(true);
    now = 100;
    expect(c.holds()).toBe(false);
    c.renew(100);
    c.granted({ ok: false, reason: 'expired' });
    expect(c.lease()).toBeNull();
    expect(c.release()).toBeNull();
  });
});
