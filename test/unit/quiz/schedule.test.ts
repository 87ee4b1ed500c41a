import { describe, expect, it } from 'vitest';
import { newCard, review, type CardFields } from '@/lib/review/schedule';
import type { SelfGrade } from '@/lib/quiz/grade';

const DAY = 86_400_000;
const days = (c: CardFields, from: Date) => (c.due.getTime() - from.getTime()) / DAY;

/** Reviews a card on its due date each time with the given grades; returns the interval after each review. */
function run(grades: SelfGrade[], start = new Date('2026-01-01T09:00:00Z')) {
  let card: CardFields | null = null;
  let now = start;
  const intervals: number[] = [];
  for (const g of grades) {
    card = review(card, g, now);
    intervals.push(days(card, now));
    now = card.due;
  }
  return { card: card!, intervals };
}

describe('FSRS scheduling', () => {
  it('a new card is due immediately', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(newCard(now)).toMatchObject({ due: now, reps: 0, state: 0 });
  });

  it('intervals grow after each correct answer', () => {
    const { intervals } = run(['good', 'good', 'good', 'good', 'good', 'good']);
    const reviewPhase = intervals.slice(2);
    for (let i = 1; i < reviewPhase.length; i++) expect(reviewPhase[i]!, `review ${i + 2}`).toBeGreaterThan(reviewPhase[i - 1]!);
    expect(intervals.at(-1)!).toBeGreaterThan(14);
  });

  it('a wrong answer shrinks the interval and counts a lapse', () => {
    const { card, intervals } = run(['good', 'good', 'good', 'good', 'good']);
    const after = review(card, 'again', card.due);
    expect(days(after, card.due)).toBeLessThan(intervals.at(-1)!);
    expect(days(after, card.due)).toBeLessThan(1);
    expect(after.lapses).toBe(card.lapses + 1);
    expect(after.stability).toBeLessThan(card.stability);
  });

  it('"hard" brings a card back sooner than "good", and "easy" later', () => {
    const { card } = run(['good', 'good', 'good']);
    const at = card.due;
    const hard = days(review(card, 'hard', at), at);
    const good = days(review(card, 'good', at), at);
    const easy = days(review(card, 'easy', at), at);
    expect(hard).toBeLessThan(good);
    expect(good).toBeLessThan(easy);
  });

  it('is deterministic (no fuzz)', () => {
    expect(run(['good', 'hard', 'good', 'again', 'good']).card).toEqual(run(['good', 'hard', 'good', 'again', 'good']).card);
  });
});
