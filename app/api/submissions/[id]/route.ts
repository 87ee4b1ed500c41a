import { msg } from '@/lib/i18n/translate';
import { currentViewer } from '@/lib/auth/session';
import { submissionQueue, submissionWatch } from '@/lib/labs/grading';
import { zhResultTexts } from '@/lib/labs/zh-lab';
import { bearerViewer } from '@/lib/labs/bearer';
import { handle, HttpError, requestLocale, json, parseParam, parseWaitQuery, submissionIdParam } from '@/lib/labs/http';
import { records, type SubmissionRecord } from '@/lib/labs/lab-records';
import type { Viewer } from '@/lib/data/types';
import { submissionView } from '@/lib/labs/views';

export const dynamic = 'force-dynamic';

const isPending = (s: SubmissionRecord) => s.status === 'queued' || s.status === 'running';

/** The submission and, while it waits in this server's own queue, its position (re-queued here after a restart). */
async function load(viewer: Viewer, id: string): Promise<{ submission: SubmissionRecord; position: number | undefined }> {
  const submission = await records().getSubmission(viewer, id);
  let position: number | undefined;
  if (isPending(submission)) {
    const queue = submissionQueue();
    if (!queue.has(id)) await queue.sweep();
    position = queue.position(id) ?? undefined;
  }
  return { submission, position };
}

/**
 * GET /api/submissions/[id]: one of the learner's submissions with its code, status and results
 * (per-test names, messages, seeds, metrics, traces of failures). Someone else's id answers 404.
 * While it is queued, a poll also makes sure this server is grading it (after a restart).
 *
 * Long poll: with `?wait=<1–25 s>&status=<the status the browser has>[&position=<its queue position>][&done=<tests
 * done it has seen>]` the answer waits until the submission differs from that (or the time is up), so a waiting
 * browser sends a request per change instead of one a second (lib/labs/submission-watch.ts), and the Submit panel
 * follows the tests as they finish.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const id = parseParam(submissionIdParam, (await params).id);
    const wait = parseWaitQuery(new URL(request.url).searchParams);
    const viewer = (await bearerViewer(request)) ?? (await currentViewer());
    if (!viewer) throw new HttpError(404, msg('labs.errors.submissionNotFound'));
    let { submission, position } = await load(viewer, id);
    if (wait && submission.status === wait.status && (position ?? null) === wait.position && (submission.progress?.done ?? null) === wait.done) {
      const outcome = await submissionWatch().wait({
        id,
        clientKey: viewer.id,
        knownStatus: wait.status,
        knownPosition: wait.position,
        knownDone: wait.done,
        timeoutMs: wait.wait * 1000,
        signal: request.signal,
      });
      if (outcome !== 'aborted') ({ submission, position } = await load(viewer, id));
    }
    const texts = (await requestLocale()) === 'zh-CN' ? zhResultTexts(submission.labId) : null;
    return json({ submission: submissionView(submission, position, texts) });
  });
}
