import 'server-only';
import { z } from 'zod';
import { prisma } from '@/lib/db';
import { loadCatalog } from '@/lib/content/catalog';
import type { Locale } from '@/lib/i18n/locale';
import { msg } from '@/lib/i18n/translate';
import { loadDeck } from '@/lib/interview/deck';
import { arrangeMock, gradeForShare, mockComposition, mockDurationSeconds, MOCK_SIZES, scoreMock, withinDeadline, type MockItemRef, type TopicScore, type Verdict } from '@/lib/interview/mock';
import type { InterviewCard } from '@/lib/interview/schema';
import { lessonTarget, loadBank, type LessonTarget } from '@/lib/quiz/bank';
import { questionText } from '@/lib/quiz/localize';
import { toPublicQuestion, type PublicQuestion } from '@/lib/quiz/public';
import type { BankQuestion } from '@/lib/quiz/schema';
import { InputError, NotFoundError, parseInput } from './errors';
import { drillLessonTarget, interviewData, localizeCard, toPublicCard, type CardReveal, type PublicCard } from './interview';
import { quizData } from './quiz';
import { interleave, shuffle } from './shuffle';
import type { Db, Viewer } from './types';

/**
 * The timed mock interview: N items (10, 20 or 30) mixing auto-graded quiz questions, scenario questions
 * and spoken-answer cards under one countdown. Answers go through the quiz's and the drill's own
 * recording paths (a QuizAttempt of kind "mock" and a DrillSession of kind "mock"), so they schedule
 * review cards and count toward mastery like any other answer; the MockSession row links the two and
 * keeps the plan, the clock and the readiness verdict. The rules are lib/interview/mock.ts.
 */

const idSchema = z.string().min(1, 'interview.errors.missingId').max(80);
export const startMockSchema = z.strictObject({
  size: z.literal([...MOCK_SIZES], { error: 'interview.timed.errors.size' }),
});
export const finishMockSchema = z.strictObject({
  secondsUsed: z.int({ error: 'interview.errors.secondsWhole' }).min(0, 'interview.errors.secondsNegative').max(6 * 3600, 'interview.errors.overAnHour'),
  endedBy: z.enum(['answered', 'time', 'early'], { error: 'interview.timed.errors.endedBy' }),
});
export type StartMockInput = z.input<typeof startMockSchema>;
export type FinishMockInput = z.input<typeof finishMockSchema>;

export type MockItem = { kind: 'quiz'; question: PublicQuestion } | { kind: 'scenario'; question: PublicQuestion } | { kind: 'card'; card: PublicCard };
export type StartedMock = { mockId: string; size: number; durationSeconds: number; startedAtMs: number; items: MockItem[] };

export type MockReportItem = { kind: MockItemRef['kind']; id: string; topic: string; prompt: string; answered: boolean; score: number | null; lesson: LessonTarget };
export type MockReport = {
  mockId: string;
  size: number;
  durationSeconds: number;
  secondsUsed: number;
  endedBy: 'answered' | 'time' | 'early';
  answered: number;
  score: number;
  verdict: Verdict;
  topics: (TopicScore & { title: string; lesson: string; quiz: string; drill: string | null; lab: string | null })[];
  weakest: string[];
  items: MockReportItem[];
  finishedAt: string;
};

function parseItems(json: string): MockItemRef[] {
  try {
    const v = JSON.parse(json) as unknown;
    if (!Array.isArray(v)) return [];
    return v.filter((x): x is MockItemRef => !!x && typeof x === 'object' && typeof (x as MockItemRef).id === 'string' && ['quiz', 'scenario', 'card'].includes((x as MockItemRef).kind));
  } catch {
    return [];
  }
}

