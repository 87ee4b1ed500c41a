/**
 * The results contract (in the spirit of Exercism's results.json v3): what gradeSubmission
 * returns and what route handlers store and send to the browser.
 */
import { z } from 'zod';

export const testStatusSchema = z.enum(['pass', 'fail', 'error']);

export const testResultSchema = z
  .object({
    name: z.string().min(1).max(300),
    stage: z.string().max(100).optional(),
    status: testStatusSchema,
    /** Harness-written, capped; present unless the test passed. */
    message: z.string().max(2_000).optional(),
    /** The seed that reproduces this test exactly (forSeeds tests). */
    seed: z.number().int().optional(),
    durationMs: z.number().min(0),
    /** The learner's console output during this test, capped. */
    output: z.string().max(20_000).optional(),
    /** Efficiency figures the lab defines (RPC counts, DB loads). */
    metrics: z.record(z.string(), z.number()).optional(),
    /** Serialized trace attached by the test, for failures only. */
    trace: z.string().max(20_000).optional(),
  })
  .strict();

export const diagnosticSchema = z.object({
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  message: z.string(),
  lineText: z.string().optional(),
});

/** Why a submission ended in 'error', for route handlers that map it to an HTTP answer or UI. */
export const errorKindSchema = z.enum(['code-size', 'compile', 'load', 'timeout', 'memory', 'output', 'crash', 'lab']);

export const gradeResultSchema = z
  .object({
    status: z.enum(['pass', 'fail', 'error']),
    message: z.string().max(2_000).optional(),
    errorKind: errorKindSchema.optional(),
    labId: z.string(),
    mode: z.enum(['hidden', 'visible']),
    sandbox: z.string(),
    tests: z.array(testResultSchema),
    diagnostics: z.array(diagnosticSchema).optional(),
    timings: z
      .object({
        transpileMs: z.number().min(0),
        bundleMs: z.number().min(0),
        queueMs: z.number().min(0),
        runMs: z.number().min(0),
        /** CPU time of the sandbox run: the measure the time limit applies to (absent in results recorded before it was). */
        cpuMs: z.number().min(0).optional(),
        totalMs: z.number().min(0),
      })
      .strict(),
  })
  .strict();

export type TestResult = z.infer<typeof testResultSchema>;
export type GradeResult = z.infer<typeof gradeResultSchema>;
export type ErrorKind = z.infer<typeof errorKindSchema>;
