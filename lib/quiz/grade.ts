import { z } from 'zod';
import type { Locale } from '@/lib/i18n/locale';
import { msg, messageText, type Message } from '@/lib/i18n/translate';
import { questionText } from './localize';
import { choiceId } from './public';
import type { BankQuestion } from './schema';

export const SELF_GRADES = ['again', 'hard', 'good', 'easy'] as const;
export type SelfGrade = (typeof SELF_GRADES)[number];

/** A learner's answer as it arrives from the browser. Validated before it reaches the grader. */
export const answerInputSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('single'), optionId: z.string().min(1, 'pick an option').max(40) }),
    z.strictObject({
      type: z.literal('multi'),
      optionIds: z.array(z.string().min(1).max(40)).min(1, 'pick at least one option').max(6),
    }),
    z.strictObject({ type: z.literal('truefalse'), value: z.boolean({ error: 'answer true or false' }) }),
    z.strictObject({
      type: z.literal('numeric'),
      value: z.number({ error: 'enter a number' }).refine(Number.isFinite, 'enter a finite number'),
    }),
    z.strictObject({ type: z.literal('ordering'), order: z.array(z.string().min(1).max(40)).min(3).max(7) }),
    z.strictObject({
      type: z.literal('scenario'),
      selfGrade: z.enum(SELF_GRADES, { error: 'grade yourself: again, hard, good or easy' }),
      text: z.string().max(8000, 'keep your answer under 8,000 characters').default(''),
      ticked: z.array(z.int().min(0).max(5)).max(6).default([]),
    }),
  ],
  { error: 'unknown answer type' },
);
export type AnswerInput = z.infer<typeof answerInputSchema>;

/**
 * The interface-string key of each issue message of answerInputSchema (which keeps its English
 * messages: they are asserted as such), so the data layer can answer in the learner's language.
 */
export const ANSWER_ISSUE_KEYS: Record<string, string> = {
  'pick an option': 'quiz.errors.pickOption',
  'pick at least one option': 'quiz.errors.pickAtLeastOne',
  'answer true or false': 'quiz.errors.answerTrueFalse',
  'enter a number': 'quiz.errors.enterNumber',
  'enter a finite number': 'quiz.errors.enterFiniteNumber',
  'grade yourself: again, hard, good or easy': 'quiz.errors.gradeYourself',
  'keep your answer under 8,000 characters': 'quiz.errors.answerTooLong',
  'unknown answer type': 'quiz.errors.unknownAnswerType',
};

/** The answer does not fit the question (wrong type, unknown option, not a permutation). `text` is the message as a key (English in `.message`). */
export class AnswerMismatchError extends Error {
  constructor(readonly text: Message) {
    super(messageText(text));
    this.name = 'AnswerMismatchError';
  }
}

export type OptionFeedback = { id: string; text: string; correct: boolean; why: string; chosen: boolean };

/** Everything revealed after answering: the right answer, why each option is right or wrong, the explanation. */
export type Feedback = {
  correct: boolean;
  /** The FSRS rating this answer gives the question's review card. */
  rating: SelfGrade;
  explanation: string;
  options?: OptionFeedback[];
  answer?: boolean | number;
  tolerance?: number;
  unit?: string;
  whyWrong?: string;
  /** ordering: the right order, and for each position whether the learner had it there. */
  correctOrder?: { id: string; text: string }[];
  positions?: boolean[];
  modelAnswer?: string;
  rubric?: string[];
};

/** What a scenario question shows after the learner has written their answer, before they grade themselves. */
export function scenarioReveal(q: BankQuestion, locale: Locale = 'en'): { modelAnswer: string; rubric: string[]; explanation: string } {
  if (q.type !== 'scenario') throw new AnswerMismatchError(msg('quiz.errors.notScenario', { id: q.id }));
  const text = questionText(q, locale);
  return { modelAnswer: text.modelAnswer!, rubric: text.rubric!, explanation: text.explanation };
}

/** Numeric answers: within the tolerance (default 0), with a little room for floating-point input. */
export function numericMatches(given: number, answer: number, tolerance = 0): boolean {
  const epsilon = 1e-9 * Math.max(1, Math.abs(answer));
  return Math.abs(given - answer) <= tolerance + epsilon;
}

/**
 * Grades one answer on the server. Right answers rate the card Good and wrong ones Again; scenario
 * questions use the learner's self-grade as the rating and count as right unless graded "again".
 * The grade and the ids depend only on the English bank; `locale` picks the words of the feedback.
 */
export function gradeAnswer(q: BankQuestion, input: AnswerInput, locale: Locale = 'en'): Feedback {
  if (input.type !== q.type) throw new AnswerMismatchError(msg('quiz.errors.wrongType', { id: q.id, type: q.type, given: input.type }));
  const text = questionText(q, locale);
  const verdict = (correct: boolean, rest: Omit<Feedback, 'correct' | 'rating' | 'explanation'>): Feedback => ({
    correct,
    rating: correct ? 'good' : 'again',
    explanation: text.explanation,
    ...rest,
  });
  switch (q.type) {
    case 'single':
    case 'multi': {
      const ids = q.options.map((o) => choiceId(q.id, o.text));
      const chosen = new Set(input.type === 'single' ? [input.optionId] : input.type === 'multi' ? input.optionIds : []);
      for (const id of chosen) if (!ids.includes(id)) throw new AnswerMismatchError(msg('quiz.errors.unknownOption', { option: id, id: q.id }));
      const options = q.options.map((o, i) => ({ id: ids[i]!, text: text.options![i]!.text, correct: o.correct, why: text.options![i]!.why, chosen: chosen.has(ids[i]!) }));
      return verdict(
        options.every((o) => o.correct === o.chosen),
        { options },
      );
    }
    case 'truefalse': {
      const value = (input as Extract<AnswerInput, { type: 'truefalse' }>).value;
      return verdict(value === q.answer, { answer: q.answer, whyWrong: text.whyWrong! });
    }
    case 'numeric': {
      const value = (input as Extract<AnswerInput, { type: 'numeric' }>).value;
      return verdict(numericMatches(value, q.answer, q.tolerance), {
        answer: q.answer,
        tolerance: q.tolerance ?? 0,
        ...(text.unit ? { unit: text.unit } : {}),
        whyWrong: text.whyWrong!,
      });
    }
    case 'ordering': {
      const order = (input as Extract<AnswerInput, { type: 'ordering' }>).order;
      const correctOrder = q.items.map((item, i) => ({ id: choiceId(q.id, item), text: text.items![i]! }));
      const expected = correctOrder.map((c) => c.id);
      if (order.length !== expected.length || new Set(order).size !== order.length || !order.every((id) => expected.includes(id))) {
        throw new AnswerMismatchError(msg('quiz.errors.orderNotPermutation', { count: expected.length, id: q.id }));
      }
      const positions = order.map((id, i) => id === expected[i]);
      return verdict(
        positions.every(Boolean),
        { correctOrder, positions, whyWrong: text.whyWrong! },
      );
    }
    case 'scenario': {
      const { selfGrade } = input as Extract<AnswerInput, { type: 'scenario' }>;
      return { correct: selfGrade !== 'again', rating: selfGrade, explanation: text.explanation, modelAnswer: text.modelAnswer!, rubric: text.rubric! };
    }
  }
}
