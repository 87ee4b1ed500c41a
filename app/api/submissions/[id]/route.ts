import { msg } from '@/lib/i18n/translate';
import { currentViewer } from '@/lib/auth/session';
import { submissionQueue } from '@/lib/labs/grading';
import { zhResultTexts } from '@/lib/labs/zh-lab';
import { bearerViewer } from '@/lib/labs/bearer';
import { handle, HttpError, requestLocale, json, parseParam, submissionIdParam } from '@/lib/labs/http';
import { records } from '@/lib/labs/lab-records';
import { submissionView } from '@/lib/labs/views';

export const dynamic = 'force-dynamic';

/**
 * GET /api/submissions/[id]: one of the learner's submissions with its code, status and results
 * (per-test names, messages, seeds, metrics, traces of failures). Someone else's id answers 404.
 * While it is queued, a poll also makes sure this server is grading it (after a restart).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const id = parseParam(submissionIdParam, (await params).id);
    const viewer = (await bearerViewer(request)) ?? (await currentViewer());
    if (!viewer) throw new HttpError(404, msg('labs.errors.submissionNotFound'));
    const submission = await records().getSubmission(viewer, id);
    let position: number | undefined;
    if (submission.status === 'queued' || submission.status === 'running') {
      const queue = submissionQueue();
      if (!queue.has(id)) await queue.sweep();
      position = queue.position(id) ?? undefined;
    }
    const texts = (await requestLocale()) === 'zh-CN' ? zhResultTexts(submission.labId) : null;
    return json({ submission: submissionView(submission, position, texts) });
  });
}