/** Never seen first, then wrong last time, then the rest; random within each group; one topic at a time. */
function pickAcrossTopics<T extends { id: string; topic: string }>(pool: readonly T[], seen: Map<string, number>, count: number): T[] {
  const topics = [...new Set(pool.map((x) => x.topic))];
  const ordered = topics.map((t) => {
    const mine = pool.filter((x) => x.topic === t);
    const unseen = shuffle(mine.filter((x) => !seen.has(x.id)));
    const rest = shuffle(mine.filter((x) => seen.has(x.id))).sort((a, b) => seen.get(a.id)! - seen.get(b.id)!);
    return [...unseen, ...rest];
  });
  return interleave(shuffle(ordered)).slice(0, count);
}

/** Question and card lookups read once per call (outside production the bank and deck are re-validated on every load). */
type Lookup = { q: (id: string) => BankQuestion | undefined; c: (id: string) => InterviewCard | undefined };
function lookups(): Lookup {
  const bank = loadBank();
  const deck = loadDeck();
  return { q: (id) => bank.byId.get(id), c: (id) => deck.byId.get(id) };
}

export function mockData(db: Db) {
  const quiz = quizData(db);
  const drills = interviewData(db);

  async function ownMock(user: Viewer, mockId: string) {
    const row = await db.mockSession.findFirst({ where: { id: parseInput(idSchema, mockId), userId: user.id } });
    if (!row) throw new NotFoundError(msg('interview.timed.things.mock'));
    return { ...row, refs: parseItems(row.items) };
  }

  async function openItem(user: Viewer, mockId: string, id: string, kinds: MockItemRef['kind'][], now: Date) {
    const mock = await ownMock(user, mockId);
    if (mock.finishedAt) throw new InputError(msg('interview.timed.errors.finished'));
    if (!withinDeadline(mock.startedAt.getTime(), mock.durationSeconds, now.getTime())) throw new InputError(msg('interview.timed.errors.timeUp'));
    const ref = mock.refs.find((r) => r.id === parseInput(idSchema, id) && kinds.includes(r.kind));
    if (!ref) throw new NotFoundError(msg('interview.timed.things.item'));
    return mock;
  }

  async function report(user: Viewer, mock: Awaited<ReturnType<typeof ownMock>>, locale: Locale): Promise<MockReport> {
    const L = lookups();
    const [answers, cardAnswers] = await Promise.all([
      db.quizAnswer.findMany({ where: { userId: user.id, attemptId: mock.quizAttemptId }, select: { questionId: true, correct: true, response: true } }),
      db.drillAnswer.findMany({ where: { userId: user.id, sessionId: mock.drillSessionId }, select: { cardId: true, covered: true, points: true } }),
    ]);
    const quizScore = new Map<string, number>();
    for (const a of answers) {
      const q = L.q(a.questionId);
      let score = a.correct ? 1 : 0;
      if (q?.type === 'scenario') {
        try {
          const ticked = (JSON.parse(a.response) as { ticked?: unknown[] }).ticked;
          score = Array.isArray(ticked) ? Math.min(1, ticked.length / q.rubric.length) : score;
        } catch {
          // keep right/wrong
        }
      }
      quizScore.set(a.questionId, score);
    }
    const cardScore = new Map(cardAnswers.map((a) => [a.cardId, a.points > 0 ? Math.min(1, (JSON.parse(a.covered) as unknown[]).length / a.points) : 0] as const));
    const outcomes = mock.refs.map((ref) => ({ ref, score: (ref.kind === 'card' ? cardScore.get(ref.id) : quizScore.get(ref.id)) ?? null }));
    const scored = scoreMock(outcomes);
    const catalog = loadCatalog();
    const zh = locale === 'zh-CN';
    const deckTopics = new Set(loadDeck().cards.map((c) => c.topic));
    const topics = scored.topics.map((t) => {
      const topic = catalog.find((c) => c.id === t.topic);
      // The lesson of the weakest item of the topic, else the topic's first lesson.
      const weakestItem = outcomes.filter((o) => o.ref.topic === t.topic).sort((a, b) => (a.score ?? 0) - (b.score ?? 0))[0];
      const lesson = weakestItem ? itemLesson(L, weakestItem.ref, locale).href : topic?.lessons[0] ? `/learn/${t.topic}/${topic.lessons[0].slug}` : `/learn/${t.topic}`;
      const lab = topic?.lessons.flatMap((l) => l.labs)[0];
      return {
        ...t,
        title: topic ? (zh ? topic.titleZh || topic.title : topic.title) : t.topic,
        lesson,
        quiz: `/quiz/${t.topic}`,
        drill: deckTopics.has(t.topic) ? `/interview/${t.topic}` : null,
        lab: lab ? `/labs/${lab}` : null,
      };
    });
    const items: MockReportItem[] = outcomes.map(({ ref, score }) => ({
      kind: ref.kind,
      id: ref.id,
      topic: ref.topic,
      prompt: itemPrompt(L, ref, locale),
      answered: score !== null,
      score: score === null ? null : Math.round(100 * score),
      lesson: itemLesson(L, ref, locale),
    }));
    return {
      mockId: mock.id,
      size: mock.refs.length,
      durationSeconds: mock.durationSeconds,
      secondsUsed: mock.secondsUsed ?? 0,
      endedBy: (mock.endedBy as MockReport['endedBy'] | null) ?? 'early',
      answered: scored.answered,
      score: scored.score,
      verdict: scored.verdict,
      topics,
      weakest: scored.weakest,
      items,
      finishedAt: (mock.finishedAt ?? new Date()).toISOString(),
    };
  }

  return {
    /** Starts a mock of `size` items: picks them (unseen and missed first, topics interleaved), opens the quiz attempt and the drill session. */
    async startMock(user: Viewer, raw: StartMockInput, now = new Date(), locale: Locale = 'en'): Promise<StartedMock> {
      const { size } = parseInput(startMockSchema, raw);
      const want = mockComposition(size);
      const L = lookups();
      const bank = loadBank().questions;
      const deck = loadDeck().cards;
      const [lastAnswers, lastDrills] = await Promise.all([
        db.quizAnswer.findMany({ where: { userId: user.id }, orderBy: { answeredAt: 'asc' }, select: { questionId: true, correct: true } }),
        db.drillAnswer.findMany({ where: { userId: user.id }, orderBy: { answeredAt: 'asc' }, select: { cardId: true, covered: true, points: true } }),
      ]);
      // Lower is served sooner: wrong answers (0) before right ones (1), weak drill answers before strong ones.
      const seenQ = new Map(lastAnswers.map((a) => [a.questionId, a.correct ? 1 : 0] as const));
      const seenC = new Map(lastDrills.map((a) => [a.cardId, (JSON.parse(a.covered) as unknown[]).length / Math.max(1, a.points)] as const));
      const scenarios = pickAcrossTopics(
        bank.filter((q) => q.type === 'scenario'),
        seenQ,
        want.scenario,
      );
      const cards = pickAcrossTopics(deck, seenC, want.card);
      // A short deck or bank leaves room for more auto-graded questions.
      const quizCount = size - scenarios.length - cards.length;
      const autos = pickAcrossTopics(
        bank.filter((q) => q.type !== 'scenario'),
        seenQ,
        quizCount,
      );
      if (autos.length + scenarios.length + cards.length < size) throw new InputError(msg('interview.timed.errors.notEnough', { size }));
      const ref = (kind: MockItemRef['kind']) => (x: { id: string; topic: string }): MockItemRef => ({ kind, id: x.id, topic: x.topic });
      const refs = arrangeMock(autos.map(ref('quiz')), scenarios.map(ref('scenario')), cards.map(ref('card')));
      const questions: BankQuestion[] = refs.filter((r) => r.kind !== 'card').map((r) => L.q(r.id)!);
      const attempt = await db.quizAttempt.create({ data: { userId: user.id, kind: 'mock', topic: null, questionIds: JSON.stringify(questions.map((q) => q.id)), startedAt: now } });
      const drill = await db.drillSession.create({ data: { userId: user.id, kind: 'mock', topic: null, cardIds: JSON.stringify(refs.filter((r) => r.kind === 'card').map((r) => r.id)), startedAt: now } });
      const durationSeconds = mockDurationSeconds(size);
      const mock = await db.mockSession.create({
        data: { userId: user.id, quizAttemptId: attempt.id, drillSessionId: drill.id, items: JSON.stringify(refs), durationSeconds, startedAt: now },
      });
      const titles = new Map<string, string>(loadCatalog().map((t) => [t.id, locale === 'zh-CN' ? t.titleZh || t.title : t.title]));
      const items: MockItem[] = refs.map((r) => {
        if (r.kind === 'card') {
          const card = localizeCard(L.c(r.id)!, locale);
          return { kind: 'card', card: toPublicCard(card, titles) };
        }
        const q = L.q(r.id)!;
        const question = { ...toPublicQuestion(q, attempt.id, locale), topicTitle: titles.get(q.topic) ?? q.topic };
        return r.kind === 'scenario' ? { kind: 'scenario', question } : { kind: 'quiz', question };
      });
      return { mockId: mock.id, size, durationSeconds, startedAtMs: now.getTime(), items };
    },

    /** Records an auto-graded answer through the quiz's path; the verdict is kept for the report. */
    async answerQuestion(user: Viewer, mockId: string, questionId: string, answer: unknown, now = new Date(), locale: Locale = 'en'): Promise<{ recorded: true }> {
      const mock = await openItem(user, mockId, questionId, ['quiz'], now);
      await quiz.submitAnswer(user, mock.quizAttemptId, questionId, answer, now, locale);
      return { recorded: true };
    },

    /** The model answer and rubric of a scenario question of the mock. */
    async revealScenario(user: Viewer, mockId: string, questionId: string, now = new Date(), locale: Locale = 'en') {
      const mock = await openItem(user, mockId, questionId, ['scenario'], now);
      return quiz.revealScenario(user, mock.quizAttemptId, questionId, locale);
    },

    /** Records a scenario answer: the rubric points ticked set its self-grade (lib/interview/mock.ts gradeForShare). */
    async answerScenario(user: Viewer, mockId: string, questionId: string, raw: { text?: string; ticked: number[] }, now = new Date(), locale: Locale = 'en'): Promise<{ recorded: true }> {
      const mock = await openItem(user, mockId, questionId, ['scenario'], now);
      const q = loadBank().byId.get(questionId);
      if (!q || q.type !== 'scenario') throw new NotFoundError(msg('interview.timed.things.item'));
      const ticked = Array.isArray(raw?.ticked) ? raw.ticked : [];
      const selfGrade = gradeForShare(new Set(ticked).size, q.rubric.length);
      await quiz.submitAnswer(user, mock.quizAttemptId, questionId, { type: 'scenario', selfGrade, text: raw?.text ?? '', ticked }, now, locale);
      return { recorded: true };
    },

    /** The outline of a spoken-answer card of the mock. */
    async revealCard(user: Viewer, mockId: string, cardId: string, now = new Date(), locale: Locale = 'en'): Promise<CardReveal> {
      const mock = await openItem(user, mockId, cardId, ['card'], now);
      return drills.revealCard(user, mock.drillSessionId, cardId, locale);
    },

    /** Records a spoken answer through the drill's path (outline points ticked, seconds taken). */
    async answerCard(user: Viewer, mockId: string, cardId: string, raw: { covered: number[]; seconds: number; notes?: string }, now = new Date()): Promise<{ recorded: true }> {
      const mock = await openItem(user, mockId, cardId, ['card'], now);
      await drills.recordAnswer(user, mock.drillSessionId, cardId, raw, now);
      return { recorded: true };
    },

    /**
     * Ends the mock (all answered, time up, or ended early) and returns the readiness report. The time
     * used is the browser's count, capped at the countdown; finishing twice returns the same report.
     */
    async finishMock(user: Viewer, mockId: string, raw: FinishMockInput, now = new Date(), locale: Locale = 'en'): Promise<MockReport> {
      let mock = await ownMock(user, mockId);
      if (!mock.finishedAt) {
        const input = parseInput(finishMockSchema, raw);
        const serverSeconds = Math.max(0, Math.round((now.getTime() - mock.startedAt.getTime()) / 1000));
        const timedOut = input.endedBy === 'time' || serverSeconds > mock.durationSeconds;
        const secondsUsed = timedOut ? mock.durationSeconds : Math.min(mock.durationSeconds, input.secondsUsed);
        await db.quizAttempt.updateMany({ where: { id: mock.quizAttemptId, userId: user.id, finishedAt: null }, data: { finishedAt: now } });
        await db.drillSession.updateMany({ where: { id: mock.drillSessionId, userId: user.id, finishedAt: null }, data: { finishedAt: now } });
        const done = await report(user, { ...mock, finishedAt: now, secondsUsed, endedBy: timedOut ? 'time' : input.endedBy }, locale);
        await db.mockSession.updateMany({
          where: { id: mock.id, userId: user.id, finishedAt: null },
          data: {
            finishedAt: now,
            secondsUsed,
            endedBy: timedOut ? 'time' : input.endedBy,
            score: done.score,
            verdict: done.verdict,
            topicScores: JSON.stringify(done.topics.map(({ topic, score, items, answered }) => ({ topic, score, items, answered }))),
          },
        });
        mock = await ownMock(user, mockId);
      }
      return report(user, mock, locale);
    },

    /** A finished mock's report (for its own page). */
    async mockReport(user: Viewer, mockId: string, locale: Locale = 'en'): Promise<MockReport> {
      const mock = await ownMock(user, mockId);
      if (!mock.finishedAt) throw new NotFoundError(msg('interview.timed.things.report'));
      return report(user, mock, locale);
    },

    /** The learner's latest finished mocks, newest first. */
    async recentMocks(user: Viewer | null, limit = 5) {
      if (!user) return [];
      const rows = await db.mockSession.findMany({
        where: { userId: user.id, finishedAt: { not: null } },
        orderBy: { finishedAt: 'desc' },
        take: limit,
        select: { id: true, finishedAt: true, score: true, verdict: true, items: true, secondsUsed: true, durationSeconds: true },
      });
      return rows.map((r) => ({ id: r.id, finishedAt: r.finishedAt!, score: r.score ?? 0, verdict: (r.verdict ?? 'not-yet') as Verdict, size: parseItems(r.items).length, secondsUsed: r.secondsUsed ?? 0 }));
    },
  };
}
export type MockData = ReturnType<typeof mockData>;


function itemPrompt(L: Lookup, ref: MockItemRef, locale: Locale): string {
  if (ref.kind === 'card') {
    const card = L.c(ref.id);
    return card ? localizeCard(card, locale).title : ref.id;
  }
  const q = L.q(ref.id);
  return q ? questionText(q, locale).prompt.split('\n')[0]!.slice(0, 200) : ref.id;
}

function itemLesson(L: Lookup, ref: MockItemRef, locale: Locale): LessonTarget {
  if (ref.kind === 'card') {
    const card = L.c(ref.id);
    return card ? drillLessonTarget(card.lessons[0]!, locale) : lessonTarget({ lesson: `${ref.topic}/x` }, locale);
  }
  const q = L.q(ref.id);
  return lessonTarget({ lesson: q?.lesson ?? `${ref.topic}/x` }, locale);
}

export const { startMock, answerQuestion, revealScenario: revealMockScenario, answerScenario, revealCard: revealMockCard, answerCard, finishMock, mockReport, recentMocks } = mockData(prisma);
