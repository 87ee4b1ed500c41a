import 'server-only';
import { prisma } from '@/lib/db';
import { loadCatalog } from '@/lib/content/catalog';
import type { Locale } from '@/lib/i18n/locale';
import { loadDeck } from '@/lib/interview/deck';
import { masteryScore, stagesFromTests, weakest, type AnswerEvidence, type LabEvidence, type MasteryBreakdown } from '@/lib/mastery/score';
import { lessonTarget, loadBank, type LessonTarget } from '@/lib/quiz/bank';
import type { Db, Viewer } from './types';

/**
 * Mastery by concept. Questions carry free-form tags ("definitions", "safety"…), so the concept is the
 * lesson a question, an interview card (its first lesson) or a lab (the lessons that list it) belongs
 * to, grouped by topic. The formula is lib/mastery/score.ts.
 */

export const WEAK_SPOTS = 5;
/** Submissions in these states have a verdict (queued and running ones do not yet). */
const GRADED = ['passed', 'failed', 'error'];

export type ConceptMastery = MasteryBreakdown & {
  /** "<topic>/<slug>" */
  concept: string;
  topic: string;
  slug: string;
  /** The lesson and topic titles in the requested language. */
  title: string;
  topicTitle: string;
  /** How many pieces of evidence (answers, cards, labs) the score rests on. */
  evidence: number;
  labs: MasteryBreakdown['labs'];
  labIds: string[];
  practice: {
    /** The topic quiz on this lesson's questions, when it has any. */
    quiz: string | null;
    /** The first lab of the lesson not fully passed (else the first lab), when it has one. */
    lab: string | null;
    /** The lesson section of the latest missed question or card, else the lesson. */
    lesson: LessonTarget;
  };
};

const conceptOf = (ref: string) => ref.split('#', 1)[0]!;

export function masteryData(db: Db) {
  /** Every lesson of the catalogue with its mastery (score null when the learner has no evidence on it). */
  async function concepts(user: Viewer, locale: Locale = 'en'): Promise<ConceptMastery[]> {
      const catalog = loadCatalog();
      // Read once per call: outside production the bank and deck are re-validated on every load.
      const bank = loadBank();
      const deck = loadDeck();
      const getQuestion = (id: string) => bank.byId.get(id);
      const getCard = (id: string) => deck.byId.get(id);
      const tagged = new Set(bank.questions.flatMap((q) => q.tags.map((tag) => `${q.topic}/${tag}`)));
      const [answers, drills, cards, subs] = await Promise.all([
        db.quizAnswer.findMany({ where: { userId: user.id }, select: { questionId: true, correct: true, response: true, answeredAt: true } }),
        db.drillAnswer.findMany({ where: { userId: user.id }, select: { cardId: true, covered: true, points: true, answeredAt: true } }),
        db.reviewCard.findMany({ where: { userId: user.id }, select: { questionId: true, stability: true } }),
        db.labSubmission.findMany({ where: { userId: user.id, status: { in: GRADED } }, orderBy: { createdAt: 'desc' }, select: { id: true, labId: true } }),
      ]);
      const answersBy = new Map<string, AnswerEvidence[]>();
      const missedBy = new Map<string, { ref: string; atMs: number }>();
      const add = (concept: string, e: AnswerEvidence, ref: string) => {
        const list = answersBy.get(concept) ?? [];
        list.push(e);
        answersBy.set(concept, list);
        const missed = missedBy.get(concept);
        if (e.score < 1 && (!missed || missed.atMs < e.atMs)) missedBy.set(concept, { ref, atMs: e.atMs });
      };
      for (const a of answers) {
        const q = getQuestion(a.questionId);
        if (!q) continue;
        let score = a.correct ? 1 : 0;
        if (q.type === 'scenario') {
          // A scenario answer scores the share of rubric points the learner ticked (right/wrong when not recorded).
          const ticked = ticksOf(a.response);
          if (ticked !== null) score = Math.min(1, ticked / q.rubric.length);
        }
        add(conceptOf(q.lesson), { score, atMs: a.answeredAt.getTime() }, q.lesson);
      }
      for (const d of drills) {
        const card = getCard(d.cardId);
        if (!card) continue;
        add(conceptOf(card.lessons[0]!), { score: d.points > 0 ? Math.min(1, countJsonArray(d.covered) / d.points) : 0, atMs: d.answeredAt.getTime() }, card.lessons[0]!);
      }
      const stabilityBy = new Map<string, number[]>();
      for (const c of cards) {
        const ref = getQuestion(c.questionId)?.lesson ?? getCard(c.questionId)?.lessons[0];
        if (!ref) continue;
        const list = stabilityBy.get(conceptOf(ref)) ?? [];
        list.push(c.stability);
        stabilityBy.set(conceptOf(ref), list);
      }
      // The latest graded submission of each lab, stage by stage.
      const latestIds = new Map<string, string>();
      for (const s of subs) if (!latestIds.has(s.labId)) latestIds.set(s.labId, s.id);
      const latest = latestIds.size
        ? await db.labSubmission.findMany({ where: { id: { in: [...latestIds.values()] } }, select: { labId: true, results: true, passedTests: true, totalTests: true } })
        : [];
      const labResult = new Map<string, LabEvidence>();
      for (const s of latest) labResult.set(s.labId, { labId: s.labId, ...labStages(s) });

      const zh = locale === 'zh-CN';
      const out: ConceptMastery[] = [];
      for (const topic of catalog) {
        for (const lesson of topic.lessons) {
          const concept = `${topic.id}/${lesson.slug}`;
          const labs = lesson.labs.map((id) => labResult.get(id)).filter((l): l is LabEvidence => l !== undefined);
          const ans = answersBy.get(concept) ?? [];
          const stabilities = stabilityBy.get(concept) ?? [];
          const breakdown = masteryScore({ answers: ans, stabilities, labs });
          const target = lessonTarget({ lesson: missedBy.get(concept)?.ref ?? concept }, locale);
          const openLab = lesson.labs.find((id) => {
            const r = labResult.get(id);
            return !r || r.stagesPassed < r.stagesTotal;
          });
          out.push({
            ...breakdown,
            concept,
            topic: topic.id,
            slug: lesson.slug,
            title: target.title,
            topicTitle: zh ? topic.titleZh || topic.title : topic.title,
            evidence: ans.length + stabilities.length + labs.length,
            labIds: lesson.labs,
            practice: {
              quiz: tagged.has(concept) ? `/quiz/${topic.id}?tag=${lesson.slug}` : null,
              lab: (openLab ?? lesson.labs[0]) ? `/labs/${openLab ?? lesson.labs[0]}` : null,
              lesson: target,
            },
          });
        }
      }
      return out;
  }

  return {
    concepts,
    /** The `limit` weakest concepts the learner has evidence on, weakest first. */
    async weakSpots(user: Viewer, locale: Locale = 'en', limit = WEAK_SPOTS): Promise<ConceptMastery[]> {
      return weakest(await concepts(user, locale), limit);
    },
  };
}
export type MasteryData = ReturnType<typeof masteryData>;

