import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '@/lib/data/errors';
import { mistakesData, type LabMistake, type QuestionMistake } from '@/lib/data/mistakes';
import { quizData } from '@/lib/data/quiz';
import { reviewData } from '@/lib/data/review';
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

/** The right (or a wrong) answer to an auto-graded bank question, as the browser would send it. */
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
      return { type: 'scenario', selfGrade: right ? 'good' : 'again' };
  }
}

const autoGraded = (topic: string) => loadBank().questions.filter((q) => q.topic === topic && q.type !== 'scenario');
const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);

describe('"I guessed"', () => {
  it('reschedules the card as Hard instead of Good, and back to Good when undone', async () => {
    const user = await makeUser(db, 'guesser');
    const quiz = quizData(db);
    const now = new Date('2026-03-02T10:00:00Z');
    const q = autoGraded('raft')[0]!;
    const started = await quiz.startQuiz(user, { kind: 'topic', topic: 'raft', question: q.id });
    expect(started.questions.map((x) => x.id)).toEqual([q.id]);
    await quiz.submitAnswer(user, started.attemptId, q.id, answerFor(q, true), now);
    const good = await db.reviewCard.findFirstOrThrow({ where: { userId: user.id, questionId: q.id } });

    const marked = await quiz.markGuessed(user, started.attemptId, q.id, true);
    expect(marked).toMatchObject({ questionId: q.id, guessed: true, rescheduled: true });
    const hard = await db.reviewCard.findFirstOrThrow({ where: { userId: user.id, questionId: q.id } });
    // Hard comes back no later than Good, from the same review (same time, one rep).
    expect(hard.due.getTime()).toBeLessThanOrEqual(good.due.getTime());
    expect(hard.reps).toBe(good.reps);
    expect(hard.lastReview!.getTime()).toBe(now.getTime());
    expect(hard.difficulty).toBeGreaterThan(good.difficulty);
    expect(marked.due).toBe(hard.due.toISOString());
    expect((await db.quizAnswer.findFirstOrThrow({ where: { userId: user.id, questionId: q.id } })).guessed).toBe(true);

    const undone = await quiz.markGuessed(user, started.attemptId, q.id, false);
    expect(undone).toMatchObject({ guessed: false, rescheduled: true });
    const again = await db.reviewCard.findFirstOrThrow({ where: { userId: user.id, questionId: q.id } });
    expect(again.due.getTime()).toBe(good.due.getTime());
    expect(again.difficulty).toBe(good.difficulty);
  });

  it('redoes only the last review of an existing card', async () => {
    const user = await makeUser(db, 'guesser-2');
    const quiz = quizData(db);
    const t0 = new Date('2026-03-02T10:00:00Z');
    const q = autoGraded('caching')[0]!;
    const first = await quiz.startQuiz(user, { kind: 'topic', topic: 'caching', question: q.id });
    await quiz.submitAnswer(user, first.attemptId, q.id, answerFor(q, false), t0);
    const afterWrong = await db.reviewCard.findFirstOrThrow({ where: { userId: user.id, questionId: q.id } });
    const t1 = minutes(t0, 30);
    const second = await quiz.startQuiz(user, { kind: 'topic', topic: 'caching', question: q.id });
    await quiz.submitAnswer(user, second.attemptId, q.id, answerFor(q, true), t1);
    const good = await db.reviewCard.findFirstOrThrow({ where: { userId: user.id, questionId: q.id } });
    await quiz.markGuessed(user, second.attemptId, q.id, true);
    const hard = await db.reviewCard.findFirstOrThrow({ where: { userId: user.id, questionId: q.id } });
    expect(hard.reps).toBe(afterWrong.reps + 1);
    expect(hard.lastReview!.getTime()).toBe(t1.getTime());
    expect(hard.due.getTime()).toBeLessThanOrEqual(good.due.getTime());
    // The first answer (wrong) cannot be marked; a later review makes an old mark leave the card alone.
    await expect(quiz.markGuessed(user, first.attemptId, q.id, true)).rejects.toThrow(InputError);
    const t2 = minutes(t1, 60 * 24 * 3);
    const third = await quiz.startQuiz(user, { kind: 'topic', topic: 'caching', question: q.id });
    await quiz.submitAnswer(user, third.attemptId, q.id, answerFor(q, true), t2);
    const latest = await db.reviewCard.findFirstOrThrow({ where: { userId: user.id, questionId: q.id } });
    expect(await quiz.markGuessed(user, second.attemptId, q.id, false)).toMatchObject({ guessed: false, rescheduled: false });
    expect((await db.reviewCard.findFirstOrThrow({ where: { userId: user.id, questionId: q.id } })).due.getTime()).toBe(latest.due.getTime());
  });

  it('refuses bad requests with clear messages', async () => {
    const user = await makeUser(db, 'guesser-3');
    const other = await makeUser(db, 'guesser-4');
    const quiz = quizData(db);
    const q = autoGraded('cap')[0]!;
    const started = await quiz.startQuiz(user, { kind: 'topic', topic: 'cap', question: q.id });
    await expect(quiz.markGuessed(user, started.attemptId, q.id, true)).rejects.toThrow(/answer/);
    await quiz.submitAnswer(user, started.attemptId, q.id, answerFor(q, true));
    await expect(quiz.markGuessed(user, started.attemptId, q.id, 'yes' as unknown as boolean)).rejects.toThrow(/guess/);
    await expect(quiz.markGuessed(other, started.attemptId, q.id, true)).rejects.toThrow(/quiz/);
    await expect(quiz.markGuessed(user, started.attemptId, 'nope', true)).rejects.toThrow();
  });
});

