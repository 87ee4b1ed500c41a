import 'server-only';
import { z } from 'zod';
import { prisma } from '@/lib/db';
import { loadCatalog } from '@/lib/content/catalog';
import { loadBank } from '@/lib/quiz/bank';
import { bumpActivity } from './activity';
import { NotFoundError, parseInput } from './errors';
import { msg } from '@/lib/i18n/translate';
import { reviewData } from './review';
import { utcDay, type Db, type Viewer } from './types';

const lessonRef = z.strictObject({
  topic: z.string().min(1).max(40),
  lesson: z.string().min(1).max(80),
});

function resolveLesson(raw: unknown) {
  const { topic, lesson } = parseInput(lessonRef, raw);
  const t = loadCatalog().find((x) => x.id === topic);
  const l = t?.lessons.find((x) => x.slug === lesson);
  if (!t || !l) throw new NotFoundError(msg('progress.things.lesson'));
  return { topic: t, lesson: l };
}

export type LessonState = { read: boolean; readAt: Date | null };

export type TopicProgress = {
  id: string;
  title: string;
  lessonsTotal: number;
  lessonsRead: number;
  questions: number;
  answered: number;
  correct: number;
  /** correct / answered, or null before the first answer. */
  accuracy: number | null;
  cardsDue: number;
  labsTotal: number;
  labsSolved: number;
};

export type CalendarDay = { day: string; count: number; lessons: number; answers: number; labs: number; future: boolean };

export type Progress = {
  topics: TopicProgress[];
  streak: { current: number; longest: number; activeToday: boolean };
  /** The last CALENDAR_WEEKS weeks, Monday-first columns, oldest first; days after today have future=true. */
  calendar: CalendarDay[][];
  /** `topic` and `lesson` are ids (the page looks up titles in the learner's language); `title` and `topicTitle` are the English ones. */
  continueLesson: { href: string; topic: string; lesson: string; title: string; topicTitle: string; read: boolean; lastVisitAt: Date } | null;
  nextLesson: { href: string; topic: string; lesson: string; title: string; topicTitle: string } | null;
  review: { dueNow: number; dueToday: number; reviewedToday: number; total: number; nextDue: Date | null };
  totals: { answered: number; correct: number; lessonsRead: number; labsSolved: number; activeDays: number };
};

/** A lab as the learner left it (lists show solved ✓ / attempted / started). */
export type LabMark = { labId: string; solved: boolean; attempts: number; lastStatus: string | null; hasDraft: boolean; lastActivityAt: Date };

/** How many study steps (a lesson opened, an answer, a lab submission: one each) make the daily goal. */
export const DAILY_GOAL_STEPS = 3;

/** What home, topic and lab lists need to show a learner's path, read in one call. */
export type LearnerPath = {
  /** True until the learner has done anything (opened a lesson, answered, drafted or submitted a lab). */
  isNew: boolean;
  /** Read lessons as "topic/slug". */
  readLessons: string[];
  /** Per lab id; labs never touched are absent. */
  labs: Record<string, LabMark>;
  /** The lesson to continue with: the last one opened if unread, else the next unread after it (catalogue order, wrapping). */
  nextLesson: { href: string; topic: string; lesson: string; title: string; topicTitle: string; opened: boolean } | null;
  /** The most recently touched lab that is not solved and has a draft or a failed submission. */
  labInProgress: { labId: string; attempts: number; lastStatus: string | null } | null;
  reviewsDue: number;
  streak: { current: number; longest: number; activeToday: boolean };
  today: { lessons: number; answers: number; labs: number; steps: number; goal: number };
};

export const CALENDAR_WEEKS = 20;
const DAY = 86_400_000;

/** Consecutive active days ending today (or yesterday, so a streak is not lost before today's study). */
export function computeStreak(activeDays: ReadonlySet<string>, now: Date): { current: number; longest: number; activeToday: boolean } {
  const today = utcDay(now);
  const activeToday = activeDays.has(today);
  let current = 0;
  let cursor = new Date(`${today}T00:00:00.000Z`).getTime() - (activeToday ? 0 : DAY);
  while (activeDays.has(utcDay(new Date(cursor)))) {
    current++;
    cursor -= DAY;
  }
  let longest = 0;
  let run = 0;
  let prev: number | null = null;
  for (const day of [...activeDays].sort()) {
    const t = new Date(`${day}T00:00:00.000Z`).getTime();
    run = prev !== null && t - prev === DAY ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = t;
  }
  return { current, longest, activeToday };
}

