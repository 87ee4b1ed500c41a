import { describe, expect, it } from 'vitest';
import { zhQuestionTexts } from '@/lib/content/translations';
import { isMessageKey, translate } from '@/lib/i18n/translate';
import { lessonTarget, loadBank } from '@/lib/quiz/bank';
import { ANSWER_ISSUE_KEYS, gradeAnswer, scenarioReveal, type AnswerInput } from '@/lib/quiz/grade';
import { questionText } from '@/lib/quiz/localize';
import { toPublicQuestion } from '@/lib/quiz/public';
import { QUESTION_TYPES, type BankQuestion } from '@/lib/quiz/schema';

/**
 * The quiz in Chinese: the same question shows other words but the same ids in the same order, and
 * the same answer gets the same grade, so answers, reviews and progress do not depend on the language.
 */
const bank = loadBank();
const zh = zhQuestionTexts();
const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

/** A few questions of each type. */
const sample: BankQuestion[] = QUESTION_TYPES.flatMap((type) => bank.questions.filter((q) => q.type === type).slice(0, 4));

/** An answer built from the public question's ids (so it works in either language), right or deliberately not. */
function answerFor(q: BankQuestion, pub: ReturnType<typeof toPublicQuestion>, variant: number): AnswerInput {
  switch (q.type) {
    case 'single':
      return { type: 'single', optionId: pub.options![variant % pub.options!.length]!.id };
    case 'multi':
      return { type: 'multi', optionIds: pub.options!.slice(0, 1 + (variant % pub.options!.length)).map((o) => o.id) };
    case 'truefalse':
      return { type: 'truefalse', value: variant % 2 === 0 };
    case 'numeric':
      return { type: 'numeric', value: variant % 2 === 0 ? q.answer : q.answer + 1000 };
    case 'ordering':
      return { type: 'ordering', order: variant % 2 === 0 ? pub.items!.map((i) => i.id) : pub.items!.map((i) => i.id).reverse() };
    case 'scenario':
      return { type: 'scenario', selfGrade: (['again', 'hard', 'good', 'easy'] as const)[variant % 4]!, text: '', ticked: [] };
  }
}

