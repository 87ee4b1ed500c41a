import 'server-only';
import { z } from 'zod';
import { prisma } from '@/lib/db';
import { loadCatalog } from '@/lib/content/catalog';
import { readZhLesson, zhCardTexts } from '@/lib/content/translations';
import type { Locale } from '@/lib/i18n/locale';
import { msg } from '@/lib/i18n/translate';
import { cardsFor, getCard, loadDeck } from '@/lib/interview/deck';
import { drillGrade, percent } from '@/lib/interview/grade';
import type { InterviewCard } from '@/lib/interview/schema';
import { lessonTarget, type LessonTarget } from '@/lib/quiz/bank';
import type { SelfGrade } from '@/lib/quiz/grade';
import { bumpActivity } from './activity';
import { interleave, shuffle } from './shuffle';
import { InputError, NotFoundError, parseInput } from './errors';
import { reviewData } from './review';
import type { Db, Viewer } from './types';

export const MOCK_LENGTHS = [3, 5, 8] as const;
export const DEFAULT_MOCK_LENGTH = 5;
/** How many due cards one "due" drill serves at most. */
export const DRILL_DUE_BATCH = 10;
/** Below this share of points a card counts as a weak spot in a report. */
export const WEAK_PERCENT = 75;

const idSchema = z.string().min(1, 'interview.errors.missingId').max(80);
export const startDrillSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('topic'), topic: z.string().min(1).max(40), count: z.int().min(1, 'interview.errors.atLeastOne').max(50, 'interview.errors.atMost50').optional() }),
    z.strictObject({ kind: z.literal('due') }),
    z.strictObject({
      kind: z.literal('mock'),
      count: z.int().min(1, 'interview.errors.atLeastOne').max(12, 'interview.errors.atMost12').default(DEFAULT_MOCK_LENGTH),
      topics: z.array(z.string().min(1).max(40)).max(20).optional(),
    }),
  ],
  { error: 'interview.errors.drillKind' },
);
export type StartDrillInput = z.input<typeof startDrillSchema>;

export const drillAnswerSchema = z.strictObject({
  covered: z.array(z.int().min(0).max(7)).max(8).refine((a) => new Set(a).size === a.length, 'interview.errors.tickedTwice'),
  seconds: z.int({ error: 'interview.errors.secondsWhole' }).min(0, 'interview.errors.secondsNegative').max(3600, 'interview.errors.overAnHour'),
  notes: z.string().max(8000, 'interview.errors.notesTooLong').optional(),
});
export type DrillAnswerInput = z.input<typeof drillAnswerSchema>;

/**
 * Everything below that the learner reads (titles, prompts, outline points, answers, lesson titles)
 * comes in the learner's language: Chinese from content/<topic>/interview.zh.json and the zh lessons,
 * English where a translation is missing. Ids, point indexes and counts never depend on the language,
 * so what is recorded is the same whatever language the drill was taken in.
 */

/** What the browser receives before answering: the question, never the outline or the answer. */
export type PublicCard = {
  id: string;
  topic: string;
  topicTitle: string;
  title: string;
  prompt: string;
  variants: string[];
  difficulty: 1 | 2 | 3;
  seconds: number;
  points: number;
};
export type StartedDrill = { sessionId: string; kind: 'topic' | 'due' | 'mock'; topic: string | null; cards: PublicCard[] };
export type CardReveal = {
  outline: string[];
  answer: string;
  followUps: { question: string; answer: string }[];
  traps: string[];
  lessons: LessonTarget[];
};
export type RecordedAnswer = { cardId: string; grade: SelfGrade; covered: number; points: number; percent: number; nextDue: string };

