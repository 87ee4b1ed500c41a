import { z } from 'zod';

export const TOPIC_IDS = [
  'cap',
  'base',
  'raft',
  'caching',
  'idgen',
  'ratelimit',
  'hashing',
  'idempotency',
  'locks',
  'transactions',
  'rpc',
  'resilience',
  'sharding',
  'storage',
  'testing',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

export const LAB_IDS = [
  'raft-election',
  'raft-replication',
  'raft-persistence',
  'raft-snapshot',
  'raft-prevote',
  'raft-kv',
  'raft-membership',
  'raft-checkquorum-leases',
  'raft-from-scratch',
  'lru-ttl-cache',
  'cache-breakdown',
  'cache-penetration',
  'cache-avalanche',
  'cache-consistency',
  'snowflake',
  'segment-ids',
  'window-limiters',
  'bucket-limiters',
  'consistent-hashing',
  'cap-register',
  'idempotent-payments',
  'lock-fencing',
  'tcc-saga',
  'outbox',
] as const;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single dashes)');

export const topicSchema = z.strictObject({
  id: z.enum(TOPIC_IDS),
  title: z.string().min(3).max(80),
  titleZh: z.string().min(1).max(40),
  summary: z.string().min(20).max(300),
  /** The summary in Chinese (shown when the learner reads in 中文). */
  summaryZh: z.string().min(10).max(200).optional(),
  order: z.int().min(1).max(100),
});
export type Topic = z.infer<typeof topicSchema>;

export const lessonFrontmatterSchema = z.strictObject({
  title: z.string().min(3).max(120),
  topic: z.enum(TOPIC_IDS),
  order: z.int().min(1).max(99),
  summary: z.string().min(20).max(400),
  minutes: z.int().min(1).max(90),
  labs: z.array(slug).default([]),
  quizTags: z.array(slug).min(1, 'list at least the lesson’s own slug'),
});
export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;

/** `<nn>-<slug>.mdx` */
export const LESSON_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;

/** Formats a zod error as `field: message` lines for a content file. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
