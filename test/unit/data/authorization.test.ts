import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labRecords } from '@/lib/labs/lab-records';
import { quizData } from '@/lib/data/quiz';
import { progressData } from '@/lib/data/progress';
import { reviewData } from '@/lib/data/review';
import { NotFoundError } from '@/lib/data/errors';
import { loadBank } from '@/lib/quiz/bank';
import type { Db, Viewer } from '@/lib/data/types';
import { createTestDb, makeUser } from './test-db';

let db: Db;
let cleanup: () => Promise<void>;
let alice: Viewer;
let mallory: Viewer;
beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  alice = await makeUser(db, 'alice');
  mallory = await makeUser(db, 'mallory');
});
afterAll(async () => cleanup());

describe('lab drafts and submissions belong to their learner', () => {
  it('a draft is per learner: another learner neither reads nor overwrites it', async () => {
    const labs = labRecords(db);
    await labs.saveDraft(alice, 'snowflake', 'alice code');
    expect(await labs.getDraft(mallory, 'snowflake')).toBeNull();
    await labs.saveDraft(mallory, 'snowflake', 'mallory code');
    expect((await labs.getDraft(alice, 'snowflake'))!.code).toBe('alice code');
    expect((await labs.getDraft(mallory, 'snowflake'))!.code).toBe('mallory code');
  });

  it('a submission id guessed by another learner reads as not found and lists stay separate', async () => {
    const labs = labRecords(db);
    const sub = await labs.createSubmission(alice, 'snowflake', 'export const x = 1;');
    await expect(labs.getSubmission(mallory, sub.id)).rejects.toThrow(NotFoundError);
    expect((await labs.getSubmission(alice, sub.id)).status).toBe('queued');
    expect(await labs.listSubmissions(mallory, 'snowflake')).toEqual([]);
    expect((await labs.listSubmissions(alice, 'snowflake')).map((s) => s.id)).toEqual([sub.id]);
    expect((await labs.labStates(mallory)).get('snowflake')?.attempts ?? 0).toBe(0);
    expect((await labs.labStates(alice)).get('snowflake')?.attempts).toBe(1);
  });
});

describe('quiz attempts and answers belong to their learner', () => {
  it('another learner cannot answer, reveal, finish or read someone else’s quiz', async () => {
    const quiz = quizData(db);
    const started = await quiz.startQuiz(alice, { kind: 'topic', topic: 'raft', count: 5 });
    const q = started.questions[0]!;
    await expect(quiz.submitAnswer(mallory, started.attemptId, q.id, { type: 'truefalse', value: true })).rejects.toThrow(NotFoundError);
    await expect(quiz.revealScenario(mallory, started.attemptId, q.id)).rejects.toThrow(NotFoundError);
    await expect(quiz.finishQuiz(mallory, started.attemptId)).rejects.toThrow(NotFoundError);

    const bankQ = loadBank().byId.get(q.id)!;
    const answer =
      bankQ.type === 'single' ? { type: 'single', optionId: q.options![0]!.id }
      : bankQ.type === 'multi' ? { type: 'multi', optionIds: [q.options![0]!.id] }
      : bankQ.type === 'truefalse' ? { type: 'truefalse', value: true }
      : bankQ.type === 'numeric' ? { type: 'numeric', value: 1 }
      : bankQ.type === 'ordering' ? { type: 'ordering', order: q.items!.map((i) => i.id) }
      : { type: 'scenario', selfGrade: 'good' };
    await quiz.submitAnswer(alice, started.attemptId, q.id, answer);
    const [mine] = await quiz.listAnswers(alice);
    expect(mine!.questionId).toBe(q.id);
    await expect(quiz.getAnswer(mallory, mine!.id)).rejects.toThrow(NotFoundError);
    expect(await quiz.listAnswers(mallory)).toEqual([]);
    expect((await quiz.getAnswer(alice, mine!.id)).response).toEqual(answer.type === 'scenario' ? { ...answer, text: '', ticked: [] } : answer);
    // Answering the same question twice in one quiz is refused.
    await expect(quiz.submitAnswer(alice, started.attemptId, q.id, answer)).rejects.toThrow(/already answered/);
  });

  it('questions outside the quiz cannot be answered through it', async () => {
    const quiz = quizData(db);
    const started = await quiz.startQuiz(alice, { kind: 'topic', topic: 'cap', count: 3 });
    const outside = loadBank().questions.find((q) => q.topic === 'raft' && q.type === 'truefalse')!;
    await expect(quiz.submitAnswer(alice, started.attemptId, outside.id, { type: 'truefalse', value: true })).rejects.toThrow(NotFoundError);
  });

  it('the progress export and dashboard contain only the learner’s own data', async () => {
    const progress = progressData(db);
    const mine = await progress.exportData(mallory);
    expect(mine.account.id).toBe(mallory.id);
    expect(mine.quizAnswers).toEqual([]);
    expect(mine.labSubmissions).toEqual([]);
    expect(mine.labDrafts.map((d) => d.code)).toEqual(['mallory code']);
    expect(JSON.stringify(mine)).not.toContain('alice');
    const dash = await progress.getProgress(mallory);
    expect(dash.totals.answered).toBe(0);
    expect((await progress.getProgress(alice)).totals.answered).toBe(1);
    expect((await reviewData(db).stats(mallory)).total).toBe(0);
  });
});