function countJsonArray(json: string): number {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.length : 0;
  } catch {
    return 0;
  }
}

/** The rubric points ticked in a stored scenario answer, or null when the answer has none recorded. */
function ticksOf(response: string): number | null {
  try {
    const v = JSON.parse(response) as { ticked?: unknown };
    return Array.isArray(v.ticked) && v.ticked.length > 0 ? v.ticked.length : null;
  } catch {
    return null;
  }
}

/** Stages passed in a stored result; a result without tests (a compile error) passes none of one stage. */
function labStages(s: { results: string | null; passedTests: number; totalTests: number }): { stagesPassed: number; stagesTotal: number } {
  try {
    const parsed = s.results ? (JSON.parse(s.results) as { tests?: unknown }) : null;
    const tests = Array.isArray(parsed?.tests) ? (parsed.tests as { stage?: unknown; status?: unknown }[]) : [];
    const clean = tests.filter((t) => typeof t.status === 'string').map((t) => ({ status: t.status as string, ...(typeof t.stage === 'string' ? { stage: t.stage } : {}) }));
    if (clean.length > 0) return stagesFromTests(clean);
  } catch {
    // unreadable results: fall back to the counts
  }
  if (s.totalTests > 0) return { stagesPassed: s.passedTests === s.totalTests ? 1 : 0, stagesTotal: 1 };
  return { stagesPassed: 0, stagesTotal: 1 };
}

export const { concepts: conceptMastery, weakSpots } = masteryData(prisma);

/** Slugs of the lessons of `topic` the learner has marked read. */
export async function readLessonSlugs(user: Viewer, topic: string, db: Db = prisma): Promise<string[]> {
  const rows = await db.lessonProgress.findMany({ where: { userId: user.id, topic, readAt: { not: null } }, select: { lesson: true } });
  return rows.map((r) => r.lesson);
}
