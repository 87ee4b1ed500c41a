import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '@/lib/content/catalog';
import { formatProblems, validateBank } from '@/lib/quiz/bank';
import { questionSchema, QUESTION_TYPES } from '@/lib/quiz/schema';
import { describeIssues } from '@/lib/content/schema';

describe('the real question bank', () => {
  const { bank, problems } = validateBank();
  it('validates: schemas, unique ids, tags, and lesson links that resolve to a lesson and heading', () => {
    expect(problems, formatProblems(problems)).toEqual([]);
  });
  it('has questions of every type', () => {
    expect(bank.questions.length).toBeGreaterThan(0);
    for (const type of QUESTION_TYPES) expect(bank.questions.some((q) => q.type === type), type).toBe(true);
  });
  it('prints the counts per topic and type', () => {
    const table: Record<string, Record<string, number>> = {};
    for (const q of bank.questions) {
      table[q.topic] ??= {};
      table[q.topic]![q.type] = (table[q.topic]![q.type] ?? 0) + 1;
    }
    console.log(`question bank: ${bank.questions.length} questions`, table);
    expect(Object.values(table).reduce((n, t) => n + Object.values(t).reduce((a, b) => a + b, 0), 0)).toBe(bank.questions.length);
  });
});

// ---- fixtures: one rule each --------------------------------------------------------------

const base = { difficulty: 1, tags: ['cap-theorem'], lesson: 'cap/cap-theorem', prompt: 'A prompt here?', explanation: 'Because of this.' };
const opt = (text: string, correct: boolean) => ({ text, correct, why: `why ${text}` });
const good = {
  single: { ...base, id: 'q-single', type: 'single', options: [opt('a', true), opt('b', false), opt('c', false)] },
  multi: { ...base, id: 'q-multi', type: 'multi', options: [opt('a', true), opt('b', true), opt('c', false), opt('d', false)] },
  truefalse: { ...base, id: 'q-tf', type: 'truefalse', answer: true, whyWrong: 'People think otherwise.' },
  numeric: { ...base, id: 'q-num', type: 'numeric', answer: 3, tolerance: 0, unit: 'votes', whyWrong: 'Half of 4 is 2.' },
  ordering: { ...base, id: 'q-ord', type: 'ordering', items: ['one', 'two', 'three'], whyWrong: 'Two before one.' },
  scenario: { ...base, id: 'q-sc', type: 'scenario', modelAnswer: 'A model answer that is long enough.', rubric: ['point one', 'point two'] },
} as const;
const issues = (q: unknown) => {
  const r = questionSchema.safeParse(q);
  return r.success ? '' : describeIssues(r.error);
};

describe('question schema', () => {
  it('accepts a well-formed question of each type', () => {
    for (const q of Object.values(good)) expect(issues(q), q.id).toBe('');
  });
  it('single: exactly one correct option, 3–5 options, every option has why', () => {
    expect(issues({ ...good.single, options: [opt('a', true), opt('b', true), opt('c', false)] })).toMatch(/exactly one option must be correct \(found 2\)/);
    expect(issues({ ...good.single, options: [opt('a', false), opt('b', false), opt('c', false)] })).toMatch(/found 0/);
    expect(issues({ ...good.single, options: [opt('a', true), opt('b', false)] })).toMatch(/3–5 options/);
    expect(issues({ ...good.single, options: [opt('a', true), { text: 'b', correct: false }, opt('c', false)] })).toMatch(/options\.1\.why/);
    expect(issues({ ...good.single, options: [opt('a', true), opt('a', false), opt('c', false)] })).toMatch(/appears twice/);
  });
  it('multi: at least two correct and at least one wrong, 4–6 options', () => {
    expect(issues({ ...good.multi, options: [opt('a', true), opt('b', false), opt('c', false), opt('d', false)] })).toMatch(/at least two options must be correct/);
    expect(issues({ ...good.multi, options: [opt('a', true), opt('b', true), opt('c', true), opt('d', true)] })).toMatch(/at least one option must be wrong/);
    expect(issues({ ...good.multi, options: [opt('a', true), opt('b', true), opt('c', false)] })).toMatch(/4–6 options/);
  });
  it('truefalse, numeric and ordering need their answer and whyWrong', () => {
    expect(issues({ ...good.truefalse, answer: 'yes' })).toMatch(/answer must be true or false/);
    expect(issues({ ...good.truefalse, whyWrong: undefined })).toMatch(/whyWrong/);
    expect(issues({ ...good.numeric, answer: '3' })).toMatch(/answer must be a number/);
    expect(issues({ ...good.numeric, tolerance: -1 })).toMatch(/tolerance must be ≥ 0/);
    expect(issues({ ...good.ordering, items: ['one', 'two'] })).toMatch(/3–7 items/);
    expect(issues({ ...good.ordering, items: ['one', 'two', 'one'] })).toMatch(/appears twice/);
  });
  it('scenario needs a model answer and a 2–6 point rubric', () => {
    expect(issues({ ...good.scenario, rubric: ['only one'] })).toMatch(/2–6 points/);
    expect(issues({ ...good.scenario, modelAnswer: undefined })).toMatch(/modelAnswer/);
  });
  it('common fields: kebab-case id, difficulty 1–3, tags, lesson format, unknown fields, unknown type', () => {
    expect(issues({ ...good.single, id: 'Q 1' })).toMatch(/id: must be kebab-case/);
    expect(issues({ ...good.single, difficulty: 4 })).toMatch(/difficulty is 1/);
    expect(issues({ ...good.single, tags: [] })).toMatch(/at least one tag/);
    expect(issues({ ...good.single, lesson: '/learn/cap/cap-theorem' })).toMatch(/lesson is "<topic>\/<slug>"/);
    expect(issues({ ...good.single, hint: 'x' })).toMatch(/hint/);
    expect(issues({ ...good.single, type: 'essay' })).toMatch(/type must be one of/);
  });
});

