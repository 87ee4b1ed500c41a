import { contentRoot, loadCatalog, type TopicWithLessons } from '@/lib/content/catalog';
import { describeIssues } from '@/lib/content/schema';
import { readZhLesson } from '@/lib/content/translations';
import type { Locale } from '@/lib/i18n/locale';
import { translate } from '@/lib/i18n/translate';
import { readTopicFiles, type FileProblem } from '@/lib/content/topic-files';
import { bankSchema, questionSchema, type BankQuestion } from './schema';

export type BankProblem = FileProblem;

export type Bank = {
  questions: BankQuestion[];
  byId: Map<string, BankQuestion>;
  /** Every tag used by some question. */
  tags: Set<string>;
};

/** Checks a `lesson` reference ("<topic>/<slug>" or "<topic>/<slug>#anchor") against the catalogue. */
export function checkLessonRef(ref: string, catalog: TopicWithLessons[]): string | null {
  const [pathPart, anchor] = ref.split('#', 2) as [string, string | undefined];
  const [topicId, slug] = pathPart.split('/', 2) as [string, string | undefined];
  const topic = catalog.find((t) => t.id === topicId);
  if (!topic) return `lesson "${ref}": unknown topic "${topicId}"`;
  const lesson = topic.lessons.find((l) => l.slug === slug);
  if (!lesson) return `lesson "${ref}": there is no lesson "${slug}" in ${topicId} (yet)`;
  if (anchor !== undefined && !lesson.headings.some((h) => h.id === anchor)) {
    return `lesson "${ref}": ${topicId}/${slug} has no heading #${anchor}`;
  }
  return null;
}

/**
 * Reads and validates every content/<topic>/quiz.json: each question against its type's schema,
 * ids unique across all banks, tags include the lesson's slug, and lesson links that resolve to a
 * lesson (and heading). Returns every problem found rather than stopping at the first.
 */
export function validateBank(root = contentRoot(), catalog = loadCatalog(root)): { bank: Bank; problems: BankProblem[] } {
  const problems: BankProblem[] = [];
  const questions: BankQuestion[] = [];
  const firstSeen = new Map<string, string>();
  for (const { topicId, name, data } of readTopicFiles(root, 'quiz.json', bankSchema, problems)) {
    data.questions.forEach((item, index) => {
      const id = typeof item === 'object' && item && 'id' in item && typeof item.id === 'string' ? item.id : `#${index + 1}`;
      const parsed = questionSchema.safeParse(item);
      if (!parsed.success) {
        problems.push({ file: name, id, problem: describeIssues(parsed.error) });
        return;
      }
      const q = parsed.data;
      const clash = firstSeen.get(q.id);
      if (clash) {
        problems.push({ file: name, id: q.id, problem: `id "${q.id}" is also used in ${clash}` });
        return;
      }
      firstSeen.set(q.id, name);
      const lessonProblem = checkLessonRef(q.lesson, catalog);
      if (lessonProblem) problems.push({ file: name, id: q.id, problem: lessonProblem });
      const slug = q.lesson.split('#')[0]!.split('/')[1]!;
      if (!q.tags.includes(slug)) problems.push({ file: name, id: q.id, problem: `tags must include the lesson's slug "${slug}"` });
      if (new Set(q.tags).size !== q.tags.length) problems.push({ file: name, id: q.id, problem: 'tags repeat' });
      questions.push({ ...q, topic: topicId });
    });
  }
  const byId = new Map(questions.map((q) => [q.id, q] as const));
  return { bank: { questions, byId, tags: new Set(questions.flatMap((q) => q.tags)) }, problems };
}

export function formatProblems(problems: BankProblem[]): string {
  return problems.map((p) => `${p.file}${p.id ? ` [${p.id}]` : ''}: ${p.problem}`).join('\n');
}

let cache: Bank | null = null;
let reported = false;

/**
 * The question bank the app serves: every question that passed its schema with a unique id.
 * The unit test test/unit/quiz/bank.test.ts is the build-time gate and fails on any problem
 * (including a lesson link that does not resolve yet); at run time a problem is logged once and the
 * question concerned is either left out (schema/id problems) or served with its link falling back
 * to the topic page (lesson not written yet), so one half-written bank cannot take the quiz down.
 * Re-read on each call in development and tests; read once in production.
 */
export function loadBank(): Bank {
  if (cache && process.env.NODE_ENV === 'production') return cache;
  const { bank, problems } = validateBank();
  if (problems.length > 0 && !reported) {
    reported = true;
    console.error(`Question bank: ${problems.length} problem(s)\n${formatProblems(problems)}`);
  }
  cache = bank;
  return bank;
}

export type LessonTarget = { href: string; title: string; section: string | null; resolved: boolean };

/**
 * Where a question's lesson lives: the lesson section, or the topic page if the lesson is not written yet.
 * In Chinese the title and section come from the Chinese lesson (its i-th heading is the English
 * lesson's i-th, with the same anchor), falling back to English when it is not translated yet.
 */
export function lessonTarget(q: Pick<BankQuestion, 'lesson'>, locale: Locale = 'en'): LessonTarget {
  const [pathPart, anchor] = q.lesson.split('#', 2) as [string, string | undefined];
  const [topicId, slug] = pathPart.split('/', 2) as [string, string];
  const catalog = loadCatalog();
  const topic = catalog.find((t) => t.id === topicId);
  const lesson = topic?.lessons.find((l) => l.slug === slug);
  const zh = locale === 'zh-CN';
  if (topic && lesson) {
    const index = anchor ? lesson.headings.findIndex((h) => h.id === anchor) : -1;
    const heading = index >= 0 ? lesson.headings[index] : undefined;
    let title = lesson.title;
    let section = heading?.text ?? null;
    if (zh) {
      const zhLesson = zhLessonOrNull(topic.id, lesson);
      if (zhLesson) {
        title = zhLesson.title;
        const zhHeading = index >= 0 ? zhLesson.headings[index] : undefined;
        if (zhHeading && zhHeading.id === heading?.id) section = zhHeading.text;
        else if (zhHeading && zhLesson.headings.length === lesson.headings.length) section = zhHeading.text;
      }
    }
    return {
      href: `/learn/${topic.id}/${lesson.slug}${heading ? `#${heading.id}` : ''}`,
      title,
      section,
      resolved: !anchor || heading !== undefined,
    };
  }
  if (topic) return { href: `/learn/${topic.id}`, title: zh ? topic.titleZh : topic.title, section: null, resolved: false };
  return { href: '/', title: translate(locale, 'quiz.lesson.topics'), section: null, resolved: false };
}

/** The Chinese lesson, or null when it is missing or unreadable (a bad file must not take the quiz down). */
function zhLessonOrNull(topicId: string, lesson: Parameters<typeof readZhLesson>[1]) {
  try {
    return readZhLesson(topicId, lesson);
  } catch {
    return null;
  }
}

export function getQuestion(id: string): BankQuestion | undefined {
  return loadBank().byId.get(id);
}

/** Questions of one topic (optionally with a tag), in bank order. */
export function questionsFor(topic: string, tag?: string): BankQuestion[] {
  return loadBank().questions.filter((q) => q.topic === topic && (!tag || q.tags.includes(tag)));
}
