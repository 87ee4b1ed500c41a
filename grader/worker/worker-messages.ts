/** Messages between the pool (parent) and a worker process (child), over the fork IPC channel. */
import type { SandboxKind } from '../config';
import type { GradeProgress } from '../progress';
import type { SandboxRequest, SandboxRun } from '../sandbox/sandbox';

/** `progress`: send 'progress' messages while the job runs (only when someone shows them). */
export type ParentMessage = { type: 'run'; jobId: number; request: SandboxRequest; progress?: boolean };

export type ChildMessage =
  | { type: 'ready'; sandbox: SandboxKind }
  | { type: 'result'; jobId: number; run: SandboxRun }
  /** Tests finished so far while the job runs (throttled by the child: grader/progress.ts). */
  | { type: 'progress'; jobId: number; progress: GradeProgress }
  | { type: 'failed'; jobId: number; detail: string };

export const sandboxKindEnv = 'GRADER_WORKER_SANDBOX';
