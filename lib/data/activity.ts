import 'server-only';
import { utcDay, type Db } from './types';

export type ActivityKind = 'lessons' | 'answers' | 'labs';

/** Counts one unit of activity for the learner on the UTC day of `now` (for streaks and the calendar). */
export async function bumpActivity(db: Db, userId: string, kind: ActivityKind, now: Date): Promise<void> {
  const day = utcDay(now);
  await db.activityDay.upsert({
    where: { userId_day: { userId, day } },
    create: { userId, day, [kind]: 1 },
    update: { [kind]: { increment: 1 } },
  });
}