export type PlanStep = {
  topic: string;
  title: string;
  lessons: { topic: string; slug: string; title: string; minutes: number; read: boolean }[];
  labs: { id: string; minutes: number; solved: boolean }[];
  /** Lesson plus lab minutes of the whole topic, and of what is left of it. */
  minutesTotal: number;
  minutesLeft: number;
};

/**
 * The suggested route: every topic in catalogue order (the catalogue is written to be read in that
 * order), each with its lessons and the labs of that topic; estimates are the lessons' reading
 * minutes plus the labs' estimated minutes.
 */
export function buildStudyPlan(
  catalog: { id: string; title: string; lessons: { slug: string; title: string; minutes: number }[] }[],
  labList: { id: string; topic: string; minutes: number }[],
  readLessons: Iterable<string>,
  solvedLabs: Iterable<string>,
): PlanStep[] {
  const read = new Set(readLessons);
  const solved = new Set(solvedLabs);
  return catalog.map((t) => {
    const lessons = t.lessons.map((l) => ({ topic: t.id, slug: l.slug, title: l.title, minutes: l.minutes, read: read.has(`${t.id}/${l.slug}`) }));
    const labs = labList.filter((l) => l.topic === t.id).map((l) => ({ id: l.id, minutes: l.minutes, solved: solved.has(l.id) }));
    const sum = (xs: { minutes: number }[]) => xs.reduce((m, x) => m + x.minutes, 0);
    return {
      topic: t.id,
      title: t.title,
      lessons,
      labs,
      minutesTotal: sum(lessons) + sum(labs),
      minutesLeft: sum(lessons.filter((l) => !l.read)) + sum(labs.filter((l) => !l.solved)),
    };
  });
}

export function buildCalendar(rows: { day: string; lessons: number; answers: number; labs: number }[], now: Date, weeks = CALENDAR_WEEKS): CalendarDay[][] {
  const byDay = new Map(rows.map((r) => [r.day, r] as const));
  const today = new Date(`${utcDay(now)}T00:00:00.000Z`);
  const mondayOffset = (today.getUTCDay() + 6) % 7;
  const start = today.getTime() - (mondayOffset + (weeks - 1) * 7) * DAY;
  const columns: CalendarDay[][] = [];
  for (let w = 0; w < weeks; w++) {
    const column: CalendarDay[] = [];
    for (let d = 0; d < 7; d++) {
      const day = utcDay(new Date(start + (w * 7 + d) * DAY));
      const r = byDay.get(day);
      const lessons = r?.lessons ?? 0;
      const answers = r?.answers ?? 0;
      const labs = r?.labs ?? 0;
      column.push({ day, lessons, answers, labs, count: lessons + answers + labs, future: day > utcDay(now) });
    }
    columns.push(column);
  }
  return columns;
}

