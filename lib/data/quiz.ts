import 'server-only';
import { z } from 'zod';
import { prisma } from '@/lib/db';
import { loadCatalog } from '@/lib/content/catalog';
import { getQuestion, lessonTarget, loadBank, type LessonTarget } from '@/lib/quiz/bank';
import { AnswerMismatchError, ANSWER_ISSUE_KEYS, answerInputSchema, gradeAnswer, scenarioReveal, type AnswerInput, type Feedback } from '@/lib/quiz/grade';
import type { Locale } from '@/lib/i18n/locale';
import { msg } from '@/lib/i18n/translate';
import { questionText } from '@/lib/quiz/localize';
import { toPublicQuestion, type PublicQuestion } from '@/lib/quiz/public';
import type { BankQuestion } from '@/lib/quiz/schema';
import type { CardFields } from '@/lib/review/schedule';
import { bumpActivity } from './activity';
import { interleave, shuffle } from './shuffle';
import { InputError, NotFoundError, parseInput } from './errors';
import { reviewData, REVIEW_BATCH } from './review';
import type { Db, Viewer } from './types';

export const QUIZ_LENGTHS = [5, 10, 20] as const;
export const DEFAULT_QUIZ_LENGTH = 10;

// Issue messages are interface-string keys (quiz.errors.*): English in InputError.message, the learner's language in answers.
const tagSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'quiz.errors.tagKebab').max(60);
export const startQuizSchema = z.strictObject({
  kind: z.enum(['topic', 'mixed'], { error: 'quiz.errors.quizKind' }),
  topic: z.string().max(40).optional(),
  tag: tagSchema.optional(),
  /** Only questions on these lessons (slugs of the topic): the topic quiz's "lessons I have read" default. */
  lessons: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'quiz.errors.tagKebab').max(80)).max(60).optional(),
  /** One question by id (the search dialog's and the mistake notebook's single-question link, /quiz/<topic>?q=<id>). */
  question: z.string().min(1, 'quiz.errors.missingId').max(80).optional(),
  count: z.int().min(1, 'quiz.errors.countMin').max(50, 'quiz.errors.countMax').default(DEFAULT_QUIZ_LENGTH),
});
export type StartQuizInput = z.input<typeof startQuizSchema>;

const idSchema = z.string().min(1, 'quiz.errors.missingId').max(80);

/** Parses an answer; answerInputSchema's English issue messages become their interface-string keys. */
function parseAnswer(raw: unknown): AnswerInput {
  const parsed = answerInputSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw InputError.fromZod(new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, message: ANSWER_ISSUE_KEYS[issue.message] ?? issue.message }))));
}

export type StartedQuiz = {
  attemptId: string;
  kind: 'topic' | 'mixed' | 'review';
  topic: string | null;
  questions: PublicQuestion[];
};

export type AnswerResult = Feedback & { questionId: string; lesson: LessonTarget };

/** After "I guessed" (or undoing it): the flag as stored, whether the card was rescheduled, and when it is due. */
export type GuessResult = { questionId: string; guessed: boolean; rescheduled: boolean; due: string | null };

export type SummaryItem = {
  questionId: string;
  topic: string;
  prompt: string;
  correct: boolean | null;
  lesson: LessonTarget;
};
export type QuizSummary = {
  attemptId: string;
  kind: string;
  topic: string | null;
  total: number;
  answered: number;
  correct: number;
  items: SummaryItem[];
  /** Lesson sections to revisit, one per section, from the questions answered wrongly. */
  toReview: { lesson: LessonTarget; questions: number }[];
};

/** Never answered first, then answered wrongly last time, then the rest; random within each group. */
function prioritise(pool: BankQuestion[], lastResult: Map<string, boolean>): BankQuestion[] {
  const unseen = pool.filter((q) => !lastResult.has(q.id));
  const wrong = pool.filter((q) => lastResult.get(q.id) === false);
  const right = pool.filter((q) => lastResult.get(q.id) === true);
  return [...shuffle(unseen), ...shuffle(wrong), ...shuffle(right)];
}

