import 'server-only';
import type { DraftRecord, SubmissionRecord, SubmissionSummary } from './lab-records';
import { localizeResult, localizeTestName, type LabResultTexts } from './result-text';
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

/** A submission for the API; with `texts` (a Chinese request) its results carry display names and messages in Chinese, ids unchanged. */
export function submissionView(s: SubmissionRecord, queuePosition?: number, texts?: LabResultTexts | null): SubmissionView {
  const view: SubmissionView = { ...summaryView(s), code: s.code, results: s.results && texts ? localizeResult(s.results, texts) : s.results, ...(queuePosition === undefined ? {} : { queuePosition }) };
  if (s.status === 'running' && s.progress) {
    const { done, total, current } = s.progress;
    const title = current !== undefined && texts ? localizeTestName(current, texts) : undefined;
    view.progress = { done, total, ...(current === undefined ? {} : { current }), ...(title !== undefined && title !== current ? { currentTitle: title } : {}) };
  }
  return view;
}

export function draftView(d: DraftRecord): DraftView {
  return { code: d.code, updatedAt: d.updatedAt.toISOString() };
}
