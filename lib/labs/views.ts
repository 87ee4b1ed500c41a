import 'server-only';
import type { DraftRecord, SubmissionRecord, SubmissionSummary } from './lab-records';
import type { DraftView, SubmissionSummaryView, SubmissionView } from './submission-view';

export function summaryView(s: SubmissionSummary): SubmissionSummaryView {
  return {
    id: s.id,
    labId: s.labId,
    status: s.status,
    passedTests: s.passedTests,
    totalTests: s.totalTests,
    createdAt: s.createdAt.toISOString(),
    finishedAt: s.finishedAt ? s.finishedAt.toISOString() : null,
  };
}

export function submissionView(s: SubmissionRecord, queuePosition?: number): SubmissionView {
  return { ...summaryView(s), code: s.code, results: s.results, ...(queuePosition === undefined ? {} : { queuePosition }) };
}

export function draftView(d: DraftRecord): DraftView {
  return { code: d.code, updatedAt: d.updatedAt.toISOString() };
}