describe('bank cross-checks', () => {
  const tmp: string[] = [];
  afterEach(() => {
    for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const catalog = loadCatalog();
  const capLesson = catalog.find((t) => t.id === 'cap')!.lessons[0]!;
  const anchor = capLesson.headings[0]!.id;
  function bankDir(banks: Record<string, unknown>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-'));
    tmp.push(root);
    for (const [topic, body] of Object.entries(banks)) {
      fs.mkdirSync(path.join(root, topic), { recursive: true });
      fs.writeFileSync(path.join(root, topic, 'quiz.json'), typeof body === 'string' ? body : JSON.stringify(body));
    }
    return root;
  }
  const problemsOf = (banks: Record<string, unknown>) => validateBank(bankDir(banks), catalog).problems.map((p) => `${p.id ?? ''} ${p.problem}`);

  it('accepts valid banks and resolves lesson anchors', () => {
    expect(problemsOf({ cap: { topic: 'cap', questions: [{ ...good.single, lesson: `cap/cap-theorem#${anchor}` }, good.multi] } })).toEqual([]);
  });
  it('rejects ids used twice across banks', () => {
    const p = problemsOf({ cap: { topic: 'cap', questions: [good.single] }, raft: { topic: 'raft', questions: [good.single] } });
    expect(p.join('\n')).toMatch(/q-single id "q-single" is also used in/);
  });
  it('rejects lessons and anchors that do not resolve', () => {
    const p = problemsOf({
      cap: {
        topic: 'cap',
        questions: [
          { ...good.single, id: 'a', lesson: 'cap/no-such-lesson', tags: ['no-such-lesson'] },
          { ...good.single, id: 'b', lesson: 'cap/cap-theorem#no-such-heading' },
          { ...good.single, id: 'c', lesson: 'nope/cap-theorem', tags: ['cap-theorem'] },
        ],
      },
    });
    expect(p).toEqual([
      expect.stringMatching(/^a .*no lesson "no-such-lesson" in cap/),
      expect.stringMatching(/^b .*has no heading #no-such-heading/),
      expect.stringMatching(/^c .*unknown topic "nope"/),
    ]);
  });
  it('requires the lesson slug among the tags, a matching topic, and valid JSON', () => {
    expect(problemsOf({ cap: { topic: 'cap', questions: [{ ...good.single, tags: ['other'] }] } })).toEqual([expect.stringMatching(/tags must include the lesson's slug "cap-theorem"/)]);
    expect(problemsOf({ cap: { topic: 'raft', questions: [good.single] } })).toEqual([expect.stringMatching(/topic "raft" must equal the folder "cap"/)]);
    expect(problemsOf({ cap: '{ "topic": "cap", ' })).toEqual([expect.stringMatching(/not valid JSON/)]);
  });
  it('names the question and field of a schema problem', () => {
    expect(problemsOf({ cap: { topic: 'cap', questions: [{ ...good.single, options: [opt('a', false), opt('b', false), opt('c', false)] }] } })).toEqual([
      expect.stringMatching(/^q-single options: exactly one option must be correct/),
    ]);
  });
});
