import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { describeIssues, TOPIC_IDS } from './schema';

export type FileProblem = { file: string; id?: string; problem: string };

/**
 * Reads `content/<topic>/<fileName>` for every topic that has one: JSON, checked against `schema`,
 * whose `topic` must equal the folder. Problems (bad JSON, schema, wrong topic) are appended to
 * `problems` with the file's path; a file that fails JSON or its schema is left out.
 */
export function readTopicFiles<S extends z.ZodType<{ topic: string }>>(root: string, fileName: string, schema: S, problems: FileProblem[]): { topicId: string; name: string; data: z.output<S> }[] {
  const out: { topicId: string; name: string; data: z.output<S> }[] = [];
  for (const topicId of TOPIC_IDS) {
    const file = path.join(root, topicId, fileName);
    if (!fs.existsSync(file)) continue;
    const name = path.relative(process.cwd(), file) || file;
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push({ file: name, problem: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      problems.push({ file: name, problem: describeIssues(parsed.error) });
      continue;
    }
    if (parsed.data.topic !== topicId) problems.push({ file: name, problem: `topic "${parsed.data.topic}" must equal the folder "${topicId}"` });
    out.push({ topicId, name, data: parsed.data });
  }
  return out;
}
