import 'server-only';
import { z } from 'zod';
import { prisma } from '@/lib/db';
import { loadCatalog } from '@/lib/content/catalog';
import { TOPIC_IDS } from '@/lib/content/schema';
import type { Locale } from '@/lib/i18n/locale';
import { localizeTestName, type LabResultTexts } from '@/lib/labs/result-text';
import { getQuestion, lessonTarget, type LessonTarget } from '@/lib/quiz/bank';
import { questionText } from '@/lib/quiz/localize';
import { parseInput } from './errors';
import type { Db, Viewer } from './types';

/**
 * The mistake notebook (错题本): every question the learner ever answered wrongly, with where it stands
 * now (still wrong, or since answered right), the right answers they marked as guesses, and the tests
 * their latest failed lab submission failed. Read only; one call per page view.
 */

export const MISTAKE_KINDS = ['wrong', 'guessed', 'lab'] as const;
export type MistakeKind = (typeof MISTAKE_KINDS)[number];

// Issue messages are interface-string keys (mistakes.errors.*).
export const mistakeFilterSchema = z.strictObject({
  topic: z.enum(TOPIC_IDS, { error: 'mistakes.errors.unknownTopic' }).optional(),
  kind: z.enum(MISTAKE_KINDS, { error: 'mistakes.errors.unknownKind' }).optional(),
});
export type MistakeFilter = z.input<typeof mistakeFilterSchema>;

export type QuestionMistake = {
  kind: 'wrong' | 'guessed';
  questionId: string;
  topic: string;
  /** The question's prompt in the learner's language. */
  prompt: string;
  /** How the latest answer went: wrong, right, or right but marked as a guess. */
  latest: 'wrong' | 'right' | 'guessed';
  wrongCount: number;
  answers: number;
  lastAnsweredAt: Date;
  /** Retry just this question. */
  practiceHref: string;
  lesson: LessonTarget;
};

export type LabMistake = {
  kind: 'lab';
  labId: string;
  topic: string;
  title: string;
  submissionId: string;
  failedAt: Date;
  /** Failing tests of the latest failed submission: `name` as graded, `title` in the learner's language. */
  failedTests: { name: string; title: string }[];
  totalTests: number;
  /** A submission after that failure passed every test. */
  solvedSince: boolean;
  practiceHref: string;
};

export type Mistake = QuestionMistake | LabMistake;

export type MistakeNotebook = {
  filter: { topic: string | null; kind: MistakeKind | null };
  /** The filtered items, newest first. */
  items: Mistake[];
  /** Counts over everything (unfiltered), for the filter's options. */
  counts: { total: number; byKind: Record<MistakeKind, number>; byTopic: Record<string, number> };
};

/** What the page knows of each lab (titles in the learner's language) and, for Chinese, its test-name table. */
export type LabInfo = { id: string; topic: string; title: string; texts?: LabResultTexts | null };

function time(d: Date): number {
  return d.getTime();
}

export function mistakesData(db: Db) {
  return {
    /** The learner's notebook, filtered by topic and/or kind (InputError on an unknown one). */
    async notebook(user: Viewer, rawFilter: MistakeFilter = {}, opts: { locale?: Locale; labs?: LabInfo[] } = {}): Promise<MistakeNotebook> {
      const filter = parseInput(mistakeFilterSchema, rawFilter);
      const locale = opts.locale ?? 'en';
      const topics = new Set<string>(loadCatalog().map((t) => t.id));

      const answers = await db.quizAnswer.findMany({
        where: { userId: user.id },
        orderBy: [{ answeredAt: 'asc' }, { id: 'asc' }],
        select: { questionId: true, correct: true, guessed: true, answeredAt: true },
      });
      const byQuestion = new Map<string, typeof answers>();
      for (const a of answers) {
        const list = byQuestion.get(a.questionId) ?? [];
        list.push(a);
        byQuestion.set(a.questionId, list);
      }
      const all: Mistake[] = [];
      for (const [questionId, list] of byQuestion) {
        const q = getQuestion(questionId);
        if (!q) continue; // Removed from the bank since.
        const wrongCount = list.filter((a) => !a.correct).length;
        const guessedCount = list.filter((a) => a.correct && a.guessed).length;
        if (wrongCount === 0 && guessedCount === 0) continue;
        const last = list[list.length - 1]!;
        all.push({
          kind: wrongCount > 0 ? 'wrong' : 'guessed',
          questionId,
          topic: q.topic,
          prompt: questionText(q, locale).prompt,
          latest: !last.correct ? 'wrong' : last.guessed ? 'guessed' : 'right',
          wrongCount,
          answers: list.length,
          lastAnsweredAt: last.answeredAt,
          practiceHref: `/quiz/${q.topic}?q=${encodeURIComponent(questionId)}`,
          lesson: lessonTarget(q, locale),
        });
      }

      const labs = new Map((opts.labs ?? []).map((l) => [l.id, l] as const));
      const submissions = await db.labSubmission.findMany({
        where: { userId: user.id, status: { in: ['failed', 'passed'] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, labId: true, status: true, results: true, totalTests: true, finishedAt: true, createdAt: true },
      });
      const latestFailed = new Map<string, (typeof submissions)[number]>();
      const passedAfter = new Set<string>();
      for (const s of submissions) {
        if (s.status === 'failed') {
          latestFailed.set(s.labId, s);
          passedAfter.delete(s.labId);
        } else if (latestFailed.has(s.labId)) {
          passedAfter.add(s.labId);
        }
      }
      for (const [labId, s] of latestFailed) {
        const info = labs.get(labId);
        let tests: { name: string; status: string }[] = [];
        try {
          const parsed = s.results ? (JSON.parse(s.results) as { tests?: { name: string; status: string }[] }) : null;
          tests = Array.isArray(parsed?.tests) ? parsed.tests : [];
        } catch {
          tests = [];
        }
        all.push({
          kind: 'lab',
          labId,
          topic: info?.topic ?? '',
          title: info?.title ?? labId,
          submissionId: s.id,
          failedAt: s.finishedAt ?? s.createdAt,
          failedTests: tests.filter((t) => t.status !== 'pass').map((t) => ({ name: t.name, title: localizeTestName(t.name, info?.texts) })),
          totalTests: s.totalTests,
          solvedSince: passedAfter.has(labId),
          practiceHref: `/labs/${labId}`,
        });
      }

      const when = (m: Mistake) => time(m.kind === 'lab' ? m.failedAt : m.lastAnsweredAt);
      all.sort((a, b) => when(b) - when(a));
      const byKind: Record<MistakeKind, number> = { wrong: 0, guessed: 0, lab: 0 };
      const byTopic: Record<string, number> = {};
      for (const m of all) {
        byKind[m.kind]++;
        if (topics.has(m.topic)) byTopic[m.topic] = (byTopic[m.topic] ?? 0) + 1;
      }
      const items = all.filter((m) => (!filter.topic || m.topic === filter.topic) && (!filter.kind || m.kind === filter.kind));
      return { filter: { topic: filter.topic ?? null, kind: filter.kind ?? null }, items, counts: { total: all.length, byKind, byTopic } };
    },
  };
}
export type MistakesData = ReturnType<typeof mistakesData>;

export const { notebook: mistakeNotebook } = mistakesData(prisma);
