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

/**
 * The long-poll query for GET /api/submissions/[id] (app/api/submissions/[id]/route.ts): what the caller has seen of a
 * pending submission, answered when that changes or after `waitSeconds`. Empty before anything was seen.
 */
export function longPollQuery(seen: Pick<SubmissionView, 'status' | 'queuePosition' | 'progress'> | null, waitSeconds = 20): string {
  if (!seen) return '';
  const position = seen.queuePosition === undefined ? '' : `&position=${seen.queuePosition}`;
  const done = seen.progress ? `&done=${seen.progress.done}` : '';
  return `?wait=${waitSeconds}&status=${seen.status}${position}${done}`;
}

/** Whether a long poll's answer shows nothing new (the caller then pauses before asking again). */
export function sameProgress(a: Pick<SubmissionView, 'status' | 'queuePosition' | 'progress'> | null, b: Pick<SubmissionView, 'status' | 'queuePosition' | 'progress'>): boolean {
  return a !== null && a.status === b.status && a.queuePosition === b.queuePosition && a.progress?.done === b.progress?.done;
}
