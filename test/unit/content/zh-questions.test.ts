/**
 * Parity of the Chinese question banks and interview decks with the English ones: every entry names
 * an English id of the same topic, carries exactly the translatable fields that question type has,
 * with options, items, rubric points, outline points, follow-ups and traps in the same number (and,
 * by the format's rule, the same order). Topics not yet translated are listed, not failed.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '@/lib/content/catalog';
import { zhCardTexts, zhQuestionTexts, type ZhCard, type ZhQuestion } from '@/lib/content/translations';
import { validateDeck } from '@/lib/interview/deck';
import { validateBank } from '@/lib/quiz/bank';

const topics = loadCatalog().map((t) => t.id);
const bank = validateBank().bank;
const deck = validateDeck().deck;
const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

describe('Chinese question banks', () => {
  const texts = zhQuestionTexts();
  it('every file reads and validates', () => expect(texts.problems).toEqual([]));
  const banks = topics.map((t) => {
    const file = texts.files.find((f) => f.topicId === t);
    return { topic: t, zh: file ? { topic: t, questions: file.ids.map((id) => texts.byId.get(id)!) as ZhQuestion[] } : null };
  });
  it('lists coverage', () => {
    const done = banks.filter((b) => b.zh).map((b) => `${b.topic} ${b.zh!.questions.length}/${bank.questions.filter((q) => q.topic === b.topic).length}`);
    console.log(`zh questions: ${done.join(', ') || 'none'}`);
  });
  it.each(banks.filter((b) => b.zh).map((b) => [b.topic, b] as const))('%s: every English question, once, with the same shape', (topic, { zh }) => {
    expect(zh!.topic).toBe(topic);
    const english = bank.questions.filter((q) => q.topic === topic);
    const ids = zh!.questions.map((q) => q.id);
    expect(new Set(ids).size, 'ids repeat').toBe(ids.length);
    expect([...ids].sort(), 'the same question ids as the English bank').toEqual(english.map((q) => q.id).sort());
    for (const z of zh!.questions) {
      const q = bank.byId.get(z.id)!;
      const where = `${topic}/quiz.zh.json [${z.id}]`;
      expect(hasHan(z.prompt), `${where}: the prompt is in Chinese`).toBe(true);
      expect(z.options?.length, `${where}: options`).toBe('options' in q ? q.options.length : undefined);
      expect(z.items?.length, `${where}: items`).toBe('items' in q ? q.items.length : undefined);
      expect(z.rubric?.length, `${where}: rubric`).toBe('rubric' in q ? q.rubric.length : undefined);
      expect(z.modelAnswer === undefined, `${where}: modelAnswer`).toBe(!('modelAnswer' in q));
      expect(z.whyWrong === undefined, `${where}: whyWrong`).toBe(!('whyWrong' in q));
      expect(z.unit === undefined, `${where}: unit`).toBe(!('unit' in q && q.unit !== undefined));
      if (z.items) expect(new Set(z.items).size, `${where}: ordering items must differ`).toBe(z.items.length);
    }
  });
});

describe('Chinese interview decks', () => {
  const texts = zhCardTexts();
  it('every file reads and validates', () => expect(texts.problems).toEqual([]));
  const decks = topics.map((t) => {
    const file = texts.files.find((f) => f.topicId === t);
    return { topic: t, zh: file ? { topic: t, cards: file.ids.map((id) => texts.byId.get(id)!) as ZhCard[] } : null };
  });
  it('lists coverage', () => {
    console.log(`zh interview cards: ${decks.filter((d) => d.zh).map((d) => `${d.topic} ${d.zh!.cards.length}/${deck.cards.filter((c) => c.topic === d.topic).length}`).join(', ') || 'none'}`);
  });
  it.each(decks.filter((d) => d.zh).map((d) => [d.topic, d] as const))('%s: every English card, once, with the same lists', (topic, { zh }) => {
    expect(zh!.topic).toBe(topic);
    const english = deck.cards.filter((c) => c.topic === topic);
    expect(zh!.cards.map((c) => c.id).sort()).toEqual(english.map((c) => c.id).sort());
    for (const z of zh!.cards) {
      const c = deck.byId.get(z.id)!;
      const where = `${topic}/interview.zh.json [${z.id}]`;
      expect(hasHan(z.answer), `${where}: the answer is in Chinese`).toBe(true);
      expect(z.outline.length, `${where}: outline`).toBe(c.outline.length);
      expect(z.variants.length, `${where}: variants`).toBe(c.variants.length);
      expect(z.followUps.length, `${where}: follow-ups`).toBe(c.followUps.length);
      expect(z.traps.length, `${where}: traps`).toBe(c.traps.length);
    }
  });
});
