import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '@/lib/content/catalog';
import { zhCardTexts } from '@/lib/content/translations';
import { InputError, NotFoundError } from '@/lib/data/errors';
import { interviewData } from '@/lib/data/interview';
import { progressData } from '@/lib/data/progress';
import { reviewData } from '@/lib/data/review';
import { loadDeck } from '@/lib/interview/deck';
import type { Db } from '@/lib/data/types';
import { createTestDb, makeUser } from './test-db';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(() => {
  ({ db, cleanup } = createTestDb());
});
afterAll(async () => cleanup());

const deck = loadDeck();
const topicWithCards = [...new Set(deck.cards.map((c) => c.topic))].find((t) => deck.cards.filter((c) => c.topic === t).length >= 2)!;
const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('interview drill: from start to report', () => {
  it('serves a topic drill without the outline, reveals it, rates by points covered and reports weak spots', async () => {
    const user = await makeUser(db, 'driller');
    const iv = interviewData(db);
    const now = new Date('2026-03-02T10:00:00Z');
    const drill = await iv.startDrill(user, { kind: 'topic', topic: topicWithCards }, now);
    expect(drill.cards.length).toBe(deck.cards.filter((c) => c.topic === topicWithCards).length);
    // Nothing of the answer reaches the browser before the learner asks for it.
    const publicJson = JSON.stringify(drill);
    for (const c of drill.cards) {
      const full = deck.byId.get(c.id)!;
      expect(publicJson).not.toContain(full.outline[0]);
      expect(publicJson).not.toContain(full.answer.slice(0, 40));
      expect(c.points).toBe(full.outline.length);
    }
    const [first, second] = drill.cards;
    const reveal = await iv.revealCard(user, drill.sessionId, first!.id);
    expect(reveal.outline).toEqual(deck.byId.get(first!.id)!.outline);
    expect(reveal.lessons[0]!.href).toMatch(/^\/learn\//);

    const strong = await iv.recordAnswer(user, drill.sessionId, first!.id, { covered: all(first!.points), seconds: 100, notes: 'terms' }, now);
    expect(strong).toMatchObject({ grade: 'easy', percent: 100 });
    const weak = await iv.recordAnswer(user, drill.sessionId, second!.id, { covered: [0], seconds: 200 }, now);
    expect(weak.grade).toBe('again');
    // FSRS: the weak card comes back sooner than the strong one; both are interview cards, not quiz cards.
    expect(new Date(weak.nextDue).getTime()).toBeLessThan(new Date(strong.nextDue).getTime());
    const cards = await db.reviewCard.findMany({ where: { userId: user.id } });
    expect(cards.map((c) => c.source)).toEqual(['interview', 'interview']);
    expect((await reviewData(db).stats(user, now)).total).toBe(0); // the quiz review queue is untouched

    await expect(iv.recordAnswer(user, drill.sessionId, first!.id, { covered: [], seconds: 1 }, now)).rejects.toThrow(/already answered/);
    const report = await iv.finishDrill(user, drill.sessionId, now);
    expect(report).toMatchObject({ total: drill.cards.length, answered: 2 });
    const item = report.items.find((i) => i.cardId === second!.id)!;
    expect(item).toMatchObject({ covered: 1, answered: true, grade: 'again' });
    expect(item.missed).toEqual(deck.byId.get(second!.id)!.outline.slice(1));
    expect(report.items.find((i) => i.cardId === first!.id)!.missed).toEqual([]);
    expect(report.percent).toBe(Math.round((100 * (first!.points + 1)) / (first!.points + second!.points)));
    expect(report.overTime).toBe(second!.seconds < 200 ? 1 : 0);
    expect(report.toRevisit.map((r) => r.cards)).toEqual([[second!.title]]);
    await expect(iv.recordAnswer(user, drill.sessionId, drill.cards[2]?.id ?? second!.id, { covered: [], seconds: 1 }, now)).rejects.toThrow(/already (finished|answered)/);

    // Due cards: a minute later nothing; an hour later the weak card is due and a "due" drill serves it.
    const later = new Date(now.getTime() + 3600_000);
    const overview = await iv.overview(user, later);
    expect(overview.dueNow).toBeGreaterThanOrEqual(1);
    expect(overview.lastReport?.sessionId).toBe(drill.sessionId);
    const due = await iv.startDrill(user, { kind: 'due' }, later);
    expect(due.cards.map((c) => c.id)).toContain(second!.id);
    expect(due.cards.map((c) => c.id)).not.toContain(first!.id);
    // The next topic drill puts unseen cards first, then the weakest.
    const again = await iv.startDrill(user, { kind: 'topic', topic: topicWithCards }, later);
    const order = again.cards.map((c) => c.id);
    expect(order.indexOf(second!.id)).toBeLessThan(order.indexOf(first!.id));
    expect(order.at(-1)).toBe(first!.id);

    // The learner's export carries the drills and answers.
    const exported = await progressData(db).exportData(user, later);
    expect(exported.interviewAnswers.map((a) => [a.cardId, a.covered])).toEqual([
      [first!.id, all(first!.points)],
      [second!.id, [0]],
    ]);
    expect(exported.interviewDrills).toHaveLength(3);
  });

  it('a mock interview ranges across topics and honours its length and topic filter', async () => {
    const user = await makeUser(db, 'mocker');
    const iv = interviewData(db);
    const topics = new Set(deck.cards.map((c) => c.topic));
    const mock = await iv.startDrill(user, { kind: 'mock', count: 3 });
    expect(mock.cards).toHaveLength(Math.min(3, deck.cards.length));
    expect(new Set(mock.cards.map((c) => c.topic)).size).toBe(Math.min(3, topics.size));
    const only = await iv.startDrill(user, { kind: 'mock', count: 8, topics: [topicWithCards] });
    expect(only.cards.every((c) => c.topic === topicWithCards)).toBe(true);
    const short = await iv.startDrill(user, { kind: 'topic', topic: topicWithCards, count: 1 });
    expect(short.cards).toHaveLength(1);
  });

  it('refuses bad input and other learners’ drills with clear messages', async () => {
    const user = await makeUser(db, 'bad-driller');
    const other = await makeUser(db, 'other-driller');
    const iv = interviewData(db);
    await expect(iv.startDrill(user, { kind: 'topic', topic: 'nope' })).rejects.toThrow(/unknown topic/);
    await expect(iv.startDrill(user, { kind: 'due' })).rejects.toThrow(/no interview card is due/);
    await expect(iv.startDrill(user, { kind: 'mock', count: 99 })).rejects.toThrow(/at most 12/);
    await expect(iv.startDrill(user, { kind: 'mock', topics: ['zzz'] })).rejects.toThrow(/unknown topic "zzz"/);
    await expect(iv.startDrill(user, { kind: 'exam' } as never)).rejects.toThrow(/topic drill, the due cards, or a mock/);
    const drill = await iv.startDrill(user, { kind: 'topic', topic: topicWithCards });
    const id = drill.cards[0]!.id;
    await expect(iv.revealCard(other, drill.sessionId, id)).rejects.toThrow(/drill not found/);
    await expect(iv.recordAnswer(other, drill.sessionId, id, { covered: [], seconds: 1 })).rejects.toThrow(/drill not found/);
    await expect(iv.revealCard(user, drill.sessionId, 'raft-iv-not-in-this-drill')).rejects.toThrow(/card in this drill not found/);
    await expect(iv.recordAnswer(user, drill.sessionId, id, { covered: [0, 0], seconds: 1 })).rejects.toThrow(/ticked twice/);
    const points = drill.cards[0]!.points;
    await expect(iv.recordAnswer(user, drill.sessionId, id, { covered: [points], seconds: 1 })).rejects.toThrow(points < 8 ? `there is no point ${points + 1}` : /7/);
    await expect(iv.recordAnswer(user, drill.sessionId, id, { covered: [], seconds: -1 })).rejects.toThrow();
    await expect(iv.recordAnswer(user, drill.sessionId, id, { covered: [], seconds: 5000 })).rejects.toThrow(/longer than an hour/);
    await expect(iv.recordAnswer(user, drill.sessionId, id, { covered: [], seconds: 1, notes: 'x'.repeat(9000) })).rejects.toThrow(/8,000/);
    expect(await db.drillAnswer.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('interview drill in Chinese', () => {
  it('shows the card, outline, report and lesson links in Chinese, and records exactly what the English drill records', async () => {
    const zhTexts = zhCardTexts().byId;
    const user = await makeUser(db, 'zh-driller');
    const iv = interviewData(db);
    const now = new Date('2026-03-04T10:00:00Z');
    const zhDrill = await iv.startDrill(user, { kind: 'topic', topic: topicWithCards }, now, 'zh-CN');
    const enDrill = await iv.startDrill(user, { kind: 'topic', topic: topicWithCards }, now, 'en');
    const id = zhDrill.cards.find((c) => zhTexts.has(c.id))!.id;
    const en = enDrill.cards.find((c) => c.id === id)!;
    const zh = zhDrill.cards.find((c) => c.id === id)!;
    const english = deck.byId.get(id)!;
    const chinese = zhTexts.get(id)!;
    // The text is Chinese; the ids, counts and target time are the English card's.
    expect(zh).toMatchObject({ title: chinese.title, prompt: chinese.prompt, topicTitle: loadCatalog().find((t) => t.id === topicWithCards)!.titleZh });
    expect({ ...zh, title: 0, prompt: 0, variants: 0, topicTitle: 0 }).toEqual({ ...en, title: 0, prompt: 0, variants: 0, topicTitle: 0 });
    expect(en).toMatchObject({ title: english.title, prompt: english.prompt });

    const zhReveal = await iv.revealCard(user, zhDrill.sessionId, id, 'zh-CN');
    const enReveal = await iv.revealCard(user, enDrill.sessionId, id);
    expect(zhReveal.outline).toEqual(chinese.outline);
    expect(zhReveal.outline).toHaveLength(english.outline.length);
    expect(zhReveal.answer).toBe(chinese.answer);
    expect(zhReveal.lessons.map((l) => l.href)).toEqual(enReveal.lessons.map((l) => l.href));
    expect(zhReveal.lessons[0]!.title).toMatch(/\p{Script=Han}/u);
    expect(enReveal.lessons[0]!.title).not.toMatch(/\p{Script=Han}/u);

    // The same ticks in both languages record the same data.
    const answer = { covered: [0, 2], seconds: 90 };
    const zhRecorded = await iv.recordAnswer(user, zhDrill.sessionId, id, answer, now);
    const enRecorded = await iv.recordAnswer(user, enDrill.sessionId, id, answer, now);
    expect({ ...zhRecorded, nextDue: 0 }).toEqual({ ...enRecorded, nextDue: 0 });
    const rows = await db.drillAnswer.findMany({ where: { userId: user.id, cardId: id }, orderBy: { sessionId: 'asc' } });
    expect(rows).toHaveLength(2);
    const recorded = (r: (typeof rows)[number]) => ({ cardId: r.cardId, topic: r.topic, covered: r.covered, points: r.points, seconds: r.seconds, grade: r.grade, notes: r.notes });
    expect(recorded(rows[0]!)).toEqual(recorded(rows[1]!));
    expect(JSON.parse(rows[0]!.covered)).toEqual([0, 2]);

    const zhReport = await iv.finishDrill(user, zhDrill.sessionId, now, 'zh-CN');
    const enReport = await iv.finishDrill(user, enDrill.sessionId, now);
    const zhItem = zhReport.items.find((i) => i.cardId === id)!;
    const enItem = enReport.items.find((i) => i.cardId === id)!;
    expect(zhItem.title).toBe(chinese.title);
    expect(zhItem.missed).toEqual(chinese.outline.filter((_, i) => i !== 0 && i !== 2));
    expect(enItem.missed).toEqual(english.outline.filter((_, i) => i !== 0 && i !== 2));
    expect({ ...zhItem, title: 0, prompt: 0, missed: 0, lesson: 0 }).toEqual({ ...enItem, title: 0, prompt: 0, missed: 0, lesson: 0 });
    expect(zhReport.topics[0]!.title).toMatch(/\p{Script=Han}/u);
    expect(zhReport.percent).toBe(enReport.percent);
  });

  it('answers errors in the learner’s language, with the English message unchanged', async () => {
    const user = await makeUser(db, 'zh-bad-driller');
    const iv = interviewData(db);
    const due = await iv.startDrill(user, { kind: 'due' }).catch((e: unknown) => e);
    expect(due).toBeInstanceOf(InputError);
    expect((due as Error).message).toBe('no interview card is due: drill a topic or take a mock interview');
    expect((due as InstanceType<typeof InputError>).localized('zh-CN')).toMatch(/没有到期的面试题/);
    const many = await iv.startDrill(user, { kind: 'mock', count: 99 }).catch((e: unknown) => e);
    expect((many as Error).message).toBe('at most 12 questions');
    expect((many as InstanceType<typeof InputError>).localized('zh-CN')).toBe('最多 12 道题');
    const kind = await iv.startDrill(user, { kind: 'exam' } as never).catch((e: unknown) => e);
    expect((kind as InstanceType<typeof InputError>).localized('zh-CN')).toMatch(/专题演练/);
    const missing = await iv.revealCard(user, 'no-such-drill', 'raft-iv-x').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as Error).message).toBe('drill not found');
    expect((missing as InstanceType<typeof NotFoundError>).localized('zh-CN')).toMatch(/演练/);
    const drill = await iv.startDrill(user, { kind: 'topic', topic: topicWithCards, count: 1 });
    const points = drill.cards[0]!.points;
    if (points < 8) {
      const beyond = await iv.recordAnswer(user, drill.sessionId, drill.cards[0]!.id, { covered: [points], seconds: 1 }).catch((e: unknown) => e);
      expect((beyond as Error).message).toBe(`this card has ${points} points; there is no point ${points + 1}`);
      expect((beyond as InstanceType<typeof InputError>).localized('zh-CN')).toBe(`这道题只有 ${points} 个要点，没有第 ${points + 1} 个`);
    }
  });
});
