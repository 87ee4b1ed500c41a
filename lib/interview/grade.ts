import type { SelfGrade } from '@/lib/quiz/grade';

/**
 * How a drill answer is rated for FSRS, from the outline points the learner ticked — the same four
 * ratings a self-graded scenario question uses:
 * - fewer than half the points → again (the card comes back within minutes);
 * - half or more, fewer than three quarters → hard;
 * - three quarters or more → good;
 * - every point, within the target time → easy (every point but over time stays good: an interview
 *   answer that runs long loses the interviewer).
 */
export const DRILL_THRESHOLDS = { hard: 0.5, good: 0.75 } as const;

export function drillGrade(covered: number, points: number, seconds: number, targetSeconds: number): SelfGrade {
  if (!Number.isInteger(points) || points <= 0) throw new RangeError('a card has at least one outline point');
  if (!Number.isInteger(covered) || covered < 0 || covered > points) throw new RangeError(`covered must be 0..${points}`);
  const share = covered / points;
  if (share < DRILL_THRESHOLDS.hard) return 'again';
  if (share < DRILL_THRESHOLDS.good) return 'hard';
  if (covered === points && seconds <= targetSeconds) return 'easy';
  return 'good';
}

/** A share as a whole percentage, 0–100 (NaN-free: no points → 0). */
export function percent(covered: number, points: number): number {
  return points > 0 ? Math.round((100 * covered) / points) : 0;
}
