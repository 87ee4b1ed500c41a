import { zhQuestionTexts, type ZhQuestion } from '@/lib/content/translations';
import type { Locale } from '@/lib/i18n/locale';
import type { BankQuestion } from './schema';

/**
 * The displayed text of a question in one language. Lists (options, ordering items, rubric points)
 * are in the English bank order, so the i-th text belongs to the i-th English option or item: ids
 * (lib/quiz/public.ts choiceId) stay derived from the English text and only the words shown change.
 * Any text without a Chinese version falls back to the English one.
 */
export type QuestionText = {
  prompt: string;
  explanation: string;
  /** single and multi: option text and why, in the English order. */
  options?: { text: string; why: string }[];
  /** ordering: items in the English (right) order. */
  items?: string[];
  whyWrong?: string;
  unit?: string;
  modelAnswer?: string;
  rubric?: string[];
};

function english(q: BankQuestion): QuestionText {
  const text: QuestionText = { prompt: q.prompt, explanation: q.explanation };
  switch (q.type) {
    case 'single':
    case 'multi':
      text.options = q.options.map((o) => ({ text: o.text, why: o.why }));
      break;
    case 'ordering':
      text.items = q.items.slice();
      text.whyWrong = q.whyWrong;
      break;
    case 'truefalse':
      text.whyWrong = q.whyWrong;
      break;
    case 'numeric':
      text.whyWrong = q.whyWrong;
      if (q.unit) text.unit = q.unit;
      break;
    case 'scenario':
      text.modelAnswer = q.modelAnswer;
      text.rubric = q.rubric.slice();
      break;
  }
  return text;
}

/** A translated list replaces the English one only when it has the same length (else the positions would not match). */
function sameLength<T>(zh: T[] | undefined, en: unknown[] | undefined): zh is T[] {
  return Array.isArray(zh) && Array.isArray(en) && zh.length === en.length;
}

/** The Chinese entry of a question, if there is one. */
export function zhQuestion(id: string): ZhQuestion | undefined {
  return zhQuestionTexts().byId.get(id);
}

/** The text of `q` in `locale` (English, or Chinese from content/<topic>/quiz.zh.json falling back to English field by field). */
export function questionText(q: BankQuestion, locale: Locale = 'en', zh: ZhQuestion | undefined = locale === 'zh-CN' ? zhQuestion(q.id) : undefined): QuestionText {
  const en = english(q);
  if (locale === 'en' || !zh) return en;
  const out: QuestionText = { ...en, prompt: zh.prompt, explanation: zh.explanation };
  if (en.options && sameLength(zh.options, en.options)) out.options = zh.options.map((o) => ({ text: o.text, why: o.why }));
  if (en.items && sameLength(zh.items, en.items)) out.items = zh.items.slice();
  if (en.whyWrong && zh.whyWrong) out.whyWrong = zh.whyWrong;
  if (en.unit && zh.unit) out.unit = zh.unit;
  if (en.modelAnswer && zh.modelAnswer) out.modelAnswer = zh.modelAnswer;
  if (en.rubric && sameLength(zh.rubric, en.rubric)) out.rubric = zh.rubric.slice();
  return out;
}
