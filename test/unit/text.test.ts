import { describe, expect, it } from 'vitest';
import { illFormedStringPath } from '@/lib/text';

describe('illFormedStringPath', () => {
  it('names the first string holding a lone surrogate, and accepts pairs', () => {
    expect(illFormedStringPath({ code: 'ok 😀' })).toBeNull();
    expect(illFormedStringPath({ code: '\ud800' })).toBe('code');
    expect(illFormedStringPath({ a: [{ b: 'x' }, { c: 'y\udc00' }] })).toBe('a.1.c');
    expect(illFormedStringPath(['fine', '\udbff'])).toBe('1');
    expect(illFormedStringPath('\ud83d')).toBe('');
  });

  it('walks deeply nested values without overflowing the stack', () => {
    let deep: unknown = 'end\ud800';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(illFormedStringPath(deep)).toMatch(/^0(\.0)*$/);
  });
});
