import { describe, expect, it } from 'vitest';
import { drillGrade, percent } from '@/lib/interview/grade';

describe('drill rating from outline points covered', () => {
  it('maps the share of points to again / hard / good / easy', () => {
    expect(drillGrade(0, 6, 60, 120)).toBe('again');
    expect(drillGrade(2, 6, 60, 120)).toBe('again'); // 33%
    expect(drillGrade(3, 6, 60, 120)).toBe('hard'); // 50% is the first "hard"
    expect(drillGrade(4, 6, 60, 120)).toBe('hard'); // 67%
    expect(drillGrade(6, 8, 60, 120)).toBe('good'); // 75% is the first "good"
    expect(drillGrade(5, 6, 60, 120)).toBe('good');
    expect(drillGrade(6, 6, 120, 120)).toBe('easy'); // everything, on time
  });
  it('every point but over time is good, not easy', () => {
    expect(drillGrade(6, 6, 121, 120)).toBe('good');
  });
  it('is monotone in the points covered for every outline length', () => {
    const order = ['again', 'hard', 'good', 'easy'];
    for (let points = 5; points <= 8; points++) {
      for (const seconds of [30, 500]) {
        const ranks = Array.from({ length: points + 1 }, (_, c) => order.indexOf(drillGrade(c, points, seconds, 120)));
        for (let c = 1; c <= points; c++) expect(ranks[c]!, `${c}/${points}`).toBeGreaterThanOrEqual(ranks[c - 1]!);
      }
    }
  });
  it('refuses impossible inputs', () => {
    expect(() => drillGrade(7, 6, 1, 120)).toThrow(/0\.\.6/);
    expect(() => drillGrade(-1, 6, 1, 120)).toThrow(RangeError);
    expect(() => drillGrade(0, 0, 1, 120)).toThrow(/at least one/);
  });
  it('percent rounds and never divides by zero', () => {
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBe(0);
  });
});
