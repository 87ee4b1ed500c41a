import { describe, expect, it } from 'vitest';
import { isSignInAttempt, SignInGuard } from '../../../scripts/sign-in-guard.mjs';

describe('the HTTP-layer sign-in guard', () => {
  it('knows sign-in attempts: POST /api/session and server actions posted to /login or /signup', () => {
    expect(isSignInAttempt('POST', '/api/session', {})).toBe(true);
    expect(isSignInAttempt('POST', '/login?next=%2Flabs', { 'next-action': 'abc' })).toBe(true);
    expect(isSignInAttempt('POST', '/signup', { 'next-action': 'abc' })).toBe(true);
    expect(isSignInAttempt('DELETE', '/api/session', {})).toBe(false);
    expect(isSignInAttempt('POST', '/login', {})).toBe(false); // not an action
    expect(isSignInAttempt('POST', '/quiz', { 'next-action': 'abc' })).toBe(false);
    expect(isSignInAttempt('GET', '/login', {})).toBe(false);
  });
  it('admits a burst of `capacity` per address, then one per refill interval, and says how long to wait', () => {
    const guard = new SignInGuard({ capacity: 3, refillMs: 1000 });
    expect([0, 0, 0].map(() => guard.take('a', 10_000))).toEqual([0, 0, 0]);
    expect(guard.take('a', 10_000)).toBe(1000);
    expect(guard.take('a', 10_400)).toBe(600);
    expect(guard.take('b', 10_400)).toBe(0); // another address has its own bucket
    expect(guard.take('a', 11_000)).toBe(0); // one token back
    expect(guard.take('a', 11_001)).toBe(999);
    expect(guard.take('a', 20_000)).toBe(0); // refilled to capacity, not beyond
    expect(guard.take('a', 20_000)).toBe(0);
    expect(guard.take('a', 20_000)).toBe(0);
    expect(guard.take('a', 20_000)).toBeGreaterThan(0);
  });
  it('a clock that steps back never admits extra attempts, and memory stays bounded', () => {
    const guard = new SignInGuard({ capacity: 1, refillMs: 1000, maxKeys: 2 });
    expect(guard.take('a', 5000)).toBe(0);
    expect(guard.take('a', 1000)).toBeGreaterThan(0);
    guard.take('b', 5000);
    guard.take('c', 5000); // a third key starts afresh
    expect(guard.take('c', 5000)).toBeGreaterThan(0);
  });
});
