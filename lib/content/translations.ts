import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { contentRoot, countProseWords, type LessonMeta } from './catalog';
import { ContentError } from './errors';
import { extractHeadings, type Heading } from './headings';
import { describeIssues } from './schema';
import { readTopicFiles, type FileProblem } from './topic-files';

/**
 * Chinese (zh-CN) lessons: `content/<topic>/zh/<nn>-<slug>.mdx`, the same file name as the English
 * lesson. Their frontmatter holds only what is translated (`title`, `summary`); everything else
 * (order, minutes, labs, quiz tags) comes from the English lesson. Headings are translated freely:
 * the i-th `##`/`###` gets the English lesson's i-th anchor, so links and anchors are the same in
 * both languages (test/unit/content/zh-lessons.test.ts keeps the structure in parity).
 */
export const zhLessonFrontmatterSchema = z.strictObject({
  title: z.string().min(2).max(80),
  summary: z.string().min(10).max(300),
});

export type ZhLesson = { title: string; summary: string; file: string; body: string; headings: Heading[]; wordCount: number };

export function zhLessonFile(topic: string, fileName: string, root = contentRoot()): string {
  return path.join(root, topic, 'zh', fileName);
}

/** The Chinese version of a lesson, or null when it is not written yet. Throws ContentError on a bad file. */
const zhCache = new Map<string, { mtimeMs: number; lesson: ZhLesson | null }>();

export function readZhLesson(topic: string, lesson: Pick<LessonMeta, 'fileName'>, root = contentRoot()): ZhLesson | null {
  const file = zhLessonFile(topic, lesson.fileName, root);
  // Read once per process in production, as the catalogue is (content changes only with a deploy); elsewhere
  // re-read when the file changes, so an edit shows at once and tests that look up many lessons stay fast.
  const hit = zhCache.get(file);
  if (hit && process.env.NODE_ENV === 'production') return hit.lesson;
  const mtimeMs = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  if (hit && hit.mtimeMs === mtimeMs) return hit.lesson;
  const read = readZhLessonFile(file);
  zhCache.set(file, { mtimeMs, lesson: read });
  return read;
}

function readZhLessonFile(file: string): ZhLesson | null {
  if (!fs.existsSync(file)) return null;
  const rel = path.relative(process.cwd(), file) || file;
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContentError(rel, `frontmatter is not valid YAML: ${(error as Error).message}`);
  }
  const fm = zhLessonFrontmatterSchema.safeParse(parsed.data);
  if (!fm.success) throw new ContentError(rel, describeIssues(fm.error));
  return { ...fm.data, file: rel, body: parsed.content, headings: extractHeadings(parsed.content), wordCount: countProseWords(parsed.content) };
}

/** Chinese characters of prose (code, SVG and markup left out): the length measure for zh lessons. */
export function countHanCharacters(body: string): number {
  const prose = body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ');
  return (prose.match(/\p{Script=Han}/gu) ?? []).length;
}

// ---- Questions and interview cards ----------------------------------------------------------

/**
 * `content/<topic>/quiz.zh.json`: `{topic, questions: [...]}`, one entry per English question id with
 * only the translated text; type, key, tags, difficulty and lesson come from the English bank.
 * Options, ordering items and rubric points are in the English order (option ids are derived from
 * the English text, so answers, reviews and progress record the same ids in both languages).
 */
const zhText = (what: string) => z.string().trim().min(1, `${what} must not be empty`);
export const zhQuestionSchema = z.strictObject({
  id: z.string().min(1),
  prompt: zhText('prompt'),
  explanation: zhText('explanation'),
  options: z.array(z.strictObject({ text: zhText('option text'), why: zhText('why') })).optional(),
  items: z.array(zhText('item')).optional(),
  whyWrong: zhText('whyWrong').optional(),
  unit: zhText('unit').optional(),
  modelAnswer: zhText('modelAnswer').optional(),
  rubric: z.array(zhText('rubric point')).optional(),
});
export const zhBankSchema = z.strictObject({ topic: z.string(), questions: z.array(zhQuestionSchema) });
export type ZhQuestion = z.infer<typeof zhQuestionSchema>;

/** `content/<topic>/interview.zh.json`: the translated text of each card, lists in the English order and length. */
export const zhCardSchema = z.strictObject({
  id: z.string().min(1),
  title: zhText('title'),
  prompt: zhText('prompt'),
  variants: z.array(zhText('variant')).default([]),
  outline: z.array(zhText('outline point')),
  answer: zhText('answer'),
  followUps: z.array(z.strictObject({ question: zhText('follow-up question'), answer: zhText('follow-up answer') })),
  traps: z.array(zhText('trap')),
});
export const zhDeckSchema = z.strictObject({ topic: z.string(), cards: z.array(zhCardSchema) });
export type ZhCard = z.infer<typeof zhCardSchema>;

export type ZhTexts<T> = { byId: Map<string, T>; files: { topicId: string; name: string; ids: string[] }[]; problems: FileProblem[] };

function readZhTexts<T extends { id: string }>(fileName: string, schema: z.ZodType<{ topic: string; questions?: T[]; cards?: T[] }>, root: string): ZhTexts<T> {
  const problems: FileProblem[] = [];
  const byId = new Map<string, T>();
  const files = readTopicFiles(root, fileName, schema, problems).map(({ topicId, name, data }) => {
    const entries = (data.questions ?? data.cards ?? []) as T[];
    for (const e of entries) byId.set(e.id, e);
    return { topicId, name, ids: entries.map((e) => e.id) };
  });
  return { byId, files, problems };
}

const zhTextsCache = new Map<string, ZhTexts<{ id: string }>>();
function cachedZhTexts<T extends { id: string }>(fileName: string, schema: z.ZodType<{ topic: string }>, root: string): ZhTexts<T> {
  const key = `${root}\u0000${fileName}`;
  const hit = zhTextsCache.get(key);
  if (hit && process.env.NODE_ENV === 'production') return hit as ZhTexts<T>;
  const read = readZhTexts<T>(fileName, schema as never, root);
  // A bad file is reported once (the unit tests are the gate); the entries it holds fall back to English.
  if (read.problems.length > 0 && !hit) console.error(`Chinese content: ${read.problems.map((p) => `${p.file}: ${p.problem}`).join('\n')}`);
  zhTextsCache.set(key, read as ZhTexts<{ id: string }>);
  return read;
}

/** Every question's Chinese text by question id (all topics' quiz.zh.json). Read once per process in production. */
export function zhQuestionTexts(root = contentRoot()): ZhTexts<ZhQuestion> {
  return cachedZhTexts<ZhQuestion>('quiz.zh.json', zhBankSchema, root);
}

/** Every interview card's Chinese text by card id (all topics' interview.zh.json). */
export function zhCardTexts(root = contentRoot()): ZhTexts<ZhCard> {
  return cachedZhTexts<ZhCard>('interview.zh.json', zhDeckSchema, root);
}
