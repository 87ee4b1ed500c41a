/** Messages between the pool (parent) and a worker process (child), over the fork IPC channel. */
import type { SandboxKind } from '../config';
import type { SandboxRequest, SandboxRun } from '../sandbox/sandbox';

export type ParentMessage = { type: 'run'; jobId: number; request: SandboxRequest };

export type ChildMessage =
  | { type: 'ready'; sandbox: SandboxKind }
  | { type: 'result'; jobId: number; run: SandboxRun }
  | { type: 'failed'; jobId: number; detail: string };

export const sandboxKindEnv = 'GRADER_WORKER_SANDBOX';
