import { z } from 'zod';
import { countProseWords } from '@/lib/content/catalog';
import { TOPIC_IDS } from '@/lib/content/schema';
import { countHanCharacters } from '@/lib/content/translations';

/**
 * The interview-answer format of content/README.md ("Interview answers"): one card per question
 * cluster the notes ask about, with the outline a learner ticks off in the Interview drill.
 * Objects are strict: a misspelt field is an error, not silently ignored.
 */

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single dashes)');
const text = (what: string, min = 1) => z.string().trim().min(min, `${what} must not be empty`);
const lessonRef = z
  .string()
  .regex(/^[a-z0-9-]+\/[a-z0-9-]+(?:#[a-z0-9_-]+)?$/, 'a lesson is "<topic>/<slug>" or "<topic>/<slug>#anchor"');

/** Spoken answers run at about 130–160 words a minute; a two-minute answer is roughly this long. */
export const ANSWER_WORDS = { min: 180, max: 450 } as const;

/**
 * Chinese has no spaces between words, so a Chinese answer is measured in Han characters: spoken
 * Chinese runs at about 200–250 characters a minute, and the Chinese cards run 1.3–1.7 characters
 * per word of the English answer, so 1.5 characters count as one word.
 */
export const HAN_CHARACTERS_PER_WORD = 1.5;

/**
 * The length of a spoken answer in (English) words, whatever language it is written in: words
 * outside Chinese text as the lessons count them (countProseWords), plus the Han characters turned
 * into words. An English answer counts exactly as before; a Chinese one (with its English terms:
 * Raft, leader, ReadIndex…) is not judged "too short" for having no spaces.
 */
export function spokenAnswerWords(text: string): number {
  const han = countHanCharacters(text);
  return countProseWords(text.replace(/\p{Script=Han}+/gu, ' ')) + Math.round(han / HAN_CHARACTERS_PER_WORD);
}

export const followUpSchema = z.strictObject({
  question: text('follow-up question', 5),
  answer: text('follow-up answer', 20),
});

export const interviewCardSchema = z
  .strictObject({
    id: kebab,
    /** The cluster's short name, shown in lists: "Leader election". */
    title: text('title', 3).max(80, 'a title is at most 80 characters'),
    /** The question as an interviewer asks it. */
    prompt: text('prompt', 10),
    /** Other ways the same question is asked (the notes' phrasings, in your own words). */
    variants: z.array(text('variant', 5)).max(8).default([]),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'difficulty is 1 (core), 2 (solid) or 3 (senior)' }),
    /** Target speaking time. */
    seconds: z.int().min(45).max(300).default(120),
    /** Lessons (and sections) that teach it; the first is where a learner who missed points is sent. */
    lessons: z.array(lessonRef).min(1, 'link at least one lesson'),
    /** The points a strong answer covers, in the order one would say them; the learner ticks these. */
    outline: z.array(text('outline point', 8).max(200, 'an outline point is at most 200 characters')).min(5, 'an outline has 5–8 points').max(8, 'an outline has 5–8 points'),
    /** The full answer as a strong candidate says it (markdown). */
    answer: text('answer', 50),
    followUps: z.array(followUpSchema).min(2, 'give 2–5 follow-up questions').max(5, 'give 2–5 follow-up questions'),
    traps: z.array(text('trap', 10)).min(2, 'give 2–5 traps').max(5, 'give 2–5 traps'),
  })
  .superRefine((card, ctx) => {
    const words = spokenAnswerWords(card.answer);
    if (words < ANSWER_WORDS.min || words > ANSWER_WORDS.max) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `a two-minute answer has ${ANSWER_WORDS.min}–${ANSWER_WORDS.max} words (found ${words})` });
    }
    const seen = new Set<string>();
    card.outline.forEach((point, i) => {
      const key = point.trim().toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['outline', i], message: `outline point "${point}" appears twice` });
      seen.add(key);
    });
  });

export const deckSchema = z.strictObject({
  topic: z.enum(TOPIC_IDS, { error: `topic must be one of ${TOPIC_IDS.join(', ')}` }),
  cards: z.array(z.unknown()).min(1, 'a deck has at least one card'),
});

export type InterviewCardInput = z.input<typeof interviewCardSchema>;
export type InterviewCard = z.infer<typeof interviewCardSchema> & { topic: string };