export type ReportItem = {
  cardId: string;
  topic: string;
  title: string;
  prompt: string;
  answered: boolean;
  covered: number;
  points: number;
  percent: number;
  seconds: number;
  targetSeconds: number;
  grade: SelfGrade | null;
  /** Outline points not ticked. */
  missed: string[];
  lesson: LessonTarget;
};
export type DrillReport = {
  sessionId: string;
  kind: string;
  topic: string | null;
  total: number;
  answered: number;
  /** Points covered over points asked, across answered cards. */
  percent: number;
  overTime: number;
  items: ReportItem[];
  /** Topics by coverage, weakest first (answered cards only). */
  topics: { topic: string; title: string; percent: number; cards: number }[];
  /** Lessons to revisit: the first lesson of every card answered below WEAK_PERCENT. */
  toRevisit: { lesson: LessonTarget; cards: string[] }[];
};

export type DrillOverview = {
  topics: { id: string; title: string; titleZh: string; cards: number; practised: number; due: number; percent: number | null }[];
  total: number;
  practised: number;
  dueNow: number;
  lastReport: { sessionId: string; kind: string; finishedAt: Date; percent: number } | null;
};

function topicTitles(locale: Locale = 'en'): Map<string, string> {
  return new Map(loadCatalog().map((t) => [t.id, locale === 'zh-CN' ? t.titleZh || t.title : t.title] as const));
}

/**
 * A card's displayed text in `locale`: the Chinese card text where there is one (lists are in the
 * English order; an item missing there stays English), the English card otherwise. Only text
 * changes: id, topic, lessons, difficulty, target time and the number of outline points are the
 * English card's.
 */
export function localizeCard(card: InterviewCard, locale: Locale): InterviewCard {
  if (locale !== 'zh-CN') return card;
  const zh = zhCardTexts().byId.get(card.id);
  if (!zh) return card;
  const each = <T>(en: T[], tr: T[] | undefined) => en.map((item, i) => tr?.[i] ?? item);
  return {
    ...card,
    title: zh.title,
    prompt: zh.prompt,
    variants: each(card.variants, zh.variants),
    outline: each(card.outline, zh.outline),
    answer: zh.answer,
    followUps: each(card.followUps, zh.followUps),
    traps: each(card.traps, zh.traps),
  };
}

/** Where a card's lesson lives, with the lesson (and section) title in `locale` (the zh lesson's i-th heading is the English i-th). */
export function drillLessonTarget(ref: string, locale: Locale): LessonTarget {
  const target = lessonTarget({ lesson: ref });
  if (locale !== 'zh-CN') return target;
  const [pathPart, anchor] = ref.split('#', 2) as [string, string | undefined];
  const [topicId, slug] = pathPart.split('/', 2) as [string, string];
  const topic = loadCatalog().find((t) => t.id === topicId);
  if (!topic) return target;
  const lesson = topic.lessons.find((l) => l.slug === slug);
  if (!lesson) return target.href === `/learn/${topic.id}` ? { ...target, title: topic.titleZh || target.title } : target;
  let zh: ReturnType<typeof readZhLesson> = null;
  try {
    zh = readZhLesson(topic.id, lesson);
  } catch {
    zh = null; // a broken zh file is reported by the content tests; the link stays English
  }
  if (!zh) return target;
  const index = anchor ? lesson.headings.findIndex((h) => h.id === anchor) : -1;
  return { ...target, title: zh.title, section: index >= 0 && target.section !== null ? (zh.headings[index]?.text ?? target.section) : target.section };
}

/** What the browser gets of a card: no outline text, only how many points it has. Shared by the drill and the timed mock. */
export function toPublicCard(card: InterviewCard, titles: Map<string, string>): PublicCard {
  return {
    id: card.id,
    topic: card.topic,
    topicTitle: titles.get(card.topic) ?? card.topic,
    title: card.title,
    prompt: card.prompt,
    variants: card.variants,
    difficulty: card.difficulty,
    seconds: card.seconds,
    points: card.outline.length,
  };
}

/** A JSON array column, keeping the items `keep` accepts; anything unreadable is an empty list. */
function parseArray<T>(json: string, keep: (x: unknown) => x is T): T[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter(keep) : [];
  } catch {
    return [];
  }
}
const parseIds = (json: string) => parseArray(json, (x): x is string => typeof x === 'string');
const parseCovered = (json: string) => parseArray(json, (x): x is number => Number.isInteger(x));

