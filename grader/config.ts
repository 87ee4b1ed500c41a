/**
 * Grader settings from the environment, read once:
 *   GRADER_POOL_SIZE  worker processes kept warm (default 1 on one core, else 2; at most 16)
 *   GRADER_SANDBOX    'isolated-vm' (default) or 'quickjs'
 *   GRADER_LABS_DIR   where lab packages live (default <cwd>/labs)
 *   GRADER_ROOT_DIR   the project root, used to find the worker entry (default <cwd>)
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const sandboxKinds = ['isolated-vm', 'quickjs'] as const;
export type SandboxKind = (typeof sandboxKinds)[number];

const envSchema = z.object({
  GRADER_POOL_SIZE: z.coerce.number().int().min(1).max(16).optional(),
  GRADER_SANDBOX: z.enum(sandboxKinds).optional(),
  GRADER_LABS_DIR: z.string().min(1).optional(),
  GRADER_ROOT_DIR: z.string().min(1).optional(),
});

export interface GraderConfig {
  poolSize: number;
  sandbox: SandboxKind;
  labsDir: string;
  rootDir: string;
}

export function readGraderConfig(env: Record<string, string | undefined> = process.env): GraderConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid grader environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const rootDir = path.resolve(parsed.data.GRADER_ROOT_DIR ?? process.cwd());
  return {
    poolSize: parsed.data.GRADER_POOL_SIZE ?? Math.min(2, os.availableParallelism()),
    sandbox: parsed.data.GRADER_SANDBOX ?? 'isolated-vm',
    labsDir: path.resolve(parsed.data.GRADER_LABS_DIR ?? path.join(rootDir, 'labs')),
    rootDir,
  };
}
