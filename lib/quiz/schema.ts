import { z } from 'zod';
import { TOPIC_IDS } from '@/lib/content/schema';

/**
 * The question-bank format of content/README.md ("Question banks"), one zod schema per question type.
 * Objects are strict: a misspelt field is an error, not silently ignored.
 */

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single dashes)');
const markdown = (what: string, min = 1) => z.string().trim().min(min, `${what} must not be empty`);

const base = {
  id: kebab,
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'difficulty is 1 (recall), 2 (apply) or 3 (analyse)' }),
  tags: z.array(kebab).min(1, 'list at least one tag (the lesson’s slug)'),
  lesson: z
    .string()
    .regex(/^[a-z0-9-]+\/[a-z0-9-]+(?:#[a-z0-9_-]+)?$/, 'lesson is "<topic>/<slug>" or "<topic>/<slug>#anchor"'),
  prompt: markdown('prompt', 5),
  explanation: markdown('explanation', 5),
};

const option = z.strictObject({
  text: markdown('option text'),
  correct: z.boolean({ error: 'every option says "correct": true or false' }),
  why: markdown('why (why this option is right or wrong)', 3),
});

function distinctTexts(options: { text: string }[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  options.forEach((o, i) => {
    const key = o.text.trim().toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['options', i, 'text'], message: `option "${o.text}" appears twice` });
    seen.add(key);
  });
}

export const singleQuestionSchema = z
  .strictObject({
    ...base,
    type: z.literal('single'),
    options: z.array(option).min(3, 'a single-choice question has 3–5 options').max(5, 'a single-choice question has 3–5 options'),
  })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct !== 1) ctx.addIssue({ code: 'custom', path: ['options'], message: `exactly one option must be correct (found ${correct})` });
    distinctTexts(q.options, ctx);
  });

export const multiQuestionSchema = z
  .strictObject({
    ...base,
    type: z.literal('multi'),
    options: z.array(option).min(4, 'a multiple-choice question has 4–6 options').max(6, 'a multiple-choice question has 4–6 options'),
  })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: `at least two options must be correct (found ${correct})` });
    if (correct === q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'at least one option must be wrong' });
    distinctTexts(q.options, ctx);
  });

export const trueFalseQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('truefalse'),
  answer: z.boolean({ error: 'answer must be true or false' }),
  whyWrong: markdown('whyWrong', 5),
});

export const numericQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('numeric'),
  answer: z.number({ error: 'answer must be a number' }).refine(Number.isFinite, 'answer must be finite'),
  tolerance: z.number().min(0, 'tolerance must be ≥ 0').optional(),
  unit: z.string().trim().min(1).max(30).optional(),
  whyWrong: markdown('whyWrong', 5),
});

export const orderingQuestionSchema = z
  .strictObject({
    ...base,
    type: z.literal('ordering'),
    items: z.array(markdown('item')).min(3, 'an ordering question has 3–7 items').max(7, 'an ordering question has 3–7 items'),
    whyWrong: markdown('whyWrong', 5),
  })
  .superRefine((q, ctx) => {
    distinctTexts(
      q.items.map((text) => ({ text })),
      ctx,
    );
  });

export const scenarioQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('scenario'),
  modelAnswer: markdown('modelAnswer', 20),
  rubric: z.array(markdown('rubric point', 3)).min(2, 'a rubric has 2–6 points').max(6, 'a rubric has 2–6 points'),
});

export const questionSchema = z.discriminatedUnion(
  'type',
  [singleQuestionSchema, multiQuestionSchema, trueFalseQuestionSchema, numericQuestionSchema, orderingQuestionSchema, scenarioQuestionSchema],
  { error: 'type must be one of single, multi, truefalse, numeric, ordering, scenario' },
);

export const bankSchema = z.strictObject({
  topic: z.enum(TOPIC_IDS, { error: `topic must be one of ${TOPIC_IDS.join(', ')}` }),
  questions: z.array(z.unknown()).min(1, 'a bank has at least one question'),
});

export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export type SingleQuestion = z.infer<typeof singleQuestionSchema>;
export type MultiQuestion = z.infer<typeof multiQuestionSchema>;
export type OrderingQuestion = z.infer<typeof orderingQuestionSchema>;
export type ScenarioQuestion = z.infer<typeof scenarioQuestionSchema>;
export const QUESTION_TYPES = ['single', 'multi', 'truefalse', 'numeric', 'ordering', 'scenario'] as const satisfies readonly QuestionType[];

/** A question as stored in a bank, with the topic of the bank it came from. */
export type BankQuestion = Question & { topic: string };
