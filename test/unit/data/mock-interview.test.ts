import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '@/lib/data/errors';
import { masteryData } from '@/lib/data/mastery';
import { mockData } from '@/lib/data/mock-interview';
import { loadDeck } from '@/lib/interview/deck';
import { DEADLINE_GRACE_SECONDS } from '@/lib/interview/mock';
import { loadBank } from '@/lib/quiz/bank';
import { choiceId } from '@/lib/quiz/public';
import type { BankQuestion } from '@/lib/quiz/schema';
import type { Db } from '@/lib/data/types';
import { createTestDb, makeUser } from './test-db';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(() => {
  ({ db, cleanup } = createTestDb());
});
afterAll(async () => cleanup());

const bank = loadBank();
const deck = loadDeck();

/** A right or wrong answer to an auto-graded bank question. */
function answerFor(q: BankQuestion, right: boolean): unknown {
  switch (q.type) {
    case 'single':
      return { type: 'single', optionId: choiceId(q.id, q.options.find((o) => o.correct === right)!.text) };
    case 'multi':
      return { type: 'multi', optionIds: q.options.filter((o) => (right ? o.correct : true)).map((o) => choiceId(q.id, o.text)) };
    case 'truefalse':
      return { type: 'truefalse', value: right ? q.answer : !q.answer };
    case 'numeric':
      return { type: 'numeric', value: right ? q.answer : q.answer + (q.tolerance ?? 0) + 1 };
    case 'ordering': {
      const ids = q.items.map((t) => choiceId(q.id, t));
      return { type: 'ordering', order: right ? ids : [...ids].reverse() };
    }
    case 'scenario':
      throw new Error('scenario questions are answered with answerScenario');
  }
}

