import 'server-only';
import { prisma } from '@/lib/db';
import type { Db, Viewer } from './types';

/**
 * The help ladder's record (issue 19): which labs' walkthroughs a learner has unlocked, when and why.
 * A walkthrough unlocks by itself once the learner has `threshold` failed hidden submissions of the
 * lab (reason "failures"; the moment recorded is when the threshold-th failed submission finished),
 * or on request after a confirmation (reason "requested"). Guests are recorded like accounts (a
 * guest keeps its id when it signs up). Lab ids and thresholds come from the lab packages
 * (lib/labs/help.ts); this module only counts and records.
 */

export const UNLOCK_REASONS = ['failures', 'requested'] as const;
export type UnlockReason = (typeof UNLOCK_REASONS)[number];

export interface WalkthroughUnlock {
  labId: string;
  reason: UnlockReason;
  unlockedAt: Date;
}

export interface WalkthroughState {
  labId: string;
  /** Failed hidden submissions of this lab (status "failed": graded, and some test failed). */
  failedSubmissions: number;
  /** Failed submissions that unlock the walkthrough (the lab's walkthroughAfter). */
  threshold: number;
  unlock: WalkthroughUnlock | null;
}

const asReason = (reason: string): UnlockReason => (reason === 'requested' ? 'requested' : 'failures');

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code?: unknown }).code === 'P2002';
}

export function helpData(db: Db) {
  /** Creates the unlock unless one exists (a concurrent creator wins; its row is read back). */
  async function record(userId: string, labId: string, reason: UnlockReason, unlockedAt: Date): Promise<WalkthroughUnlock> {
    const existing = await db.walkthroughUnlock.findUnique({ where: { userId_labId: { userId, labId } } });
    if (existing) return { labId, reason: asReason(existing.reason), unlockedAt: existing.unlockedAt };
    try {
      const row = await db.walkthroughUnlock.create({ data: { userId, labId, reason, unlockedAt } });
      return { labId, reason: asReason(row.reason), unlockedAt: row.unlockedAt };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const row = await db.walkthroughUnlock.findUniqueOrThrow({ where: { userId_labId: { userId, labId } } });
      return { labId, reason: asReason(row.reason), unlockedAt: row.unlockedAt };
    }
  }

  /** When the threshold-th failed submission finished (null while there are fewer). */
  async function thresholdReachedAt(userId: string, labId: string, threshold: number): Promise<{ failed: number; at: Date | null }> {
    const failed = await db.labSubmission.count({ where: { userId, labId, status: 'failed' } });
    if (failed < threshold) return { failed, at: null };
    const nth = await db.labSubmission.findFirst({
      where: { userId, labId, status: 'failed' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      skip: threshold - 1,
      select: { finishedAt: true, createdAt: true },
    });
    return { failed, at: nth?.finishedAt ?? nth?.createdAt ?? new Date() };
  }

  return {
    /**
     * The learner's walkthrough state for one lab; records the unlock when the failures reached the
     * threshold and none is recorded yet. A null viewer (no session) has nothing failed and nothing unlocked.
     */
    async walkthroughState(viewer: Viewer | null, labId: string, threshold: number): Promise<WalkthroughState> {
      if (!viewer) return { labId, failedSubmissions: 0, threshold, unlock: null };
      const { failed, at } = await thresholdReachedAt(viewer.id, labId, threshold);
      const row = await db.walkthroughUnlock.findUnique({ where: { userId_labId: { userId: viewer.id, labId } } });
      let unlock: WalkthroughUnlock | null = row ? { labId, reason: asReason(row.reason), unlockedAt: row.unlockedAt } : null;
      if (!unlock && at) unlock = await record(viewer.id, labId, 'failures', at);
      return { labId, failedSubmissions: failed, threshold, unlock };
    },

    /** Unlocks on the learner's request (confirmed in the interface); an earlier unlock is kept as it was. */
    async requestWalkthrough(viewer: Viewer, labId: string, threshold: number, now = new Date()): Promise<WalkthroughState> {
      const { failed, at } = await thresholdReachedAt(viewer.id, labId, threshold);
      const unlock = at ? await record(viewer.id, labId, 'failures', at) : await record(viewer.id, labId, 'requested', now);
      return { labId, failedSubmissions: failed, threshold, unlock };
    },

    /**
     * Every walkthrough the learner has unlocked, newest first. `thresholds` (lab id → walkthroughAfter)
     * lists the labs that exist: unlocks the failures earned but nobody recorded yet (the learner never
     * reopened the lab) are recorded first, and unlocks of labs no longer there are left out.
     */
    async listUnlocks(viewer: Viewer | null, thresholds: ReadonlyMap<string, number>): Promise<WalkthroughUnlock[]> {
      if (!viewer) return [];
      const counts = await db.labSubmission.groupBy({ by: ['labId'], where: { userId: viewer.id, status: 'failed' }, _count: { _all: true } });
      const rows = await db.walkthroughUnlock.findMany({ where: { userId: viewer.id } });
      const recorded = new Set(rows.map((r) => r.labId));
      for (const c of counts) {
        const threshold = thresholds.get(c.labId);
        if (threshold === undefined || recorded.has(c.labId) || c._count._all < threshold) continue;
        const { at } = await thresholdReachedAt(viewer.id, c.labId, threshold);
        if (at) rows.push({ ...(await record(viewer.id, c.labId, 'failures', at)), id: '', userId: viewer.id });
      }
      return rows
        .filter((r) => thresholds.has(r.labId))
        .map((r) => ({ labId: r.labId, reason: asReason(r.reason), unlockedAt: r.unlockedAt }))
        .sort((a, b) => b.unlockedAt.getTime() - a.unlockedAt.getTime() || a.labId.localeCompare(b.labId));
    },
  };
}

export type HelpData = ReturnType<typeof helpData>;

export const { walkthroughState, requestWalkthrough, listUnlocks } = helpData(prisma);