describe('the quiz in either language', () => {
  it('has questions of every type to compare', () => {
    expect(new Set(sample.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
  });

  it('shows the same ids in the same order, with Chinese text', () => {
    for (const q of sample) {
      for (const seed of ['attempt-1', 'attempt-2', 'xyz']) {
        const en = toPublicQuestion(q, seed, 'en');
        const cn = toPublicQuestion(q, seed, 'zh-CN');
        expect(en, q.id).toEqual(toPublicQuestion(q, seed)); // English is the default, unchanged
        expect(cn.id).toBe(en.id);
        expect(cn.options?.map((o) => o.id), q.id).toEqual(en.options?.map((o) => o.id));
        expect(cn.items?.map((o) => o.id), q.id).toEqual(en.items?.map((o) => o.id));
        expect(cn.prompt).not.toBe(en.prompt);
        expect(hasHan(cn.prompt), q.id).toBe(true);
        for (const [i, o] of (cn.options ?? cn.items ?? []).entries()) {
          // Same position, other words (some options are code or kept terms, so only compare where the Chinese has Han).
          if (hasHan(o.text)) expect(o.text).not.toBe((en.options ?? en.items)![i]!.text);
        }
      }
    }
  });

  it('grades the same answer the same way, with the feedback in Chinese', () => {
    for (const q of sample) {
      const pubEn = toPublicQuestion(q, 'seed', 'en');
      const pubZh = toPublicQuestion(q, 'seed', 'zh-CN');
      for (let v = 0; v < 4; v++) {
        const a = gradeAnswer(q, answerFor(q, pubEn, v), 'en');
        const b = gradeAnswer(q, answerFor(q, pubZh, v), 'zh-CN');
        expect(answerFor(q, pubZh, v)).toEqual(answerFor(q, pubEn, v));
        expect({ correct: b.correct, rating: b.rating, answer: b.answer, tolerance: b.tolerance, positions: b.positions }).toEqual({
          correct: a.correct,
          rating: a.rating,
          answer: a.answer,
          tolerance: a.tolerance,
          positions: a.positions,
        });
        expect(b.options?.map((o) => [o.id, o.correct, o.chosen])).toEqual(a.options?.map((o) => [o.id, o.correct, o.chosen]));
        expect(b.correctOrder?.map((o) => o.id)).toEqual(a.correctOrder?.map((o) => o.id));
        expect(hasHan(b.explanation), q.id).toBe(true);
        if (b.whyWrong) expect(hasHan(b.whyWrong), q.id).toBe(true);
        if (b.modelAnswer) expect(hasHan(b.modelAnswer), q.id).toBe(true);
        for (const o of b.options ?? []) expect(hasHan(o.why), `${q.id} ${o.id}`).toBe(true);
      }
      if (q.type === 'scenario') {
        const r = scenarioReveal(q, 'zh-CN');
        expect(r.rubric).toHaveLength(q.rubric.length);
        expect(hasHan(r.modelAnswer)).toBe(true);
      }
    }
  });

  it('localizes every question of the bank without falling back to English', () => {
    const missing: string[] = [];
    for (const q of bank.questions) {
      const entry = zh.byId.get(q.id);
      if (!entry) {
        missing.push(`${q.id}: no Chinese entry`);
        continue;
      }
      const en = questionText(q, 'en');
      const cn = questionText(q, 'zh-CN');
      if (cn.prompt === en.prompt || cn.explanation === en.explanation) missing.push(`${q.id}: prompt or explanation`);
      if (en.options && (entry.options?.length !== en.options.length || cn.options!.some((o, i) => o.why === en.options![i]!.why))) missing.push(`${q.id}: options`);
      if (en.items && entry.items?.length !== en.items.length) missing.push(`${q.id}: items`);
      if (en.whyWrong && cn.whyWrong === en.whyWrong) missing.push(`${q.id}: whyWrong`);
      if (en.modelAnswer && cn.modelAnswer === en.modelAnswer) missing.push(`${q.id}: modelAnswer`);
      if (en.rubric && entry.rubric?.length !== en.rubric.length) missing.push(`${q.id}: rubric`);
      if (en.unit && !entry.unit) missing.push(`${q.id}: unit`);
    }
    expect(missing).toEqual([]);
  });

  it('links to the lesson with its Chinese title and section, at the same address', () => {
    let sections = 0;
    let translated = 0;
    // One question per lesson link (reading the Chinese lessons is the slow part).
    const byLink = [...new Map(bank.questions.map((q) => [q.lesson, q] as const)).values()];
    for (const q of byLink) {
      const en = lessonTarget(q, 'en');
      const cn = lessonTarget(q, 'zh-CN');
      expect(cn.href).toBe(en.href);
      expect(cn.resolved).toBe(en.resolved);
      expect(lessonTarget(q)).toEqual(en);
      if (en.resolved) expect(hasHan(cn.title), `${q.id}: ${cn.title}`).toBe(true);
      if (en.section !== null) {
        sections++;
        expect(cn.section, q.id).not.toBeNull();
        // A heading may legitimately stay the same ("Redis Sentinel"); most are translated.
        if (hasHan(cn.section!)) translated++;
      }
    }
    expect(sections).toBeGreaterThan(0);
    expect(translated).toBeGreaterThan(sections * 0.8);
  });
});

describe('quiz error messages', () => {
  it('every answer-validation message has a key in both languages with the same English', () => {
    for (const [english, key] of Object.entries(ANSWER_ISSUE_KEYS)) {
      expect(isMessageKey(key), key).toBe(true);
      expect(translate('en', key)).toBe(english);
      expect(hasHan(translate('zh-CN', key)), key).toBe(true);
    }
  });

  it('the zod issue keys of the data layer exist', () => {
    for (const key of ['quiz.errors.tagKebab', 'quiz.errors.quizKind', 'quiz.errors.countMin', 'quiz.errors.countMax', 'quiz.errors.missingId', 'review.errors.unknownLab']) {
      expect(isMessageKey(key), key).toBe(true);
    }
  });
});
