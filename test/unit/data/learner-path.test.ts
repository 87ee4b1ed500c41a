import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpActivity } from '@/lib/data/activity';
import { buildStudyPlan, DAILY_GOAL_STEPS, progressData } from '@/lib/data/progress';
import { loadCatalog } from '@/lib/content/catalog';
import type { Db } from '@/lib/data/types';
import { parseDays, spreadPlan, type PlanItem } from '@/components/path/spread';
import { createTestDb, makeUser } from './test-db';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(() => {
  ({ db, cleanup } = createTestDb());
});
afterAll(async () => cleanup());

const HOUR = 3_600_000;

describe('learnerPath: what home, topic and lab lists show', () => {
  it('a brand-new learner is new, with nothing read, the first lesson next, and no lab in progress', async () => {
    const user = await makeUser(db, 'path-new');
    const path = await progressData(db).learnerPath(user, new Date('2026-03-02T10:00:00Z'));
    const first = loadCatalog().find((t) => t.lessons.length > 0)!;
    expect(path.isNew).toBe(true);
    expect(path.readLessons).toEqual([]);
    expect(path.labs).toEqual({});
    expect(path.nextLesson).toMatchObject({ href: `/learn/${first.id}/${first.lessons[0]!.slug}`, opened: false });
    expect(path.labInProgress).toBeNull();
    expect(path.reviewsDue).toBe(0);
    expect(path.streak).toEqual({ current: 0, longest: 0, activeToday: false });
    expect(path.today).toEqual({ lessons: 0, answers: 0, labs: 0, steps: 0, goal: DAILY_GOAL_STEPS });
  });

  it('continues with the lesson after the last one read, or the last one opened while it is unread', async () => {
    const user = await makeUser(db, 'path-reader');
    const p = progressData(db);
    const now = new Date('2026-03-02T10:00:00Z');
    const raft = loadCatalog().find((t) => t.id === 'raft')!;
    const [l0, l1, l2] = raft.lessons;
    await p.recordLessonVisit(user, { topic: 'raft', lesson: l0!.slug }, new Date(now.getTime() - 2 * HOUR));
    await p.setLessonRead(user, { topic: 'raft', lesson: l0!.slug }, true, new Date(now.getTime() - 2 * HOUR));
    let path = await p.learnerPath(user, now);
    expect(path.isNew).toBe(false);
    expect(path.readLessons).toEqual([`raft/${l0!.slug}`]);
    expect(path.nextLesson).toMatchObject({ href: `/learn/raft/${l1!.slug}`, topic: 'raft', lesson: l1!.slug, opened: false });

    // Opening the next lesson without finishing it: continue there.
    await p.recordLessonVisit(user, { topic: 'raft', lesson: l1!.slug }, new Date(now.getTime() - HOUR));
    path = await p.learnerPath(user, now);
    expect(path.nextLesson).toMatchObject({ href: `/learn/raft/${l1!.slug}`, opened: true });

    // Read it: the one after.
    await p.setLessonRead(user, { topic: 'raft', lesson: l1!.slug }, true, new Date(now.getTime() - HOUR));
    path = await p.learnerPath(user, now);
    expect(path.nextLesson?.href).toBe(`/learn/raft/${l2!.slug}`);
    expect(new Set(path.readLessons)).toEqual(new Set([`raft/${l0!.slug}`, `raft/${l1!.slug}`]));
    expect(path.today).toMatchObject({ lessons: 2, steps: 2 });
    expect(path.streak).toEqual({ current: 1, longest: 1, activeToday: true });
  });

  it('wraps to the first unread lesson after the last one in the catalogue, and is null when all are read', async () => {
    const user = await makeUser(db, 'path-wrap');
    const p = progressData(db);
    const catalog = loadCatalog();
    const last = catalog.filter((t) => t.lessons.length > 0).at(-1)!;
    await p.setLessonRead(user, { topic: last.id, lesson: last.lessons.at(-1)!.slug }, true);
    const first = catalog.find((t) => t.lessons.length > 0)!;
    expect((await p.learnerPath(user)).nextLesson?.href).toBe(`/learn/${first.id}/${first.lessons[0]!.slug}`);
    for (const t of catalog) for (const l of t.lessons) await p.setLessonRead(user, { topic: t.id, lesson: l.slug }, true);
    expect((await p.learnerPath(user)).nextLesson).toBeNull();
  });

  it('marks labs solved, attempted or started, and picks the latest unsolved lab with a draft or a failure as in progress', async () => {
    const user = await makeUser(db, 'path-labs');
    const t0 = new Date('2026-03-02T08:00:00Z');
    const at = (h: number) => new Date(t0.getTime() + h * HOUR);
    // createMany: the columns these tests need only (no RETURNING of columns others may be adding).
    await db.labSubmission.createMany({
      data: [
        { userId: user.id, labId: 'hello-counter', code: 'x', status: 'failed', createdAt: at(0) },
        { userId: user.id, labId: 'hello-counter', code: 'x', status: 'passed', createdAt: at(1) },
        { userId: user.id, labId: 'raft-election', code: 'x', status: 'failed', createdAt: at(2) },
      ],
    });
    await db.labDraft.create({ data: { userId: user.id, labId: 'snowflake', code: 'draft' } });
    await db.labDraft.create({ data: { userId: user.id, labId: 'hello-counter', code: 'draft' } });
    const path = await progressData(db).learnerPath(user, at(3));
    expect(path.isNew).toBe(false);
    expect(path.labs['hello-counter']).toMatchObject({ solved: true, attempts: 2, lastStatus: 'passed', hasDraft: true });
    expect(path.labs['raft-election']).toMatchObject({ solved: false, attempts: 1, lastStatus: 'failed', hasDraft: false });
    expect(path.labs.snowflake).toMatchObject({ solved: false, attempts: 0, lastStatus: null, hasDraft: true });
    // The snowflake draft was saved just now (updatedAt), after the raft-election failure: it is the one in progress.
    expect(path.labInProgress).toEqual({ labId: 'snowflake', attempts: 0, lastStatus: null });

    await db.labDraft.delete({ where: { userId_labId: { userId: user.id, labId: 'snowflake' } } });
    expect((await progressData(db).learnerPath(user, at(3))).labInProgress).toEqual({ labId: 'raft-election', attempts: 1, lastStatus: 'failed' });
  });

  it("counts today's study steps towards the daily goal, and one learner never sees another's", async () => {
    const user = await makeUser(db, 'path-today');
    const other = await makeUser(db, 'path-other');
    const now = new Date('2026-03-05T12:00:00Z');
    for (const day of ['2026-03-03', '2026-03-04']) await bumpActivity(db, user.id, 'answers', new Date(`${day}T09:00:00Z`));
    for (let i = 0; i < 3; i++) await bumpActivity(db, user.id, 'answers', now);
    await bumpActivity(db, user.id, 'labs', now);
    await bumpActivity(db, other.id, 'lessons', now);
    const path = await progressData(db).learnerPath(user, now);
    expect(path.today).toEqual({ lessons: 0, answers: 3, labs: 1, steps: 4, goal: DAILY_GOAL_STEPS });
    expect(path.streak).toEqual({ current: 3, longest: 3, activeToday: true });
    expect((await progressData(db).learnerPath(other, now)).today.lessons).toBe(1);
  });
});

