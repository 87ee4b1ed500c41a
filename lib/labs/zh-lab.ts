import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readGraderConfig } from '@/grader/config';
import type { LabResultTexts } from './result-text';

/**
 * labs/<id>/lab.zh.json: a lab's texts in Chinese (title, summary and each stage's title and summary,
 * the stages in the English order), plus the display-time translation of its results (lib/labs/result-text.ts):
 * `tests` (English test name → Chinese), `testPatterns` (regex → replacement for generated names) and
 * `advice` (English advice sentence → Chinese) and `advicePatterns` (regex → replacement, in order, for advice
 * generated with values inside). test/unit/labs/zh-labs.test.ts keeps it complete.
 */
const zhRecord = z.record(z.string().min(1), z.string().trim().min(1));
const compiles = (source: string) => {
  try {
    new RegExp(source, 'g');
    return true;
  } catch {
    return false;
  }
};
/**
 * Regex sources (each must compile) → replacements. Replacements are NOT trimmed: a pattern may replace a prefix
 * ending in a space ("（seed $1）：[$2 ms] "), which trimming would glue to the text after it.
 */
const zhPatternRecord = z.record(
  z.string().min(1),
  z.string().refine((s) => s.trim().length > 0, 'must not be empty'),
);
const zhPatterns = zhPatternRecord.superRefine((patterns, ctx) => {
  for (const source of Object.keys(patterns)) {
    if (!compiles(source)) ctx.addIssue({ code: 'custom', path: [source], message: 'not a valid regular expression' });
  }
});
export const zhLabSchema = z.strictObject({
  title: z.string().min(2).max(80),
  summary: z.string().min(10).max(400),
  stages: z.array(z.strictObject({ id: z.string(), title: z.string().min(2), summary: z.string().min(5) })),
  tests: zhRecord.optional(),
  testPatterns: zhPatterns.optional(),
  advice: zhRecord.optional(),
  advicePatterns: zhPatterns.optional(),
});
export type ZhLab = z.infer<typeof zhLabSchema>;

export function zhLabFile(labId: string, labsDir = readGraderConfig().labsDir): string {
  return path.join(labsDir, labId, 'lab.zh.json');
}

const cache = new Map<string, ZhLab | null>();

/** The Chinese texts of a lab, or null when not written (or not valid: then logged, and the page stays English). Read once per process in production. */
export function readZhLab(labId: string, labsDir = readGraderConfig().labsDir): ZhLab | null {
  const file = zhLabFile(labId, labsDir);
  if (process.env.NODE_ENV === 'production' && cache.has(file)) return cache.get(file)!;
  let read: ZhLab | null = null;
  if (fs.existsSync(file)) {
    const parsed = zhLabSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) read = parsed.data;
    else console.error(`labs/${labId}/lab.zh.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (process.env.NODE_ENV === 'production') cache.set(file, read);
  return read;
}

/** The result tables of a lab (for localizing results), or null when the lab has none. */
export function zhResultTexts(labId: string, labsDir?: string): LabResultTexts | null {
  const zh = readZhLab(labId, labsDir);
  if (!zh) return null;
  return { tests: zh.tests ?? {}, testPatterns: zh.testPatterns ?? {}, advice: zh.advice ?? {}, advicePatterns: zh.advicePatterns ?? {} };
}

/** The Chinese README (labs/<id>/README.zh.mdx), or null when not written. */
export function readZhReadme(labId: string, labsDir = readGraderConfig().labsDir): string | null {
  const file = path.join(labsDir, labId, 'README.zh.mdx');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}