export function interviewData(db: Db) {
  const reviews = reviewData(db);

  async function ownSession(user: Viewer, sessionId: string) {
    const session = await db.drillSession.findFirst({ where: { id: parseInput(idSchema, sessionId), userId: user.id } });
    if (!session) throw new NotFoundError(msg('interview.things.drill'));
    return { ...session, ids: parseIds(session.cardIds) };
  }

  async function cardInSession(user: Viewer, sessionId: string, cardId: string) {
    const session = await ownSession(user, sessionId);
    const id = parseInput(idSchema, cardId);
    if (!session.ids.includes(id)) throw new NotFoundError(msg('interview.things.cardInDrill'));
    const card = getCard(id);
    if (!card) throw new NotFoundError(msg('interview.things.card'));
    return { session, card };
  }

  /** Per card: the share of points covered in its latest answer. */
  async function lastShares(user: Viewer): Promise<Map<string, number>> {
    const rows = await db.drillAnswer.findMany({ where: { userId: user.id }, orderBy: { answeredAt: 'asc' }, select: { cardId: true, covered: true, points: true } });
    return new Map(rows.map((r) => [r.cardId, parseCovered(r.covered).length / Math.max(1, r.points)] as const));
  }

  /** Never drilled first, then weakest last answer first; random among equals. */
  function prioritise(pool: InterviewCard[], shares: Map<string, number>): InterviewCard[] {
    const unseen = shuffle(pool.filter((c) => !shares.has(c.id)));
    const seen = shuffle(pool.filter((c) => shares.has(c.id))).sort((a, b) => shares.get(a.id)! - shares.get(b.id)!);
    return [...unseen, ...seen];
  }

  async function dueCardIds(user: Viewer, now: Date): Promise<string[]> {
    const ids = new Set(loadDeck().byId.keys());
    const rows = await db.reviewCard.findMany({ where: { userId: user.id, source: 'interview', due: { lte: now } }, orderBy: { due: 'asc' }, select: { questionId: true } });
    return rows.map((r) => r.questionId).filter((id) => ids.has(id));
  }

  return {
    /** Starts a drill: every card of a topic, the learner's due cards, or a mock interview mixing topics. */
    async startDrill(user: Viewer, raw: StartDrillInput, now = new Date(), locale: Locale = 'en'): Promise<StartedDrill> {
      const input = parseInput(startDrillSchema, raw);
      const deck = loadDeck();
      const shares = await lastShares(user);
      let cards: InterviewCard[];
      let topic: string | null = null;
      if (input.kind === 'topic') {
        if (!loadCatalog().some((t) => t.id === input.topic)) throw new InputError(msg('interview.errors.unknownTopic'), { topic: msg('interview.errors.unknownTopic') });
        cards = prioritise(cardsFor(input.topic), shares).slice(0, input.count);
        if (cards.length === 0) throw new InputError(msg('interview.errors.topicNotWritten', { topic: input.topic }), { topic: msg('interview.errors.noCardsYet') });
        topic = input.topic;
      } else if (input.kind === 'due') {
        cards = (await dueCardIds(user, now)).slice(0, DRILL_DUE_BATCH).map((id) => deck.byId.get(id)!);
        if (cards.length === 0) throw new InputError(msg('interview.errors.nothingDue'));
      } else {
        const known = new Set<string>(loadCatalog().map((t) => t.id));
        const unknown = (input.topics ?? []).filter((t) => !known.has(t));
        if (unknown.length > 0) throw new InputError(msg('interview.errors.unknownTopicNamed', { topic: unknown[0]! }), { topics: msg('interview.errors.unknownTopic') });
        const wanted = input.topics && input.topics.length > 0 ? new Set(input.topics) : null;
        const pool = deck.cards.filter((c) => !wanted || wanted.has(c.topic));
        if (pool.length === 0) throw new InputError(msg('interview.errors.noCardsInTopics'), { topics: msg('interview.errors.noCardsYet') });
        // One card per topic in turn (weakest first within a topic), so a mock interview ranges widely.
        const topics = [...new Set(pool.map((c) => c.topic))];
        cards = interleave(topics.map((t) => prioritise(pool.filter((c) => c.topic === t), shares))).slice(0, input.count);
      }
      const session = await db.drillSession.create({ data: { userId: user.id, kind: input.kind, topic, cardIds: JSON.stringify(cards.map((c) => c.id)), startedAt: now } });
      const titles = topicTitles(locale);
      return { sessionId: session.id, kind: input.kind, topic, cards: cards.map((c) => toPublicCard(localizeCard(c, locale), titles)) };
    },

    /** The outline, full answer, follow-ups and traps of a card in the learner's drill. */
    async revealCard(user: Viewer, sessionId: string, cardId: string, locale: Locale = 'en'): Promise<CardReveal> {
      const found = await cardInSession(user, sessionId, cardId);
      const card = localizeCard(found.card, locale);
      return {
        outline: card.outline,
        answer: card.answer,
        followUps: card.followUps,
        traps: card.traps,
        lessons: card.lessons.map((lesson) => drillLessonTarget(lesson, locale)),
      };
    },

    /**
     * Records one answer: the outline points ticked and the time taken. The share of points covered
     * rates the card for FSRS (lib/interview/grade.ts); each card of a drill is answered once.
     */
    async recordAnswer(user: Viewer, sessionId: string, cardId: string, raw: DrillAnswerInput, now = new Date()): Promise<RecordedAnswer> {
      const { session, card } = await cardInSession(user, sessionId, cardId);
      if (session.finishedAt) throw new InputError(msg('interview.errors.alreadyFinished'));
      const input = parseInput(drillAnswerSchema, raw);
      const points = card.outline.length;
      const beyond = input.covered.find((i) => i >= points);
      if (beyond !== undefined) throw new InputError(msg('interview.errors.noSuchPoint', { points, point: beyond + 1 }));
      const grade = drillGrade(input.covered.length, points, input.seconds, card.seconds);
      const already = await db.drillAnswer.findFirst({ where: { sessionId: session.id, cardId: card.id, userId: user.id } });
      if (already) throw new InputError(msg('interview.errors.alreadyAnswered'));
      await db.drillAnswer.create({
        data: {
          userId: user.id,
          sessionId: session.id,
          cardId: card.id,
          topic: card.topic,
          covered: JSON.stringify([...input.covered].sort((a, b) => a - b)),
          points,
          seconds: input.seconds,
          notes: input.notes?.trim() ? input.notes : null,
          grade,
          answeredAt: now,
        },
      });
      const next = await reviews.applyRating(user, card, grade, now, 'interview');
      await bumpActivity(db, user.id, 'answers', now);
      return { cardId: card.id, grade, covered: input.covered.length, points, percent: percent(input.covered.length, points), nextDue: next.due.toISOString() };
    },

    /** Marks the drill finished and reports it: coverage per card and topic, missed points, lessons to revisit. */
    async finishDrill(user: Viewer, sessionId: string, now = new Date(), locale: Locale = 'en'): Promise<DrillReport> {
      const session = await ownSession(user, sessionId);
      if (!session.finishedAt) await db.drillSession.updateMany({ where: { id: session.id, userId: user.id }, data: { finishedAt: now } });
      const answers = await db.drillAnswer.findMany({ where: { sessionId: session.id, userId: user.id } });
      const byCard = new Map(answers.map((a) => [a.cardId, a] as const));
      const titles = topicTitles(locale);
      const items: ReportItem[] = session.ids.flatMap((id) => {
        const found = getCard(id);
        if (!found) return [];
        const card = localizeCard(found, locale);
        const a = byCard.get(id);
        const ticked = new Set(a ? parseCovered(a.covered) : []);
        return [
          {
            cardId: id,
            topic: card.topic,
            title: card.title,
            prompt: card.prompt,
            answered: a !== undefined,
            covered: ticked.size,
            points: card.outline.length,
            percent: percent(ticked.size, card.outline.length),
            seconds: a?.seconds ?? 0,
            targetSeconds: card.seconds,
            grade: (a?.grade as SelfGrade | undefined) ?? null,
            missed: a ? card.outline.filter((_, i) => !ticked.has(i)) : [],
            lesson: drillLessonTarget(card.lessons[0]!, locale),
          },
        ];
      });
      const answered = items.filter((i) => i.answered);
      const sum = (xs: ReportItem[], f: (i: ReportItem) => number) => xs.reduce((n, i) => n + f(i), 0);
      const topicIds = [...new Set(answered.map((i) => i.topic))];
      const topics = topicIds
        .map((t) => {
          const mine = answered.filter((i) => i.topic === t);
          return { topic: t, title: titles.get(t) ?? t, percent: percent(sum(mine, (i) => i.covered), sum(mine, (i) => i.points)), cards: mine.length };
        })
        .sort((a, b) => a.percent - b.percent || a.title.localeCompare(b.title, locale));
      const revisit = new Map<string, { lesson: LessonTarget; cards: string[] }>();
      for (const item of answered.filter((i) => i.percent < WEAK_PERCENT)) {
        const entry = revisit.get(item.lesson.href) ?? { lesson: item.lesson, cards: [] };
        entry.cards.push(item.title);
        revisit.set(item.lesson.href, entry);
      }
      return {
        sessionId: session.id,
        kind: session.kind,
        topic: session.topic,
        total: items.length,
        answered: answered.length,
        percent: percent(sum(answered, (i) => i.covered), sum(answered, (i) => i.points)),
        overTime: answered.filter((i) => i.seconds > i.targetSeconds).length,
        items,
        topics,
        toRevisit: [...revisit.values()],
      };
    },

    /** Per topic: cards, cards practised, cards due, and coverage of the latest answers. */
    async overview(user: Viewer | null, now = new Date()): Promise<DrillOverview> {
      const deck = loadDeck();
      const shares = user ? await lastShares(user) : new Map<string, number>();
      const due = new Set(user ? await dueCardIds(user, now) : []);
      const last = user ? await db.drillSession.findFirst({ where: { userId: user.id, finishedAt: { not: null } }, orderBy: { finishedAt: 'desc' } }) : null;
      let lastReport: DrillOverview['lastReport'] = null;
      if (last && last.finishedAt) {
        const answers = await db.drillAnswer.findMany({ where: { sessionId: last.id }, select: { covered: true, points: true } });
        const covered = answers.reduce((n, a) => n + parseCovered(a.covered).length, 0);
        lastReport = { sessionId: last.id, kind: last.kind, finishedAt: last.finishedAt, percent: percent(covered, answers.reduce((n, a) => n + a.points, 0)) };
      }
      const topics = loadCatalog()
        .map((t) => {
          const cards = deck.cards.filter((c) => c.topic === t.id);
          const practised = cards.filter((c) => shares.has(c.id));
          const mean = practised.length ? Math.round((100 * practised.reduce((n, c) => n + shares.get(c.id)!, 0)) / practised.length) : null;
          return { id: t.id, title: t.title, titleZh: t.titleZh, cards: cards.length, practised: practised.length, due: cards.filter((c) => due.has(c.id)).length, percent: mean };
        })
        .filter((t) => t.cards > 0);
      return {
        topics,
        total: deck.cards.length,
        practised: topics.reduce((n, t) => n + t.practised, 0),
        dueNow: due.size,
        lastReport,
      };
    },
  };
}
export type InterviewData = ReturnType<typeof interviewData>;

export const { startDrill, revealCard, recordAnswer, finishDrill, overview: drillOverview } = interviewData(prisma);
