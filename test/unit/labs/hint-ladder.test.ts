import { describe, expect, it } from 'vitest';
import { hintAvailable, hintBlockedBy, hintForFailure, parseRevealed } from '@/lib/labs/hint-ladder';

const stages = [
  { id: 'apply', hints: ['a1', 'a2'] },
  { id: 'dedup', hints: ['d1', 'shared'] },
  { id: 'lossy', hints: ['shared', 'l2'] },
  { id: 'bare' },
];

describe('the hint ladder', () => {
  it('opens a stage’s hints one at a time, gentlest first', () => {
    const none = new Set<string>();
    expect(hintAvailable(stages, none, 'a1')).toBe(true);
    expect(hintAvailable(stages, none, 'a2')).toBe(false);
    expect(hintBlockedBy(stages, none, 'a2')).toBe('a1');
    expect(hintAvailable(stages, new Set(['a1']), 'a2')).toBe(true);
    expect(hintBlockedBy(stages, new Set(['a1']), 'a2')).toBeNull();
  });

  it('a hint several stages list opens when one of them allows it; unlisted hints are always open', () => {
    expect(hintAvailable(stages, new Set(), 'shared')).toBe(true); // first rung of "lossy"
    expect(hintAvailable(stages, new Set(), 'l2')).toBe(false);
    expect(hintAvailable(stages, new Set(['shared']), 'l2')).toBe(true);
    expect(hintAvailable(stages, new Set(), 'not-listed')).toBe(true);
  });

  it('after a failure: the first unrevealed hint of the test’s stage, then the last one again', () => {
    expect(hintForFailure(stages, new Set(), 'apply')).toEqual({ id: 'a1', allRevealed: false });
    expect(hintForFailure(stages, new Set(['a1']), 'apply')).toEqual({ id: 'a2', allRevealed: false });
    expect(hintForFailure(stages, new Set(['a1', 'a2']), 'apply')).toEqual({ id: 'a2', allRevealed: true });
    expect(hintForFailure(stages, new Set(['shared']), 'dedup')).toEqual({ id: 'd1', allRevealed: false });
    expect(hintForFailure(stages, new Set(), 'bare')).toBeNull();
    expect(hintForFailure(stages, new Set(), 'unknown')).toBeNull();
    expect(hintForFailure(stages, new Set(), undefined)).toBeNull();
  });

  it('reads what the browser stored, dropping anything malformed', () => {
    expect([...parseRevealed('["a1","a2"]')]).toEqual(['a1', 'a2']);
    expect([...parseRevealed('[1,"a1",null]')]).toEqual(['a1']);
    expect([...parseRevealed('{"a":1}')]).toEqual([]);
    expect([...parseRevealed('not json')]).toEqual([]);
    expect([...parseRevealed(null)]).toEqual([]);
  });
});
