import { describe, expect, it } from 'vitest';
import { AnswerMismatchError, answerInputSchema, gradeAnswer, numericMatches, scenarioReveal } from '@/lib/quiz/grade';
import { choiceId, toPublicQuestion } from '@/lib/quiz/public';
import type { BankQuestion } from '@/lib/quiz/schema';
import { loadBank } from '@/lib/quiz/bank';

const base = { topic: 'raft', difficulty: 2 as const, tags: ['leader-election'], lesson: 'raft/leader-election', prompt: 'Prompt?', explanation: 'Explanation.' };
const single: BankQuestion = {
  ...base,
  id: 'g-single',
  type: 'single',
  options: [
    { text: 'right', correct: true, why: 'because' },
    { text: 'wrong one', correct: false, why: 'no' },
    { text: 'wrong two', correct: false, why: 'no' },
  ],
};
const multi: BankQuestion = {
  ...base,
  id: 'g-multi',
  type: 'multi',
  options: [
    { text: 'a', correct: true, why: '.' },
    { text: 'b', correct: true, why: '.' },
    { text: 'c', correct: false, why: '.' },
    { text: 'd', correct: false, why: '.' },
  ],
};
const numeric: BankQuestion = { ...base, id: 'g-num', type: 'numeric', answer: 3, whyWrong: '2 is half, not a majority.' };
const numericTol: BankQuestion = { ...base, id: 'g-num-t', type: 'numeric', answer: 150, tolerance: 5, unit: 'ms', whyWrong: '.' };
const tf: BankQuestion = { ...base, id: 'g-tf', type: 'truefalse', answer: false, whyWrong: 'It starts as follower.' };
const ordering: BankQuestion = { ...base, id: 'g-ord', type: 'ordering', items: ['one', 'two', 'three', 'four'], whyWrong: '.' };
const scenario: BankQuestion = { ...base, id: 'g-sc', type: 'scenario', modelAnswer: 'The model answer.', rubric: ['p1', 'p2'] };
const id = (q: BankQuestion, text: string) => choiceId(q.id, text);