describe('the study plan', () => {
  const catalog = [
    { id: 'a', title: 'A', lessons: [{ slug: 'a1', title: 'A1', minutes: 10 }, { slug: 'a2', title: 'A2', minutes: 20 }] },
    { id: 'b', title: 'B', lessons: [{ slug: 'b1', title: 'B1', minutes: 15 }] },
    { id: 'c', title: 'C', lessons: [] },
  ];
  const labs = [
    { id: 'lab-a', topic: 'a', minutes: 30 },
    { id: 'lab-c', topic: 'c', minutes: 45 },
  ];

  it('keeps catalogue order and estimates lesson plus lab minutes, in all and what is left', () => {
    const plan = buildStudyPlan(catalog, labs, ['a/a1'], ['lab-c']);
    expect(plan.map((s) => s.topic)).toEqual(['a', 'b', 'c']);
    expect(plan.map((s) => [s.minutesTotal, s.minutesLeft])).toEqual([
      [60, 50],
      [15, 15],
      [45, 0],
    ]);
    expect(plan[0]!.lessons.map((l) => l.read)).toEqual([true, false]);
    expect(plan[2]!.labs).toEqual([{ id: 'lab-c', minutes: 45, solved: true }]);
  });

  it('covers every topic of the real catalogue', () => {
    const real = loadCatalog();
    const plan = buildStudyPlan(real, [], [], []);
    expect(plan).toHaveLength(real.length);
    expect(plan.reduce((m, s) => m + s.minutesTotal, 0)).toBe(real.reduce((m, t) => m + t.lessons.reduce((n, l) => n + l.minutes, 0), 0));
  });

  it('spreads what is left over N days: a daily budget and today’s share, never splitting an item', () => {
    const items: PlanItem[] = [
      { href: '/1', title: '1', minutes: 10, kind: 'lesson' },
      { href: '/2', title: '2', minutes: 20, kind: 'lesson' },
      { href: '/3', title: '3', minutes: 30, kind: 'lab' },
      { href: '/4', title: '4', minutes: 60, kind: 'lab' },
    ];
    expect(spreadPlan(items, 4)).toMatchObject({ minutesLeft: 120, minutesPerDay: 30 });
    expect(spreadPlan(items, 4).today.map((i) => i.href)).toEqual(['/1', '/2']);
    expect(spreadPlan(items, 1).today).toHaveLength(4);
    // A budget smaller than the first item still gives one thing to do today.
    expect(spreadPlan([items[3]!, items[0]!], 30).today.map((i) => i.href)).toEqual(['/4']);
    expect(spreadPlan([], 10)).toEqual({ minutesLeft: 0, minutesPerDay: 0, today: [] });
  });

  it('accepts 1 to 365 whole days only', () => {
    expect(parseDays('14')).toBe(14);
    expect(parseDays(' 7 ')).toBe(7);
    for (const bad of ['0', '366', '-3', '2.5', 'abc', '', null, undefined]) expect(parseDays(bad), String(bad)).toBeNull();
  });
});