export function quizData(db: Db) {
  const reviews = reviewData(db);

  async function ownAttempt(user: Viewer, attemptId: string) {
    const attempt = await db.quizAttempt.findFirst({ where: { id: parseInput(idSchema, attemptId), userId: user.id } });
    if (!attempt) throw new NotFoundError(msg('quiz.things.quiz'));
    return { ...attempt, ids: JSON.parse(attempt.questionIds) as string[] };
  }

  async function questionInAttempt(user: Viewer, attemptId: string, questionId: string) {
    const attempt = await ownAttempt(user, attemptId);
    const qid = parseInput(idSchema, questionId);
    if (!attempt.ids.includes(qid)) throw new NotFoundError(msg('quiz.things.questionInQuiz'));
    const q = getQuestion(qid);
    if (!q) throw new NotFoundError(msg('quiz.things.question'));
    return { attempt, q };
  }

  async function lastResults(user: Viewer): Promise<Map<string, boolean>> {
    const rows = await db.quizAnswer.findMany({ where: { userId: user.id }, orderBy: { answeredAt: 'asc' }, select: { questionId: true, correct: true } });
    return new Map(rows.map((r) => [r.questionId, r.correct] as const));
  }

  async function createAttempt(user: Viewer, kind: StartedQuiz['kind'], topic: string | null, questions: BankQuestion[], locale: Locale): Promise<StartedQuiz> {
    const attempt = await db.quizAttempt.create({
      data: { userId: user.id, kind, topic, questionIds: JSON.stringify(questions.map((q) => q.id)) },
    });
    const titles = new Map<string, string>(loadCatalog().map((t) => [t.id, locale === 'zh-CN' ? t.titleZh : t.title]));
    return {
      attemptId: attempt.id,
      kind,
      topic,
      questions: questions.map((q) => ({ ...toPublicQuestion(q, attempt.id, locale), topicTitle: titles.get(q.topic) ?? q.topic })),
    };
  }

  return {
    /** Starts a topic quiz (optionally one tag) or a mixed quiz of `count` questions; the text is in `locale`, the ids and order are not. */
    async startQuiz(user: Viewer, raw: StartQuizInput, locale: Locale = 'en'): Promise<StartedQuiz> {
      const input = parseInput(startQuizSchema, raw);
      const bank = loadBank();
      let pool: BankQuestion[];
      if (input.kind === 'topic') {
        if (!input.topic || !loadCatalog().some((t) => t.id === input.topic)) throw new InputError(msg('quiz.errors.unknownTopic'), { topic: msg('quiz.errors.unknownTopic') });
        pool = bank.questions.filter((q) => q.topic === input.topic);
        if (pool.length === 0) throw new InputError(msg('quiz.errors.bankBeingWritten', { topic: input.topic }), { topic: msg('quiz.errors.noQuestionsYet') });
      } else {
        pool = bank.questions;
      }
      if (input.tag) {
        pool = pool.filter((q) => q.tags.includes(input.tag!));
        if (pool.length === 0) throw new InputError(msg('quiz.errors.noQuestionTagged', { tag: input.tag }), { tag: msg('quiz.errors.noQuestionsWithTag') });
      }
      if (input.lessons && input.lessons.length > 0) {
        const wanted = new Set(input.lessons);
        pool = pool.filter((q) => wanted.has(q.lesson.split('#', 1)[0]!.split('/')[1]!));
        if (pool.length === 0) throw new InputError(msg('quiz.errors.noQuestionsYet'), { lessons: msg('quiz.errors.noQuestionsYet') });
      }
      if (input.question) {
        pool = pool.filter((q) => q.id === input.question);
        if (pool.length === 0) throw new NotFoundError(msg('quiz.things.question'));
      }
      const results = await lastResults(user);
      let ordered: BankQuestion[];
      if (input.kind === 'mixed') {
        const topics = [...new Set(pool.map((q) => q.topic))];
        ordered = interleave(topics.map((t) => prioritise(pool.filter((q) => q.topic === t), results)));
      } else {
        ordered = prioritise(pool, results);
      }
      return createAttempt(user, input.kind, input.kind === 'topic' ? input.topic! : null, ordered.slice(0, input.count), locale);
    },

    /** Starts a review session with the learner's due cards; null when nothing is due. */
    async startReview(user: Viewer, now = new Date(), locale: Locale = 'en'): Promise<StartedQuiz | null> {
      const ids = await reviews.dueQuestionIds(user, now, REVIEW_BATCH);
      if (ids.length === 0) return null;
      return createAttempt(
        user,
        'review',
        null,
        ids.map((id) => getQuestion(id)!),
        locale,
      );
    },

    /** The model answer and rubric of a scenario question in the learner's quiz, once they have written their answer. */
    async revealScenario(user: Viewer, attemptId: string, questionId: string, locale: Locale = 'en') {
      const { q } = await questionInAttempt(user, attemptId, questionId);
      try {
        return scenarioReveal(q, locale);
      } catch (error) {
        if (error instanceof AnswerMismatchError) throw new InputError(error.text);
        throw error;
      }
    },

    /**
     * Grades one answer on the server, stores it, schedules the question's review card and counts the
     * activity. Each question of a quiz is answered once.
     */
    async submitAnswer(user: Viewer, attemptId: string, questionId: string, rawAnswer: unknown, now = new Date(), locale: Locale = 'en'): Promise<AnswerResult> {
      const { attempt, q } = await questionInAttempt(user, attemptId, questionId);
      if (attempt.finishedAt) throw new InputError(msg('quiz.errors.alreadyFinished'));
      const answer = parseAnswer(rawAnswer);
      let feedback: Feedback;
      try {
        feedback = gradeAnswer(q, answer, locale);
      } catch (error) {
        if (error instanceof AnswerMismatchError) throw new InputError(error.text);
        throw error;
      }
      const already = await db.quizAnswer.findFirst({ where: { attemptId: attempt.id, questionId: q.id, userId: user.id } });
      if (already) throw new InputError(msg('quiz.errors.alreadyAnswered'));
      const [created] = await db.$transaction([
        db.quizAnswer.create({
          data: {
            userId: user.id,
            attemptId: attempt.id,
            questionId: q.id,
            topic: q.topic,
            response: JSON.stringify(answer),
            correct: feedback.correct,
            selfGrade: answer.type === 'scenario' ? answer.selfGrade : null,
            answeredAt: now,
          },
        }),
        db.quizAttempt.update({
          where: { id: attempt.id },
          data: { answered: { increment: 1 }, correct: { increment: feedback.correct ? 1 : 0 } },
        }),
      ]);
      const { before } = await reviews.applyRating(user, q, feedback.rating, now);
      // The card as it was, so that "I guessed" can redo this one review as Hard (markGuessed).
      await db.quizAnswer.update({ where: { id: created.id }, data: { cardBefore: JSON.stringify(before) } });
      await bumpActivity(db, user.id, 'answers', now);
      return { ...feedback, questionId: q.id, lesson: lessonTarget(q, locale) };
    },

    /**
     * "I guessed" on a right, auto-graded answer (or undoing it): records the flag and redoes the review
     * the answer gave the question's card, as Hard instead of Good (Good again when undone). The card is
     * rescheduled only while that answer is still its last review; `rescheduled` says whether it was.
     */
    async markGuessed(user: Viewer, attemptId: string, questionId: string, guessed: boolean): Promise<GuessResult> {
      const { attempt, q } = await questionInAttempt(user, attemptId, questionId);
      const flag = parseInput(z.boolean({ error: 'quiz.errors.guessFlag' }), guessed);
      const answer = await db.quizAnswer.findFirst({ where: { attemptId: attempt.id, questionId: q.id, userId: user.id } });
      if (!answer) throw new NotFoundError(msg('quiz.things.answer'));
      if (!answer.correct || answer.selfGrade !== null || q.type === 'scenario') throw new InputError(msg('quiz.errors.guessOnlyRight'));
      let rescheduled = false;
      if (answer.cardBefore !== null) {
        const stored = JSON.parse(answer.cardBefore) as (Omit<CardFields, 'due' | 'lastReview'> & { due: string; lastReview: string | null }) | null;
        const before: CardFields | null = stored ? { ...stored, due: new Date(stored.due), lastReview: stored.lastReview ? new Date(stored.lastReview) : null } : null;
        rescheduled = await reviews.regrade(user, q.id, before, answer.answeredAt, flag ? 'hard' : 'good');
      }
      await db.quizAnswer.update({ where: { id: answer.id }, data: { guessed: flag } });
      const card = await db.reviewCard.findUnique({ where: { userId_questionId: { userId: user.id, questionId: q.id } }, select: { due: true } });
      return { questionId: q.id, guessed: flag, rescheduled, due: card ? card.due.toISOString() : null };
    },

    /** Marks the quiz finished and summarises it: score, each question, and the lesson sections to revisit. */
    async finishQuiz(user: Viewer, attemptId: string, now = new Date(), locale: Locale = 'en'): Promise<QuizSummary> {
      const attempt = await ownAttempt(user, attemptId);
      if (!attempt.finishedAt) await db.quizAttempt.updateMany({ where: { id: attempt.id, userId: user.id }, data: { finishedAt: now } });
      const answers = await db.quizAnswer.findMany({ where: { attemptId: attempt.id, userId: user.id }, select: { questionId: true, correct: true } });
      const verdict = new Map(answers.map((a) => [a.questionId, a.correct] as const));
      const items: SummaryItem[] = attempt.ids.flatMap((id) => {
        const q = getQuestion(id);
        if (!q) return [];
        return [{ questionId: id, topic: q.topic, prompt: questionText(q, locale).prompt, correct: verdict.get(id) ?? null, lesson: lessonTarget(q, locale) }];
      });
      const toReview = new Map<string, { lesson: LessonTarget; questions: number }>();
      for (const item of items.filter((i) => i.correct === false)) {
        const entry = toReview.get(item.lesson.href) ?? { lesson: item.lesson, questions: 0 };
        entry.questions++;
        toReview.set(item.lesson.href, entry);
      }
      return {
        attemptId: attempt.id,
        kind: attempt.kind,
        topic: attempt.topic,
        total: attempt.ids.length,
        answered: answers.length,
        correct: answers.filter((a) => a.correct).length,
        items,
        toReview: [...toReview.values()],
      };
    },

    /** The learner's stored answers, newest first (optionally to one question). */
    async listAnswers(user: Viewer, questionId?: string) {
      return db.quizAnswer.findMany({
        where: { userId: user.id, ...(questionId ? { questionId: parseInput(idSchema, questionId) } : {}) },
        orderBy: { answeredAt: 'desc' },
        select: { id: true, attemptId: true, questionId: true, topic: true, response: true, correct: true, selfGrade: true, guessed: true, answeredAt: true },
      });
    },

    /** One of the learner's answers; NotFoundError for anyone else's. */
    async getAnswer(user: Viewer, answerId: string) {
      const row = await db.quizAnswer.findFirst({ where: { id: parseInput(idSchema, answerId), userId: user.id } });
      if (!row) throw new NotFoundError(msg('quiz.things.answer'));
      return { ...row, response: JSON.parse(row.response) as unknown };
    },
  };
}
export type QuizData = ReturnType<typeof quizData>;

export const { startQuiz, startReview, revealScenario, submitAnswer, markGuessed, finishQuiz, listAnswers, getAnswer } = quizData(prisma);