describe('what the browser receives', () => {
  it('never contains correctness, explanations or the answer', () => {
    for (const q of loadBank().questions) {
      const pub = toPublicQuestion(q, 'attempt-1');
      const json = JSON.stringify(pub);
      for (const key of ['"correct"', '"why"', '"answer"', '"whyWrong"', '"modelAnswer"', '"rubric"', '"explanation"']) expect(json, `${q.id} ${key}`).not.toContain(key);
      if (q.type === 'ordering') {
        expect(pub.items!.map((i) => i.text), q.id).not.toEqual(q.items);
        expect(new Set(pub.items!.map((i) => i.text))).toEqual(new Set(q.items));
      }
    }
  });
  it('shuffles options stably per seed, with ids that do not encode the position', () => {
    const a = toPublicQuestion(ordering, 's1');
    expect(toPublicQuestion(ordering, 's1')).toEqual(a);
    expect(a.items!.map((i) => i.id).sort()).toEqual(ordering.items.map((t) => id(ordering, t)).sort());
    const orders = new Set(Array.from({ length: 30 }, (_, i) => toPublicQuestion(single, `seed-${i}`).options!.map((o) => o.text).join('|')));
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('grading on the server', () => {
  it('single: right and wrong, with why for every option', () => {
    const right = gradeAnswer(single, { type: 'single', optionId: id(single, 'right') });
    expect(right).toMatchObject({ correct: true, rating: 'good', explanation: 'Explanation.' });
    expect(right.options).toHaveLength(3);
    const wrong = gradeAnswer(single, { type: 'single', optionId: id(single, 'wrong one') });
    expect(wrong).toMatchObject({ correct: false, rating: 'again' });
    expect(wrong.options!.find((o) => o.chosen)).toMatchObject({ text: 'wrong one', correct: false, why: 'no' });
  });
  it('multi: exactly the correct set', () => {
    expect(gradeAnswer(multi, { type: 'multi', optionIds: [id(multi, 'a'), id(multi, 'b')] }).correct).toBe(true);
    expect(gradeAnswer(multi, { type: 'multi', optionIds: [id(multi, 'a')] }).correct).toBe(false);
    expect(gradeAnswer(multi, { type: 'multi', optionIds: [id(multi, 'a'), id(multi, 'b'), id(multi, 'c')] }).correct).toBe(false);
  });
  it('truefalse', () => {
    expect(gradeAnswer(tf, { type: 'truefalse', value: false })).toMatchObject({ correct: true, answer: false });
    expect(gradeAnswer(tf, { type: 'truefalse', value: true })).toMatchObject({ correct: false, whyWrong: 'It starts as follower.' });
  });
  it('numeric: exact by default, within the tolerance when given', () => {
    expect(gradeAnswer(numeric, { type: 'numeric', value: 3 }).correct).toBe(true);
    expect(gradeAnswer(numeric, { type: 'numeric', value: 2 })).toMatchObject({ correct: false, answer: 3, tolerance: 0 });
    expect(gradeAnswer(numericTol, { type: 'numeric', value: 154.9 }).correct).toBe(true);
    expect(gradeAnswer(numericTol, { type: 'numeric', value: 145 }).correct).toBe(true);
    expect(gradeAnswer(numericTol, { type: 'numeric', value: 156 })).toMatchObject({ correct: false, unit: 'ms' });
    expect(numericMatches(0.1 + 0.2, 0.3)).toBe(true);
  });
  it('ordering: exact order, with which positions were right', () => {
    const ids = ordering.items.map((t) => id(ordering, t));
    expect(gradeAnswer(ordering, { type: 'ordering', order: ids }).correct).toBe(true);
    const swapped = [ids[1]!, ids[0]!, ids[2]!, ids[3]!];
    expect(gradeAnswer(ordering, { type: 'ordering', order: swapped })).toMatchObject({ correct: false, positions: [false, false, true, true] });
    expect(() => gradeAnswer(ordering, { type: 'ordering', order: [ids[0]!, ids[0]!, ids[2]!, ids[3]!] })).toThrow(AnswerMismatchError);
    expect(() => gradeAnswer(ordering, { type: 'ordering', order: ids.slice(0, 3) })).toThrow(/exactly once/);
  });
  it('scenario: the self-grade is the rating; only "again" counts as wrong', () => {
    expect(scenarioReveal(scenario)).toEqual({ modelAnswer: 'The model answer.', rubric: ['p1', 'p2'], explanation: 'Explanation.' });
    expect(gradeAnswer(scenario, { type: 'scenario', selfGrade: 'hard', text: '', ticked: [] })).toMatchObject({ correct: true, rating: 'hard' });
    expect(gradeAnswer(scenario, { type: 'scenario', selfGrade: 'again', text: '', ticked: [] })).toMatchObject({ correct: false, rating: 'again' });
    expect(gradeAnswer(scenario, { type: 'scenario', selfGrade: 'easy', text: '', ticked: [0, 1] }).rating).toBe('easy');
  });
  it('rejects answers that do not fit the question', () => {
    expect(() => gradeAnswer(single, { type: 'truefalse', value: true })).toThrow(/is a single question, not truefalse/);
    expect(() => gradeAnswer(single, { type: 'single', optionId: 'c0000000000' })).toThrow(/not part of g-single/);
    expect(() => scenarioReveal(single)).toThrow(AnswerMismatchError);
  });
});

describe('answer validation at the boundary', () => {
  const err = (v: unknown) => {
    const r = answerInputSchema.safeParse(v);
    return r.success ? null : r.error.issues.map((i) => i.message).join('; ');
  };
  it('accepts well-formed answers and fills scenario defaults', () => {
    expect(answerInputSchema.parse({ type: 'scenario', selfGrade: 'good' })).toEqual({ type: 'scenario', selfGrade: 'good', text: '', ticked: [] });
    expect(err({ type: 'numeric', value: 3.5 })).toBeNull();
  });
  it('explains what is wrong', () => {
    expect(err({ type: 'numeric', value: 'three' })).toMatch(/enter a number/);
    expect(err({ type: 'numeric', value: Infinity })).toMatch(/finite|number/);
    expect(err({ type: 'multi', optionIds: [] })).toMatch(/pick at least one option/);
    expect(err({ type: 'scenario', selfGrade: 'meh' })).toMatch(/grade yourself/);
    expect(err({ type: 'essay' })).toMatch(/unknown answer type/);
    expect(err({ type: 'single', optionId: 'x', correct: true })).not.toBeNull();
  });
});
