import 'server-only';
import { z } from 'zod';
import { prisma } from '@/lib/db';
import { loadCatalog } from '@/lib/content/catalog';
import { LAB_IDS } from '@/lib/content/schema';
import { loadBank } from '@/lib/quiz/bank';
import type { SelfGrade } from '@/lib/quiz/grade';
import type { BankQuestion } from '@/lib/quiz/schema';
import { newCard, review, type CardFields } from '@/lib/review/schedule';
import { parseInput } from './errors';
import { utcDay, type Db, type Viewer } from './types';

/** How many cards one review session serves at most. */
export const REVIEW_BATCH = 20;
/** How many concept cards one failed lab run adds or brings forward at most. */
export const LAB_FAILURE_CARDS = 5;

function startOfUtcDay(now: Date): Date {
  return new Date(`${utcDay(now)}T00:00:00.000Z`);
}

function cardFields(row: CardFields): CardFields {
  const { due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview } = row;
  return { due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview };
}

export type ReviewStats = {
  /** Cards due now (what a review session would serve). */
  dueNow: number;
  /** Cards that come due before the end of today (UTC), including those due now. */
  dueToday: number;
  /** Cards reviewed (answered) since the start of today (UTC). */
  reviewedToday: number;
  total: number;
  nextDue: Date | null;
  dueByTopic: Record<string, number>;
};

export function reviewData(db: Db) {
  const bankIds = () => new Set(loadBank().byId.keys());

  return {
    /**
     * Schedules the learner's card for `q` (a bank question, or an interview card with source
     * "interview") after an answer rated `grade`, creating the card on first answer.
     */
    async applyRating(user: Viewer, q: Pick<BankQuestion, 'id' | 'topic'>, grade: SelfGrade, now = new Date(), source: 'quiz' | 'interview' = 'quiz'): Promise<CardFields & { before: CardFields | null }> {
      const existing = await db.reviewCard.findUnique({ where: { userId_questionId: { userId: user.id, questionId: q.id } } });
      const before = existing ? cardFields(existing) : null;
      const next = review(before, grade, now);
      await db.reviewCard.upsert({
        where: { userId_questionId: { userId: user.id, questionId: q.id } },
        create: { userId: user.id, questionId: q.id, topic: q.topic, source, ...next },
        update: next,
      });
      return { ...next, before };
    },

    /**
     * Redoes the card's last review with another grade: the card as it was `before` that review
     * (null: it was new), reviewed at `reviewedAt` with `grade`. Only while that review is still the
     * card's last one (lastReview === reviewedAt); false when a later review or no card makes it moot.
     */
    async regrade(user: Viewer, questionId: string, before: CardFields | null, reviewedAt: Date, grade: SelfGrade): Promise<boolean> {
      const next = review(before, grade, reviewedAt);
      const { count } = await db.reviewCard.updateMany({ where: { userId: user.id, questionId, lastReview: reviewedAt }, data: next });
      return count === 1;
    },

    async stats(user: Viewer, now = new Date()): Promise<ReviewStats> {
      const ids = bankIds();
      const cards = await db.reviewCard.findMany({ where: { userId: user.id }, select: { questionId: true, topic: true, due: true, lastReview: true } });
      const live = cards.filter((c) => ids.has(c.questionId));
      const endOfDay = new Date(startOfUtcDay(now).getTime() + 86_400_000);
      const dueByTopic: Record<string, number> = {};
      let dueNow = 0;
      for (const c of live) {
        if (c.due <= now) {
          dueNow++;
          dueByTopic[c.topic] = (dueByTopic[c.topic] ?? 0) + 1;
        }
      }
      const upcoming = live.filter((c) => c.due > now).map((c) => c.due.getTime());
      return {
        dueNow,
        dueToday: live.filter((c) => c.due < endOfDay).length,
        reviewedToday: live.filter((c) => c.lastReview && c.lastReview >= startOfUtcDay(now)).length,
        total: live.length,
        nextDue: upcoming.length ? new Date(Math.min(...upcoming)) : null,
        dueByTopic,
      };
    },

    /** Ids of the learner's due cards (most overdue first) that still exist in the bank. */
    async dueQuestionIds(user: Viewer, now = new Date(), limit = REVIEW_BATCH): Promise<string[]> {
      const ids = bankIds();
      const rows = await db.reviewCard.findMany({ where: { userId: user.id, due: { lte: now } }, orderBy: { due: 'asc' }, select: { questionId: true } });
      return rows.map((r) => r.questionId).filter((id) => ids.has(id)).slice(0, limit);
    },

    /**
     * A failed lab run adds the related concept cards: questions tagged with the lab id or with the slug
     * of a lesson that lists the lab. Cards the learner does not have yet are created due now; existing
     * ones not yet due are brought forward to now. At most LAB_FAILURE_CARDS, easiest first.
     * Returns the question ids affected; with `submissionId` (the failed submission), also records them on
     * it, so the workspace can say which cards it added (labSubmissionCards).
     */
    async addLabFailureCards(user: Viewer, lab: string, now = new Date(), submissionId?: string): Promise<string[]> {
      const labId = parseInput(z.enum(LAB_IDS, { error: 'review.errors.unknownLab' }), lab);
      const note = async (ids: string[]) => {
        if (submissionId) await db.labSubmission.updateMany({ where: { id: submissionId, userId: user.id }, data: { reviewCards: JSON.stringify(ids) } });
        return ids;
      };
      const slugs = new Set(loadCatalog().flatMap((t) => t.lessons.filter((l) => l.labs.includes(labId)).map((l) => l.slug)));
      slugs.add(labId);
      const related = loadBank().questions.filter((q) => q.tags.some((t) => slugs.has(t)));
      if (related.length === 0) return note([]);
      const cards = await db.reviewCard.findMany({
        where: { userId: user.id, questionId: { in: related.map((q) => q.id) } },
        select: { questionId: true, due: true },
      });
      const dueOf = new Map(cards.map((c) => [c.questionId, c.due] as const));
      // Not already due first (those are the ones this changes), then lower difficulty, then bank order.
      const picked = related
        .filter((q) => !dueOf.has(q.id) || dueOf.get(q.id)! > now)
        .sort((a, b) => a.difficulty - b.difficulty)
        .slice(0, LAB_FAILURE_CARDS);
      for (const q of picked) {
        if (dueOf.has(q.id)) {
          await db.reviewCard.updateMany({ where: { userId: user.id, questionId: q.id }, data: { due: now } });
        } else {
          await db.reviewCard.create({ data: { userId: user.id, questionId: q.id, topic: q.topic, source: 'lab', ...newCard(now) } });
        }
      }
      return note(picked.map((q) => q.id));
    },

    /**
     * The review cards a failed submission of the learner added (question ids, in the order added);
     * null while they are not recorded yet (the hook runs just after the verdict) or for a submission
     * that did not fail. NotFoundError-free: someone else's submission reads as null.
     */
    async labSubmissionCards(user: Viewer, submissionId: string): Promise<{ status: string; cards: string[] | null } | null> {
      const id = parseInput(z.string().min(1, 'quiz.errors.missingId').max(80), submissionId);
      const row = await db.labSubmission.findFirst({ where: { id, userId: user.id }, select: { status: true, reviewCards: true } });
      if (!row) return null;
      return { status: row.status, cards: row.reviewCards === null ? null : (JSON.parse(row.reviewCards) as string[]) };
    },
  };
}
export type ReviewData = ReturnType<typeof reviewData>;

const defaultReview = reviewData(prisma);
export const { applyRating, stats: reviewStats, dueQuestionIds, addLabFailureCards, labSubmissionCards } = defaultReview;