export function progressData(db: Db) {
  const reviews = reviewData(db);
  return {
    /** Records that the learner opened a lesson (for "continue where you left off"); returns whether it is marked read. */
    async recordLessonVisit(user: Viewer, raw: unknown, now = new Date()): Promise<LessonState> {
      const { topic, lesson } = resolveLesson(raw);
      const key = { userId_topic_lesson: { userId: user.id, topic: topic.id, lesson: lesson.slug } };
      const before = await db.lessonProgress.findUnique({ where: key });
      const row = await db.lessonProgress.upsert({
        where: key,
        create: { userId: user.id, topic: topic.id, lesson: lesson.slug, firstVisitAt: now, lastVisitAt: now },
        update: { lastVisitAt: now },
      });
      // One lesson counts once per day in the activity calendar, however often it is reopened.
      if (!before || utcDay(before.lastVisitAt) !== utcDay(now)) await bumpActivity(db, user.id, 'lessons', now);
      return { read: row.readAt !== null, readAt: row.readAt };
    },

    async lessonState(user: Viewer, raw: unknown): Promise<LessonState> {
      const { topic, lesson } = resolveLesson(raw);
      const row = await db.lessonProgress.findUnique({ where: { userId_topic_lesson: { userId: user.id, topic: topic.id, lesson: lesson.slug } } });
      return { read: Boolean(row?.readAt), readAt: row?.readAt ?? null };
    },

    /** Marks a lesson read (or not read again). */
    async setLessonRead(user: Viewer, raw: unknown, read: boolean, now = new Date()): Promise<LessonState> {
      const { topic, lesson } = resolveLesson(raw);
      const readAt = read ? now : null;
      const row = await db.lessonProgress.upsert({
        where: { userId_topic_lesson: { userId: user.id, topic: topic.id, lesson: lesson.slug } },
        create: { userId: user.id, topic: topic.id, lesson: lesson.slug, firstVisitAt: now, lastVisitAt: now, readAt },
        update: { readAt },
      });
      return { read: row.readAt !== null, readAt: row.readAt };
    },

    /** The progress dashboard: per topic, streak, calendar, where to continue. */
    async getProgress(user: Viewer, now = new Date()): Promise<Progress> {
      const catalog = loadCatalog();
      const bank = loadBank();
      const [lessonRows, answers, passed, activity, review] = await Promise.all([
        db.lessonProgress.findMany({ where: { userId: user.id }, orderBy: { lastVisitAt: 'desc' } }),
        db.quizAnswer.groupBy({ by: ['topic', 'correct'], where: { userId: user.id }, _count: { _all: true } }),
        db.labSubmission.findMany({ where: { userId: user.id, status: 'passed' }, distinct: ['labId'], select: { labId: true } }),
        db.activityDay.findMany({ where: { userId: user.id }, orderBy: { day: 'asc' } }),
        reviews.stats(user, now),
      ]);
      const solved = new Set(passed.map((p) => p.labId));
      const readSet = new Set(lessonRows.filter((r) => r.readAt).map((r) => `${r.topic}/${r.lesson}`));
      const topics: TopicProgress[] = catalog.map((t) => {
        const labs = new Set(t.lessons.flatMap((l) => l.labs));
        const mine = answers.filter((a) => a.topic === t.id);
        const answered = mine.reduce((n, a) => n + a._count._all, 0);
        const correct = mine.filter((a) => a.correct).reduce((n, a) => n + a._count._all, 0);
        return {
          id: t.id,
          title: t.title,
          lessonsTotal: t.lessons.length,
          lessonsRead: t.lessons.filter((l) => readSet.has(`${t.id}/${l.slug}`)).length,
          questions: bank.questions.filter((q) => q.topic === t.id).length,
          answered,
          correct,
          accuracy: answered ? correct / answered : null,
          cardsDue: review.dueByTopic[t.id] ?? 0,
          labsTotal: labs.size,
          labsSolved: [...labs].filter((l) => solved.has(l)).length,
        };
      });
      const activeDays = new Set(activity.filter((a) => a.lessons + a.answers + a.labs > 0).map((a) => a.day));

      let continueLesson: Progress['continueLesson'] = null;
      for (const row of lessonRows) {
        const t = catalog.find((x) => x.id === row.topic);
        const l = t?.lessons.find((x) => x.slug === row.lesson);
        if (t && l) {
          continueLesson = { href: `/learn/${t.id}/${l.slug}`, topic: t.id, lesson: l.slug, title: l.title, topicTitle: t.title, read: row.readAt !== null, lastVisitAt: row.lastVisitAt };
          break;
        }
      }
      // The next unread lesson: after the last one visited in its topic, else the first unread anywhere.
      const flat = catalog.flatMap((t) => t.lessons.map((l) => ({ t, l })));
      const startAt = continueLesson ? flat.findIndex((x) => `/learn/${x.t.id}/${x.l.slug}` === continueLesson.href) : -1;
      const next = [...flat.slice(startAt + 1), ...flat.slice(0, startAt + 1)].find((x) => !readSet.has(`${x.t.id}/${x.l.slug}`));

      return {
        topics,
        streak: computeStreak(activeDays, now),
        calendar: buildCalendar(activity, now),
        continueLesson,
        nextLesson: next && next.l !== undefined && `/learn/${next.t.id}/${next.l.slug}` !== continueLesson?.href ? { href: `/learn/${next.t.id}/${next.l.slug}`, topic: next.t.id, lesson: next.l.slug, title: next.l.title, topicTitle: next.t.title } : null,
        review: { dueNow: review.dueNow, dueToday: review.dueToday, reviewedToday: review.reviewedToday, total: review.total, nextDue: review.nextDue },
        totals: {
          answered: topics.reduce((n, t) => n + t.answered, 0),
          correct: topics.reduce((n, t) => n + t.correct, 0),
          lessonsRead: readSet.size,
          labsSolved: solved.size,
          activeDays: activeDays.size,
        },
      };
    },

    /** The learner's path for home, topic and lab pages: read lessons, lab states, where to continue, streak and today. */
    async learnerPath(user: Viewer, now = new Date()): Promise<LearnerPath> {
      const catalog = loadCatalog();
      const [lessonRows, submissions, drafts, activity, review, answered] = await Promise.all([
        db.lessonProgress.findMany({ where: { userId: user.id }, orderBy: { lastVisitAt: 'desc' }, select: { topic: true, lesson: true, readAt: true, lastVisitAt: true } }),
        db.labSubmission.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' }, select: { labId: true, status: true, createdAt: true } }),
        db.labDraft.findMany({ where: { userId: user.id }, select: { labId: true, updatedAt: true } }),
        db.activityDay.findMany({ where: { userId: user.id }, orderBy: { day: 'asc' } }),
        reviews.stats(user, now),
        db.quizAnswer.count({ where: { userId: user.id } }),
      ]);
      const readLessons = lessonRows.filter((r) => r.readAt).map((r) => `${r.topic}/${r.lesson}`);
      const readSet = new Set(readLessons);

      const labs: Record<string, LabMark> = {};
      const mark = (labId: string, at: Date) => {
        const m = (labs[labId] ??= { labId, solved: false, attempts: 0, lastStatus: null, hasDraft: false, lastActivityAt: at });
        if (at > m.lastActivityAt) m.lastActivityAt = at;
        return m;
      };
      for (const sub of submissions) {
        const m = mark(sub.labId, sub.createdAt);
        m.attempts++;
        m.lastStatus = sub.status;
        if (sub.status === 'passed') m.solved = true;
      }
      for (const d of drafts) mark(d.labId, d.updatedAt).hasDraft = true;
      const inProgress = Object.values(labs)
        .filter((m) => !m.solved && (m.hasDraft || m.lastStatus === 'failed' || m.lastStatus === 'error'))
        .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime())[0];

      // Continue where the learner left off: the last lesson opened, unless read, then the next unread one.
      const flat = catalog.flatMap((t) => t.lessons.map((l) => ({ t, l })));
      const last = lessonRows.map((r) => flat.findIndex((x) => x.t.id === r.topic && x.l.slug === r.lesson)).find((i) => i >= 0) ?? -1;
      const from = Math.max(last, 0);
      const next = [...flat.slice(from), ...flat.slice(0, from)].find((x) => !readSet.has(`${x.t.id}/${x.l.slug}`));
      const openedSet = new Set(lessonRows.map((r) => `${r.topic}/${r.lesson}`));

      const todayRow = activity.find((a) => a.day === utcDay(now));
      const today = { lessons: todayRow?.lessons ?? 0, answers: todayRow?.answers ?? 0, labs: todayRow?.labs ?? 0 };
      const activeDays = new Set(activity.filter((a) => a.lessons + a.answers + a.labs > 0).map((a) => a.day));
      return {
        isNew: lessonRows.length === 0 && submissions.length === 0 && drafts.length === 0 && answered === 0,
        readLessons,
        labs,
        nextLesson: next
          ? { href: `/learn/${next.t.id}/${next.l.slug}`, topic: next.t.id, lesson: next.l.slug, title: next.l.title, topicTitle: next.t.title, opened: openedSet.has(`${next.t.id}/${next.l.slug}`) }
          : null,
        labInProgress: inProgress ? { labId: inProgress.labId, attempts: inProgress.attempts, lastStatus: inProgress.lastStatus } : null,
        reviewsDue: review.dueNow,
        streak: computeStreak(activeDays, now),
        today: { ...today, steps: today.lessons + today.answers + today.labs, goal: DAILY_GOAL_STEPS },
      };
    },

    /** Everything stored about the learner, as plain JSON-ready data (no password hash, no session tokens). */
    async exportData(user: Viewer, now = new Date()) {
      const u = await db.user.findUnique({ where: { id: user.id } });
      if (!u) throw new NotFoundError(msg('progress.things.account'));
      const [lessons, attempts, answers, cards, drafts, submissions, activity, sessions, drills, drillAnswers, unlocks, tokens, mocks] = await Promise.all([
        db.lessonProgress.findMany({ where: { userId: user.id }, orderBy: { firstVisitAt: 'asc' } }),
        db.quizAttempt.findMany({ where: { userId: user.id }, orderBy: { startedAt: 'asc' } }),
        db.quizAnswer.findMany({ where: { userId: user.id }, orderBy: { answeredAt: 'asc' } }),
        db.reviewCard.findMany({ where: { userId: user.id }, orderBy: { due: 'asc' } }),
        db.labDraft.findMany({ where: { userId: user.id }, orderBy: { labId: 'asc' } }),
        db.labSubmission.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } }),
        db.activityDay.findMany({ where: { userId: user.id }, orderBy: { day: 'asc' } }),
        db.session.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' }, select: { createdAt: true, expiresAt: true, lastUsedAt: true } }),
        db.drillSession.findMany({ where: { userId: user.id }, orderBy: { startedAt: 'asc' } }),
        db.drillAnswer.findMany({ where: { userId: user.id }, orderBy: { answeredAt: 'asc' } }),
        db.walkthroughUnlock.findMany({ where: { userId: user.id }, orderBy: { unlockedAt: 'asc' } }),
        // The tokens' names and dates; never their hashes.
        db.apiToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' }, select: { name: true, scope: true, createdAt: true, lastUsedAt: true, revokedAt: true } }),
        db.mockSession.findMany({ where: { userId: user.id }, orderBy: { startedAt: 'asc' } }),
      ]);
      const strip = <T extends { userId: string }>(rows: T[]) => rows.map(({ userId: _userId, ...rest }) => rest);
      const json = (s: string | null) => (s === null ? null : (JSON.parse(s) as unknown));
      return {
        format: 'dist-sys-dojo-export/1',
        exportedAt: now.toISOString(),
        account: { id: u.id, isGuest: u.isGuest, username: u.username, email: u.email, displayName: u.displayName, locale: u.locale, createdAt: u.createdAt, lastSeenAt: u.lastSeenAt },
        apiTokens: tokens,
        sessions,
        lessons: strip(lessons),
        quizAttempts: strip(attempts).map((a) => ({ ...a, questionIds: json(a.questionIds) })),
        quizAnswers: strip(answers).map((a) => ({ ...a, response: json(a.response) })),
        reviewCards: strip(cards),
        labDrafts: strip(drafts),
        labSubmissions: strip(submissions).map((s) => ({ ...s, results: json(s.results), seeds: json(s.seeds) })),
        activity: strip(activity),
        interviewDrills: strip(drills).map((d) => ({ ...d, cardIds: json(d.cardIds) })),
        interviewAnswers: strip(drillAnswers).map((a) => ({ ...a, covered: json(a.covered) })),
        walkthroughUnlocks: strip(unlocks),
        mockInterviews: strip(mocks).map((m) => ({ ...m, items: json(m.items), topicScores: json(m.topicScores) })),
      };
    },
  };
}
export type ProgressData = ReturnType<typeof progressData>;

export const { recordLessonVisit, lessonState, setLessonRead, getProgress, learnerPath, exportData } = progressData(prisma);
