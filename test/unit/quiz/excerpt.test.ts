import { describe, expect, it } from 'vitest';
import { excerpt } from '@/components/quiz/excerpt';

describe('excerpt (summary items, the mistake notebook, lab review cards)', () => {
  it('keeps a short first line whole and drops the rest', () => {
    expect(excerpt('Which node votes?\n\nMore detail')).toBe('Which node votes?');
  });
  it('cuts English at a word boundary and Chinese anywhere', () => {
    const en = excerpt('word '.repeat(60), 40);
    expect(en.endsWith('word…')).toBe(true);
    expect(en.length).toBeLessThanOrEqual(41);
    const zh = excerpt('选'.repeat(100), 30);
    expect(zh).toBe(`${'选'.repeat(30)}…`);
  });
});
