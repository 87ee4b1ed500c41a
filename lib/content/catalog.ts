import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { ContentError } from './errors';
import { extractHeadings, type Heading } from './headings';
import {
  describeIssues,
  LESSON_FILE,
  lessonFrontmatterSchema,
  TOPIC_IDS,
  topicSchema,
  type LessonFrontmatter,
  type Topic,
  type TopicId,
} from './schema';

export type LessonMeta = LessonFrontmatter & {
  slug: string;
  /** Path relative to the working directory, for error messages. */
  file: string;
  fileName: string;
  headings: Heading[];
  wordCount: number;
};

export type TopicWithLessons = Topic & { lessons: LessonMeta[] };

export function contentRoot(): string {
  return path.join(process.cwd(), 'content');
}

function rel(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

function readTopic(dir: string, id: TopicId): Topic {
  const file = path.join(dir, 'topic.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContentError(rel(file), `cannot read topic metadata: ${(error as Error).message}`);
  }
  const parsed = topicSchema.safeParse(raw);
  if (!parsed.success) throw new ContentError(rel(file), describeIssues(parsed.error));
  if (parsed.data.id !== id) throw new ContentError(rel(file), `id "${parsed.data.id}" must equal the folder name "${id}"`);
  return parsed.data;
}

/** Words of prose: code fences, JSX/SVG blocks, frontmatter and markup left out. */
export function countProseWords(body: string): number {
  const prose = body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[#>*_`|[\]-]/g, ' ');
  return prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function readLessonFile(file: string, topic: TopicId): { meta: LessonMeta; body: string } {
  const name = path.basename(file);
  const m = LESSON_FILE.exec(name);
  if (!m) throw new ContentError(rel(file), 'lesson files are named <nn>-<slug>.mdx, e.g. 02-leader-election.mdx');
  const source = fs.readFileSync(file, 'utf8');
  let parsedMatter: matter.GrayMatterFile<string>;
  try {
    parsedMatter = matter(source);
  } catch (error) {
    throw new ContentError(rel(file), `frontmatter is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = lessonFrontmatterSchema.safeParse(parsedMatter.data);
  if (!parsed.success) throw new ContentError(rel(file), describeIssues(parsed.error));
  const fm = parsed.data;
  if (fm.topic !== topic) throw new ContentError(rel(file), `topic "${fm.topic}" must equal the folder "${topic}"`);
  if (fm.order !== Number(m[1])) throw new ContentError(rel(file), `order ${fm.order} must equal the file prefix ${m[1]}`);
  const body = parsedMatter.content;
  return {
    meta: { ...fm, slug: m[2]!, file: rel(file), fileName: name, headings: extractHeadings(body), wordCount: countProseWords(body) },
    body,
  };
}

let cache: { root: string; stamp: string; topics: TopicWithLessons[] } | null = null;

/** The names, sizes and modification times of the files the catalogue is read from: it changes when any of them does. */
function catalogStamp(root: string): string {
  const parts: string[] = [];
  for (const id of TOPIC_IDS) {
    const dir = path.join(root, id);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (!f.endsWith('.mdx') && f !== 'topic.json') continue;
      const st = fs.statSync(path.join(dir, f));
      parts.push(`${id}/${f}:${st.size}:${st.mtimeMs}`);
    }
  }
  return parts.join('|');
}

/**
 * All topics with their lessons' metadata, ordered. Throws ContentError on the first invalid file.
 * `root` is the content folder (tests pass fixtures). Read once in production builds; elsewhere
 * re-read only when a file of the catalogue changed (a stat per file instead of parsing every lesson).
 */
export function loadCatalog(root = contentRoot()): TopicWithLessons[] {
  if (cache && cache.root === root && process.env.NODE_ENV === 'production') return cache.topics;
  const stamp = process.env.NODE_ENV === 'production' ? '' : catalogStamp(root);
  if (cache && cache.root === root && cache.stamp === stamp) return cache.topics;
  const topics: TopicWithLessons[] = [];
  for (const id of TOPIC_IDS) {
    const dir = path.join(root, id);
    if (!fs.existsSync(dir)) continue;
    const topic = readTopic(dir, id);
    const lessons = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .sort()
      .map((f) => readLessonFile(path.join(dir, f), id).meta);
    const seen = new Map<string, string>();
    for (const lesson of lessons) {
      const clash = seen.get(lesson.slug);
      if (clash) throw new ContentError(lesson.file, `slug "${lesson.slug}" is also used by ${clash}`);
      seen.set(lesson.slug, lesson.file);
    }
    topics.push({ ...topic, lessons });
  }
  topics.sort((a, b) => a.order - b.order);
  cache = { root, stamp, topics };
  return topics;
}

export function findTopic(id: string): TopicWithLessons | undefined {
  return loadCatalog().find((t) => t.id === id);
}

export function findLesson(topicId: string, slug: string): { topic: TopicWithLessons; lesson: LessonMeta } | undefined {
  const topic = findTopic(topicId);
  const lesson = topic?.lessons.find((l) => l.slug === slug);
  return topic && lesson ? { topic, lesson } : undefined;
}

export function lessonSource(topicId: string, slug: string): string {
  const found = findLesson(topicId, slug);
  if (!found) throw new Error(`no lesson ${topicId}/${slug}`);
  return fs.readFileSync(path.join(process.cwd(), 'content', found.topic.id, found.lesson.fileName), 'utf8');
}
