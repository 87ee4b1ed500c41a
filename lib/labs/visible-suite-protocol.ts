/**
 * What GET /api/labs/[lab]/visible-suite returns and how the browser runs it. Shared by the server
 * (lib/labs/visible-suite.ts) and the browser runner (components/workspace/run-in-worker.ts).
 */

/** The global function the run script defines around the learner's transpiled CommonJS module: (exports, module, require). */
export { LEARNER_MODULE_GLOBAL } from '@/grader/harness/protocol';

export interface VisibleSuite {
  labId: string;
  /** The suite bundle (harness, visible tests, engines, the learner stand-in): an iife in strict mode. */
  script: string;
  /** Content hash of the script, also its ETag. */
  hash: string;
  /** What the visible tests import from './solution'. */
  requiredExports: string[];
  stageIds: string[];
  /** The lab's wall-time limit; the browser applies the same one to Run. */
  wallTimeMs: number;
}

/** Response headers carrying the metadata next to the script body. */
export const suiteHeaders = {
  stageIds: 'x-lab-stages',
  wallTimeMs: 'x-lab-wall-time-ms',
  requiredExports: 'x-lab-exports',
} as const;
