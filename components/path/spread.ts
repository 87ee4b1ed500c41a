/** One thing left to do on the study plan: a lesson to read or a lab to solve, in route order. */
export type PlanItem = { href: string; title: string; minutes: number; kind: 'lesson' | 'lab' };

export const MAX_PLAN_DAYS = 365;

/** Reads "interview in N days" from a form or localStorage: a whole number of days from 1 to 365, else null. */
export function parseDays(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || !/^\s*\d+\s*$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= MAX_PLAN_DAYS ? n : null;
}

/**
 * Spreads what is left evenly over `days` by estimated minutes: the daily budget is the total divided
 * by the days (rounded up), and today's share is the items, in route order, that fill that budget
 * (at least one, and an item is never split).
 */
export function spreadPlan(items: readonly PlanItem[], days: number): { minutesLeft: number; minutesPerDay: number; today: PlanItem[] } {
  const minutesLeft = items.reduce((m, i) => m + i.minutes, 0);
  const d = Math.max(1, Math.floor(days));
  const minutesPerDay = Math.ceil(minutesLeft / d);
  const today: PlanItem[] = [];
  let used = 0;
  for (const item of items) {
    if (today.length > 0 && used + item.minutes > minutesPerDay) break;
    today.push(item);
    used += item.minutes;
  }
  return { minutesLeft, minutesPerDay, today };
}
