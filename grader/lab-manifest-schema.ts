/** The schema of a lab package's lab.json. */
import { z } from 'zod';
import { defaultLimits, hardLimits } from './limits';

const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single dashes)');

export const labLimitsSchema = z
  .object({
    /** CPU time of the whole suite run (the sandbox's own CPU time, not the wall clock). */
    cpuTimeMs: z.number().int().min(100).max(hardLimits.cpuTimeMs).default(defaultLimits.cpuTimeMs),
    memoryMb: z.number().int().min(16).max(hardLimits.memoryMb).default(defaultLimits.memoryMb),
    codeSizeKb: z.number().int().min(1).max(hardLimits.codeSizeKb).default(defaultLimits.codeSizeKb),
    outputCharsPerTest: z.number().int().min(256).max(hardLimits.outputCharsPerTest).default(defaultLimits.outputCharsPerTest),
  })
  .strict();

export const labStageSchema = z
  .object({
    id: kebabId,
    title: z.string().min(1).max(120),
    summary: z.string().max(400).optional(),
    /**
     * README hint ids (`<Hint id="…">`) that help a learner who fails a test of this stage, gentlest first.
     * Optional while the content is being written; the contract test requires at least one per stage.
     */
    hints: z.array(kebabId).min(1).optional(),
  })
  .strict();

export const labManifestSchema = z
  .object({
    id: kebabId,
    topic: kebabId,
    title: z.string().min(3).max(120),
    summary: z.string().min(1).max(400),
    difficulty: z.enum(['intro', 'core', 'stretch']),
    /** How long a prepared candidate needs, shown in the lab catalogue. */
    estimatedMinutes: z.number().int().min(5).max(600),
    stages: z
      .array(labStageSchema)
      .min(1)
      .refine((stages) => new Set(stages.map((s) => s.id)).size === stages.length, 'stage ids must be unique'),
    limits: labLimitsSchema.default(labLimitsSchema.parse({})),
    /** Lessons as "<topic>/<slug>", e.g. "idempotency/retries-and-dedup". */
    relatedLessons: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be "<topic>/<slug>"')).default([]),
    /** Failed hidden submissions before the walkthrough (WALKTHROUGH.mdx) unlocks by itself. */
    walkthroughAfter: z.number().int().min(1).max(10).default(3),
    /**
     * A long hidden suite may be split into this many shards, graded side by side when the pool has that many workers
     * free (a lone submission's wait roughly halves; under load each submission takes one worker as before).
     */
    shards: z.number().int().min(1).max(4).default(1),
  })
  .strict();

export type LabManifest = z.infer<typeof labManifestSchema>;
export type LabStage = z.infer<typeof labStageSchema>;
