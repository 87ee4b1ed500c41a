import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '@/lib/content/catalog';
import { InputError } from '@/lib/data/errors';
import { interviewData } from '@/lib/data/interview';
import { masteryData, readLessonSlugs } from '@/lib/data/mastery';
import { progressData } from '@/lib/data/progress';
import { quizData } from '@/lib/data/quiz';
import { loadDeck } from '@/lib/interview/deck';
import { loadBank } from '@/lib/quiz/bank';
import { choiceId } from '@/lib/quiz/public';
import type { BankQuestion, SingleQuestion } from '@/lib/quiz/schema';
import type { Db } from '@/lib/data/types';
import { createTestDb, makeUser } from './test-db';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(() => {
  ({ db, cleanup } = createTestDb());
});
afterAll(async () => cleanup());

const bank = loadBank();
const lessonOf = (q: BankQuestion) => q.lesson.split('#', 1)[0]!;
const singles = (concept: string) => bank.questions.filter((q): q is SingleQuestion & { topic: string } => q.type === 'single' && lessonOf(q) === concept);
// Two raft lessons with at least three single-choice questions each.
const concepts = [...new Set(bank.questions.filter((q) => q.topic === 'raft').map(lessonOf))].filter((c) => singles(c).length >= 3).slice(0, 2) as [string, string];
const single = (q: SingleQuestion, right: boolean) => ({ type: 'single', optionId: choiceId(q.id, q.options.find((o) => o.correct === right)!.text) });

describe('mastery by concept (lib/data/mastery.ts)', () => {
  it('ranks the lesson answered wrongly as the weakest spot, with the numbers and practice links', async () => {
    const user = await makeUser(db, 'mastery-quiz');
    const quiz = quizData(db);
    const [weak, strong] = concepts;
    const now = new Date('2026-03-02T10:00:00Z');
    const ids = [...singles(weak).slice(0, 3), ...singles(strong).slice(0, 3)].map((q) => q.id);
    const attempt = await quiz.startQuiz(user, { kind: 'mixed', count: 50 });
    // Answer through the quiz's own path: a quiz attempt that holds these ids.
    await db.quizAttempt.update({ where: { id: attempt.attemptId }, data: { questionIds: JSON.stringify(ids) } });
    for (const [i, q] of singles(weak).slice(0, 3).entries()) await quiz.submitAnswer(user, attempt.attemptId, q.id, single(q, false), new Date(now.getTime() + i * 1000));
    for (const [i, q] of singles(strong).slice(0, 3).entries()) await quiz.submitAnswer(user, attempt.attemptId, q.id, single(q, true), new Date(now.getTime() + 10_000 + i * 1000));

    const m = masteryData(db);
    const spots = await m.weakSpots(user);
    expect(spots.length).toBe(2);
    expect(spots[0]!.concept).toBe(weak);
    expect(spots[0]!.answers).toEqual({ recall: expect.any(Number), count: 3, right: 0 });
    expect(spots[0]!.answers!.recall).toBeLessThan(25);
    expect(spots[0]!.stability!.cards).toBe(3);
    expect(spots[0]!.score!).toBeLessThan(spots[1]!.score!);
    const slug = weak.split('/')[1]!;
    expect(spots[0]!.practice.quiz).toBe(`/quiz/raft?tag=${slug}`);
    expect(spots[0]!.practice.lesson.href).toMatch(new RegExp(`^/learn/${weak}`));
    expect(spots[0]!.title).toBe(loadCatalog().find((t) => t.id === 'raft')!.lessons.find((l) => l.slug === slug)!.title);
    // Untouched lessons are "not started" (null), never weak spots.
    const all = await m.concepts(user);
    expect(all.filter((c) => c.score !== null).map((c) => c.concept).sort()).toEqual([...concepts].sort());
    // Chinese titles come with locale zh-CN.
    const zh = await m.weakSpots(user, 'zh-CN', 1);
    expect(zh[0]!.topicTitle).toBe(loadCatalog().find((t) => t.id === 'raft')!.titleZh);
  });

  it('counts the latest graded lab submission stage by stage, and interview-card answers as recall', async () => {
    const user = await makeUser(db, 'mastery-lab');
    const lesson = loadCatalog()
      .flatMap((t) => t.lessons.map((l) => ({ t, l })))
      .find((x) => x.l.labs.length > 0)!;
    const labId = lesson.l.labs[0]!;
    const result = (statuses: [string, string][]) =>
      JSON.stringify({ status: 'fail', labId, mode: 'hidden', sandbox: 'x', tests: statuses.map(([stage, status], i) => ({ name: `t${i}`, stage, status, durationMs: 1 })), timings: {} });
    await db.labSubmission.create({ data: { userId: user.id, labId, code: 'x', status: 'passed', results: result([['a', 'pass'], ['b', 'pass']]), passedTests: 2, totalTests: 2, createdAt: new Date('2026-03-01T10:00:00Z') } });
    await db.labSubmission.create({
      data: { userId: user.id, labId, code: 'y', status: 'failed', results: result([['a', 'pass'], ['b', 'fail'], ['b', 'pass'], ['c', 'pass']]), passedTests: 3, totalTests: 4, createdAt: new Date('2026-03-02T10:00:00Z') },
    });
    // A queued submission has no verdict yet and is not counted.
    await db.labSubmission.create({ data: { userId: user.id, labId, code: 'z', status: 'queued', createdAt: new Date('2026-03-03T10:00:00Z') } });
    const c = (await masteryData(db).concepts(user)).find((x) => x.concept === `${lesson.t.id}/${lesson.l.slug}`)!;
    expect(c.labs).toEqual({ stagesPassed: 2, stagesTotal: 3, value: 67 });
    expect(c.score).toBe(67);
    expect(c.practice.lab).toBe(`/labs/${labId}`);

    // A drill answer covering 1 of the points counts toward its card's first lesson.
    const card = loadDeck().cards[0]!;
    const iv = interviewData(db);
    const drill = await iv.startDrill(user, { kind: 'topic', topic: card.topic, count: 50 });
    await iv.recordAnswer(user, drill.sessionId, card.id, { covered: [0], seconds: 60 });
    const cc = (await masteryData(db).concepts(user)).find((x) => x.concept === card.lessons[0]!.split('#')[0])!;
    expect(cc.answers).toMatchObject({ count: 1, right: 0 });
    expect(cc.score).not.toBeNull();
  });
});

describe('topic quiz from the lessons read', () => {
  it('lists the lessons marked read and draws only their questions when asked', async () => {
    const user = await makeUser(db, 'reader');
    const progress = progressData(db);
    const [first] = concepts;
    const slug = first.split('/')[1]!;
    expect(await readLessonSlugs(user, 'raft', db)).toEqual([]);
    await progress.setLessonRead(user, { topic: 'raft', lesson: slug }, true);
    expect(await readLessonSlugs(user, 'raft', db)).toEqual([slug]);
    const quiz = quizData(db);
    const started = await quiz.startQuiz(user, { kind: 'topic', topic: 'raft', lessons: [slug], count: 50 });
    expect(started.questions.length).toBe(bank.questions.filter((q) => q.topic === 'raft' && lessonOf(q) === first).length);
    for (const q of started.questions) expect(lessonOf(bank.byId.get(q.id)!)).toBe(first);
    await expect(quiz.startQuiz(user, { kind: 'topic', topic: 'raft', lessons: ['no-such-lesson'] })).rejects.toThrow(InputError);
    await expect(quiz.startQuiz(user, { kind: 'topic', topic: 'raft', lessons: ['Not Kebab'] })).rejects.toThrow(InputError);
  });
});