describe('the mistake notebook', () => {
  it('lists wrong and guessed answers with their latest state, and failed lab tests, filterable', async () => {
    const user = await makeUser(db, 'notebook');
    const quiz = quizData(db);
    const mistakes = mistakesData(db);
    const t0 = new Date('2026-03-03T08:00:00Z');
    const [stillWrong, fixed] = autoGraded('raft');
    const guessed = autoGraded('cap')[0]!;
    const answer = async (q: BankQuestion, right: boolean, at: Date, guess = false) => {
      const s = await quiz.startQuiz(user, { kind: 'topic', topic: q.topic, question: q.id });
      await quiz.submitAnswer(user, s.attemptId, q.id, answerFor(q, right), at);
      if (guess) await quiz.markGuessed(user, s.attemptId, q.id, true);
    };
    await answer(stillWrong!, false, t0);
    await answer(fixed!, false, minutes(t0, 1));
    await answer(fixed!, true, minutes(t0, 2));
    await answer(guessed, true, minutes(t0, 3), true);
    await answer(autoGraded('caching')[0]!, true, minutes(t0, 4)); // right, not guessed: not a mistake
    await db.labSubmission.createMany({
      data: [
        {
          userId: user.id,
          labId: 'raft-election',
          code: 'x',
          status: 'failed',
          totalTests: 3,
          createdAt: minutes(t0, 5),
          finishedAt: minutes(t0, 5),
          results: JSON.stringify({ status: 'fail', tests: [{ name: 'elects a leader', status: 'pass' }, { name: 'one leader per term', status: 'fail' }, { name: 're-elects after a crash', status: 'error' }] }),
        },
        { userId: user.id, labId: 'hello-counter', code: 'x', status: 'failed', totalTests: 1, createdAt: minutes(t0, 6), results: JSON.stringify({ status: 'fail', tests: [{ name: 'counts', status: 'fail' }] }) },
        { userId: user.id, labId: 'hello-counter', code: 'x', status: 'passed', totalTests: 1, createdAt: minutes(t0, 7), results: JSON.stringify({ status: 'pass', tests: [] }) },
      ],
    });
    const labs = [
      { id: 'raft-election', topic: 'raft', title: 'Raft election', texts: { tests: { 'one leader per term': '每个 term 只有一个 leader' } } },
      { id: 'hello-counter', topic: 'base', title: 'Hello counter' },
    ];

    const all = await mistakes.notebook(user, {}, { labs, locale: 'zh-CN' });
    expect(all.counts).toMatchObject({ total: 5, byKind: { wrong: 2, guessed: 1, lab: 2 } });
    expect(all.items.map((m) => (m.kind === 'lab' ? m.labId : m.questionId))).toEqual(['hello-counter', 'raft-election', guessed.id, fixed!.id, stillWrong!.id]);
    const q = (id: string) => all.items.find((m) => m.kind !== 'lab' && m.questionId === id) as QuestionMistake;
    expect(q(stillWrong!.id)).toMatchObject({ kind: 'wrong', latest: 'wrong', wrongCount: 1, answers: 1, practiceHref: `/quiz/raft?q=${stillWrong!.id}` });
    expect(q(fixed!.id)).toMatchObject({ kind: 'wrong', latest: 'right', wrongCount: 1, answers: 2 });
    expect(q(guessed.id)).toMatchObject({ kind: 'guessed', latest: 'guessed', topic: 'cap' });
    expect(q(stillWrong!.id).lesson.href).toMatch(/^\/learn\/raft\//);
    const raftLab = all.items.find((m) => m.kind === 'lab' && m.labId === 'raft-election') as LabMistake;
    expect(raftLab).toMatchObject({ title: 'Raft election', topic: 'raft', totalTests: 3, solvedSince: false, practiceHref: '/labs/raft-election' });
    expect(raftLab.failedTests).toEqual([
      { name: 'one leader per term', title: '每个 term 只有一个 leader' },
      { name: 're-elects after a crash', title: 're-elects after a crash' },
    ]);
    expect((all.items.find((m) => m.kind === 'lab' && m.labId === 'hello-counter') as LabMistake).solvedSince).toBe(true);

    const raft = await mistakes.notebook(user, { topic: 'raft' }, { labs });
    expect(raft.items.map((m) => m.kind)).toEqual(['lab', 'wrong', 'wrong']);
    expect(raft.counts.total).toBe(5);
    expect(raft.filter).toEqual({ topic: 'raft', kind: null });
    const raftWrong = await mistakes.notebook(user, { topic: 'raft', kind: 'wrong' }, { labs });
    expect(raftWrong.items).toHaveLength(2);
    expect((await mistakes.notebook(user, { kind: 'guessed' }, { labs })).items.map((m) => m.kind)).toEqual(['guessed']);

    await expect(mistakes.notebook(user, { topic: 'nope' as 'raft' })).rejects.toThrow(/unknown topic/);
    await expect(mistakes.notebook(user, { kind: 'typo' as 'lab' })).rejects.toThrow(InputError);
    // Someone else's notebook is empty.
    const stranger = await makeUser(db, 'stranger');
    expect((await mistakes.notebook(stranger, {}, { labs })).counts.total).toBe(0);
  });
});

describe('review cards from a failed lab submission', () => {
  it('are recorded on the submission', async () => {
    const user = await makeUser(db, 'lab-cards');
    const reviews = reviewData(db);
    const sub = await db.labSubmission.create({ data: { userId: user.id, labId: 'raft-election', code: 'x', status: 'failed' } });
    expect(await reviews.labSubmissionCards(user, sub.id)).toEqual({ status: 'failed', cards: null });
    const added = await reviews.addLabFailureCards(user, 'raft-election', new Date('2026-03-04T10:00:00Z'), sub.id);
    expect(added.length).toBeGreaterThan(0);
    expect(await reviews.labSubmissionCards(user, sub.id)).toEqual({ status: 'failed', cards: added });
    const other = await makeUser(db, 'lab-cards-other');
    expect(await reviews.labSubmissionCards(other, sub.id)).toBeNull();
  });
});
