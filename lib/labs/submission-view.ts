/**
 * The JSON shapes the lab route handlers answer with, shared by the server and the workspace.
 * Dates travel as ISO strings.
 */
import type { DisplayGradeResult } from './result-text';

export type SubmissionStatus = 'queued' | 'running' | 'passed' | 'failed' | 'error';

export interface SubmissionSummaryView {
  id: string;
  labId: string;
  status: SubmissionStatus;
  passedTests: number;
  totalTests: number;
  createdAt: string;
  finishedAt: string | null;
}

export interface SubmissionView extends SubmissionSummaryView {
  code: string;
  /** As graded; in a Chinese request each test may also carry `title` and a Chinese `message` (display only). */
  results: DisplayGradeResult | null;
  /** Submissions waiting ahead of this one in this server's queue (while queued). */
  queuePosition?: number;
  /**
   * While running, once the grader has reported: tests finished of the total, and the one running now (`current`,
   * the test's name; `currentTitle` its display name in a Chinese request).
   */
  progress?: { done: number; total: number; current?: string; currentTitle?: string };
}

export interface DraftView {
  code: string;
  updatedAt: string;
}

export interface LabStateView {
  labId: string;
  solved: boolean;
  attempts: number;
  lastStatus: SubmissionStatus | null;
  hasDraft: boolean;
}

export function isFinished(status: SubmissionStatus): boolean {
  return status === 'passed' || status === 'failed' || status === 'error';
}
