import { createEmptyCard, fsrs, Rating, type State, type Card, type Grade } from 'ts-fsrs';
import type { SelfGrade } from '@/lib/quiz/grade';

/**
 * Spaced review with FSRS (ts-fsrs 5). Mapping, kept deliberately simple:
 * - an objectively graded answer: wrong → Again, right → Good (answer speed is not used), right but marked
 *   "I guessed" → Hard (lib/data/quiz.ts markGuessed redoes that one review);
 * - a self-graded scenario answer: again/hard/good/easy → the rating of the same name.
 * Again sends a card back within minutes (learning/relearning steps) and lowers its stability;
 * Hard schedules it sooner than Good would. Fuzz is off so schedules are reproducible in tests.
 */
export const scheduler = fsrs({ enable_fuzz: false, enable_short_term: true });

const RATING: Record<SelfGrade, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** The FSRS fields as stored in a ReviewCard row. */
export type CardFields = {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
};

export function toFsrsCard(row: CardFields): Card {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsedDays,
    scheduled_days: row.scheduledDays,
    learning_steps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state as State,
    ...(row.lastReview ? { last_review: row.lastReview } : {}),
  };
}

export function fromFsrsCard(card: Card): CardFields {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/** A card that has never been reviewed, due now. */
export function newCard(now: Date): CardFields {
  return fromFsrsCard(createEmptyCard(now));
}

/** The card after one review with `grade` at `now` (a missing card starts empty). */
export function review(prev: CardFields | null, grade: SelfGrade, now: Date): CardFields {
  const card = prev ? toFsrsCard(prev) : createEmptyCard(now);
  return fromFsrsCard(scheduler.next(card, now, RATING[grade]).card);
}
