import { createHash } from 'node:crypto';
import type { Locale } from '@/lib/i18n/locale';
import { questionText } from './localize';
import type { BankQuestion, QuestionType } from './schema';

/**
 * What the browser receives before answering. Nothing here says which option is right:
 * no `correct`, `why`, `answer`, `whyWrong`, `modelAnswer`, `rubric` or `explanation`, options and
 * ordering items are shuffled, and their ids are derived from their text, not their position.
 */
export type PublicChoice = { id: string; text: string };
export type PublicQuestion = {
  id: string;
  topic: string;
  type: QuestionType;
  difficulty: 1 | 2 | 3;
  tags: string[];
  prompt: string;
  /** single and multi: options in display order. */
  options?: PublicChoice[];
  /** ordering: items in a shuffled order that is never already the right one. */
  items?: PublicChoice[];
  /** numeric: the unit the answer is in. */
  unit?: string;
  /** The topic's title in the learner's language (set by the data layer). */
  topicTitle?: string;
};

/** A stable id for an option or item: a hash of the question id and the text (never its position). */
export function choiceId(questionId: string, text: string): string {
  return 'c' + createHash('sha256').update(`${questionId}\u0000${text}`).digest('hex').slice(0, 10);
}

/** A deterministic PRNG (mulberry32) seeded from a string, so a reload shows the same order. */
function prng(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededShuffle<T>(list: readonly T[], seed: string): T[] {
  const out = list.slice();
  const rand = prng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The question as sent to the browser; `seed` (e.g. the attempt id) fixes the shuffles. The order
 * and the ids depend only on the seed and the English bank, never on `locale`, which only picks the
 * words shown (so an answer records the same ids in either language).
 */
export function toPublicQuestion(q: BankQuestion, seed: string, locale: Locale = 'en'): PublicQuestion {
  const text = questionText(q, locale);
  const pub: PublicQuestion = { id: q.id, topic: q.topic, type: q.type, difficulty: q.difficulty, tags: q.tags, prompt: text.prompt };
  switch (q.type) {
    case 'single':
    case 'multi':
      pub.options = seededShuffle(
        q.options.map((_, i) => i),
        `${seed}:${q.id}`,
      ).map((i) => ({ id: choiceId(q.id, q.options[i]!.text), text: text.options![i]!.text }));
      break;
    case 'ordering': {
      let shuffled = seededShuffle(
        q.items.map((_, i) => i),
        `${seed}:${q.id}`,
      );
      // Never show the items already in the right order: rotate by one if the shuffle left them sorted.
      if (shuffled.every((n, i) => n === i)) shuffled = [...shuffled.slice(1), shuffled[0]!];
      pub.items = shuffled.map((i) => ({ id: choiceId(q.id, q.items[i]!), text: text.items![i]! }));
      break;
    }
    case 'numeric':
      if (text.unit) pub.unit = text.unit;
      break;
    case 'truefalse':
    case 'scenario':
      break;
  }
  return pub;
}
