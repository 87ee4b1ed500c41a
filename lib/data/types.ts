import type { PrismaClient } from '@/lib/generated/prisma/client';

/** The database handle data-access functions run against (the app's client, or a test's). */
export type Db = PrismaClient;

/** The signed-in (or guest) learner a request acts for. Every data-access function takes one. */
export type Viewer = {
  id: string;
  isGuest: boolean;
  username: string | null;
  email: string | null;
  displayName: string | null;
  /** The interface language saved to the account (null for guests and until chosen). */
  locale?: string | null;
};

/** A UTC calendar day, YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