describe('timed mock interview (lib/data/mock-interview.ts)', () => {
  it('serves 10 mixed items without answers, records each kind through the quiz and drill paths, and reports readiness', async () => {
    const user = await makeUser(db, 'mock-taker');
    const mocks = mockData(db);
    const t0 = new Date('2026-03-02T10:00:00Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const started = await mocks.startMock(user, { size: 10 }, t0);
    expect(started.durationSeconds).toBe(15 * 60);
    expect(started.items).toHaveLength(10);
    const kinds = started.items.map((i) => i.kind);
    expect(kinds.filter((k) => k === 'quiz')).toHaveLength(6);
    expect(kinds.filter((k) => k === 'scenario')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'card')).toHaveLength(2);
    expect(new Set(started.items.map((i) => (i.kind === 'card' ? i.card.topic : i.question.topic))).size).toBeGreaterThan(3);
    // Nothing that gives an answer away reaches the browser.
    const json = JSON.stringify(started);
    expect(json).not.toMatch(/"correct"|"modelAnswer"|"rubric"|"outline"|"explanation"/);

    // Auto-graded: the first right, the rest wrong.
    const autos = started.items.filter((i) => i.kind === 'quiz').map((i) => bank.byId.get(i.kind === 'quiz' ? i.question.id : '')!);
    for (const [n, q] of autos.entries()) await mocks.answerQuestion(user, started.mockId, q.id, answerFor(q, n === 0), at(10 + n));
    await expect(mocks.answerQuestion(user, started.mockId, autos[0]!.id, answerFor(autos[0]!, true), at(30))).rejects.toThrow(/already answered/);
    // Scenario: the model answer, then every rubric point ticked.
    const scenario = started.items.find((i) => i.kind === 'scenario')!;
    const sq = bank.byId.get(scenario.kind === 'scenario' ? scenario.question.id : '')!;
    const reveal = await mocks.revealScenario(user, started.mockId, sq.id, at(40));
    expect(reveal.rubric.length).toBeGreaterThanOrEqual(2);
    await mocks.answerScenario(user, started.mockId, sq.id, { text: 'my answer', ticked: reveal.rubric.map((_, i) => i) }, at(50));
    // A question is answered only as the kind it was served as.
    await expect(mocks.answerQuestion(user, started.mockId, sq.id, { type: 'single', optionId: 'x' }, at(51))).rejects.toThrow(NotFoundError);
    // Spoken answer: the outline, one point of it covered.
    const cardItem = started.items.find((i) => i.kind === 'card')!;
    const cardId = cardItem.kind === 'card' ? cardItem.card.id : '';
    const outline = await mocks.revealCard(user, started.mockId, cardId, at(60));
    expect(outline.outline).toEqual(deck.byId.get(cardId)!.outline);
    await mocks.answerCard(user, started.mockId, cardId, { covered: [0], seconds: 95 }, at(160));
    // An item of another mock, or someone else's mock, is not found.
    const other = await makeUser(db, 'mock-other');
    await expect(mocks.answerCard(other, started.mockId, cardId, { covered: [], seconds: 1 }, at(170))).rejects.toThrow(NotFoundError);

    const report = await mocks.finishMock(user, started.mockId, { secondsUsed: 170, endedBy: 'early' }, at(170));
    expect(report).toMatchObject({ size: 10, answered: 8, secondsUsed: 170, endedBy: 'early', durationSeconds: 900 });
    const cardShare = 1 / deck.byId.get(cardId)!.outline.length;
    expect(report.score).toBe(Math.round((100 * (1 + 1 + cardShare)) / 10));
    expect(report.verdict).toBe('not-yet');
    expect(report.topics.reduce((n, t) => n + t.items, 0)).toBe(10);
    expect(report.weakest.length).toBeGreaterThan(0);
    for (const t of report.topics) {
      expect(t.lesson).toMatch(/^\/learn\//);
      expect(t.quiz).toBe(`/quiz/${t.topic}`);
    }
    expect(report.items.filter((i) => i.score === null)).toHaveLength(2);
    // Finishing again returns the same report; answering after the end is refused.
    expect((await mocks.finishMock(user, started.mockId, { secondsUsed: 5, endedBy: 'answered' }, at(400))).score).toBe(report.score);
    const unanswered = started.items.find((i) => i.kind === 'scenario' && i.question.id !== sq.id)!;
    await expect(mocks.revealScenario(user, started.mockId, unanswered.kind === 'scenario' ? unanswered.question.id : '', at(401))).rejects.toThrow(/already finished/);
    const row = await db.mockSession.findUniqueOrThrow({ where: { id: started.mockId } });
    expect(row).toMatchObject({ score: report.score, verdict: 'not-yet', endedBy: 'early', secondsUsed: 170 });
    expect((await mocks.mockReport(user, started.mockId)).score).toBe(report.score);
    expect(await mocks.recentMocks(user)).toMatchObject([{ id: started.mockId, size: 10, score: report.score }]);

    // The answers count toward mastery like any other.
    const concepts = await masteryData(db).concepts(user);
    const answeredLessons = new Set([...autos, sq].map((q) => q.lesson.split('#', 1)[0]!));
    for (const c of concepts.filter((x) => answeredLessons.has(x.concept))) expect(c.answers!.count).toBeGreaterThan(0);
    expect(await db.quizAnswer.count({ where: { userId: user.id } })).toBe(7);
    expect(await db.drillAnswer.count({ where: { userId: user.id } })).toBe(1);
  });

  it('refuses answers after the countdown and its grace, and caps the time used at the countdown', async () => {
    const user = await makeUser(db, 'mock-late');
    const mocks = mockData(db);
    const t0 = new Date('2026-03-03T10:00:00Z');
    const started = await mocks.startMock(user, { size: 10 }, t0);
    const item = started.items.find((i) => i.kind === 'quiz')!;
    const q = bank.byId.get(item.kind === 'quiz' ? item.question.id : '')!;
    const late = new Date(t0.getTime() + (started.durationSeconds + DEADLINE_GRACE_SECONDS + 1) * 1000);
    await expect(mocks.answerQuestion(user, started.mockId, q.id, answerFor(q, true), late)).rejects.toThrow(/time is up/);
    const report = await mocks.finishMock(user, started.mockId, { secondsUsed: 21_600, endedBy: 'early' }, late);
    expect(report).toMatchObject({ endedBy: 'time', secondsUsed: started.durationSeconds, answered: 0, score: 0, verdict: 'not-yet' });
  });

  it('validates its input with clear messages', async () => {
    const user = await makeUser(db, 'mock-bad');
    const mocks = mockData(db);
    await expect(mocks.startMock(user, { size: 7 as 10 })).rejects.toThrow(/10, 20 or 30/);
    const started = await mocks.startMock(user, { size: 20 });
    expect(started.items).toHaveLength(20);
    expect(started.durationSeconds).toBe(30 * 60);
    await expect(mocks.finishMock(user, started.mockId, { secondsUsed: -1, endedBy: 'early' })).rejects.toThrow(InputError);
    await expect(mocks.finishMock(user, started.mockId, { secondsUsed: 1, endedBy: 'bored' as 'early' })).rejects.toThrow(/ends when/);
    await expect(mocks.finishMock(user, 'nope', { secondsUsed: 1, endedBy: 'early' })).rejects.toThrow(NotFoundError);
    await expect(mocks.mockReport(user, started.mockId)).rejects.toThrow(NotFoundError);
  });
});
