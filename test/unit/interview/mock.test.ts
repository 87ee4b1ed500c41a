import { describe, expect, it } from 'vitest';
import { arrangeMock, gradeForShare, mockComposition, mockDurationSeconds, MOCK_SIZES, remainingSeconds, scoreMock, withinDeadline, DEADLINE_GRACE_SECONDS, type MockItemRef } from '@/lib/interview/mock';

const refs = (kind: MockItemRef['kind'], n: number, topic = 't'): MockItemRef[] => Array.from({ length: n }, (_, i) => ({ kind, id: `${kind}-${i}`, topic }));

describe('timed mock interview rules (lib/interview/mock.ts)', () => {
  it('mixes 60 % quick checks, 20 % scenarios, 20 % spoken answers and gives 90 s an item', () => {
    expect(mockComposition(10)).toEqual({ quiz: 6, scenario: 2, card: 2 });
    expect(mockComposition(20)).toEqual({ quiz: 12, scenario: 4, card: 4 });
    expect(mockComposition(30)).toEqual({ quiz: 18, scenario: 6, card: 6 });
    expect(MOCK_SIZES.map(mockDurationSeconds)).toEqual([15 * 60, 30 * 60, 45 * 60]);
  });

  it('spreads the kinds evenly, opening with a quick check and never two long answers in a row when avoidable', () => {
    for (const size of MOCK_SIZES) {
      const mix = mockComposition(size);
      const order = arrangeMock(refs('quiz', mix.quiz), refs('scenario', mix.scenario), refs('card', mix.card));
      expect(order).toHaveLength(size);
      expect(new Set(order.map((r) => r.id)).size).toBe(size);
      expect(order[0]!.kind).toBe('quiz');
      for (let i = 1; i < order.length; i++) expect(order[i - 1]!.kind === 'quiz' || order[i]!.kind === 'quiz').toBe(true);
      // Each kind keeps its own order.
      expect(order.filter((r) => r.kind === 'card').map((r) => r.id)).toEqual(refs('card', mix.card).map((r) => r.id));
    }
    expect(arrangeMock(refs('quiz', 3), [], [])).toHaveLength(3);
    expect(arrangeMock([], [], [])).toEqual([]);
  });

  it('counts the clock down in whole seconds from an injected time, and accepts answers up to the grace after it', () => {
    const start = 1_000_000;
    expect(remainingSeconds(start, 900, start)).toBe(900);
    expect(remainingSeconds(start, 900, start + 500)).toBe(900);
    expect(remainingSeconds(start, 900, start + 1000)).toBe(899);
    expect(remainingSeconds(start, 900, start + 900_000)).toBe(0);
    expect(remainingSeconds(start, 900, start + 5_000_000)).toBe(0);
    expect(withinDeadline(start, 900, start + 900_000)).toBe(true);
    expect(withinDeadline(start, 900, start + (900 + DEADLINE_GRACE_SECONDS) * 1000)).toBe(true);
    expect(withinDeadline(start, 900, start + (900 + DEADLINE_GRACE_SECONDS) * 1000 + 1)).toBe(false);
  });

  it('scores every item served (unanswered = 0), per topic weakest first, with a verdict', () => {
    const a = refs('quiz', 4, 'raft');
    const b = refs('card', 2, 'cap');
    const all = [...a.map((ref) => ({ ref, score: 1 })), { ref: b[0]!, score: 0.5 }, { ref: b[1]!, score: null }];
    const r = scoreMock(all);
    expect(r.score).toBe(Math.round((100 * 4.5) / 6));
    expect(r.answered).toBe(5);
    expect(r.topics).toEqual([
      { topic: 'cap', score: 25, items: 2, answered: 1 },
      { topic: 'raft', score: 100, items: 4, answered: 4 },
    ]);
    expect(r.weakest).toEqual(['cap']);
    expect(r.verdict).toBe('almost'); // 75 overall but a topic under 60 and only 5 of 6 answered
  });

  it('says ready, almost or not yet by the documented thresholds', () => {
    const ten = refs('quiz', 10, 'x');
    const with_ = (scores: (number | null)[]) => scoreMock(ten.map((ref, i) => ({ ref: { ...ref, topic: i % 2 ? 'x' : 'y' }, score: scores[i]! })));
    expect(with_([1, 1, 1, 1, 1, 1, 1, 1, 0, 0]).verdict).toBe('ready'); // 80, all answered, both topics ≥ 60
    expect(with_([1, 1, 1, 1, 1, 1, 1, 1, null, 0]).verdict).toBe('ready'); // 9 of 10 answered is enough
    expect(with_([1, 1, 1, 1, 1, 1, 1, 1, null, null]).verdict).toBe('almost'); // 8 of 10 answered is not
    expect(with_([1, 1, 1, 1, 1, 1, 0, 0, 0, 0]).verdict).toBe('almost'); // 60
    expect(with_([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]).verdict).toBe('not-yet'); // 50
    expect(scoreMock([]).verdict).toBe('not-yet');
  });

  it('turns the share of points ticked into the drill self-grade', () => {
    expect(gradeForShare(0, 4)).toBe('again');
    expect(gradeForShare(1, 4)).toBe('again');
    expect(gradeForShare(2, 4)).toBe('hard');
    expect(gradeForShare(3, 4)).toBe('good');
    expect(gradeForShare(4, 4)).toBe('easy');
    expect(gradeForShare(0, 0)).toBe('again');
  });
});
