import { msg } from '@/lib/i18n/translate';
import { currentViewer, viewerForApiWrite } from '@/lib/auth/session';
import { labManifest } from '@/lib/labs/catalog';
import { submissionCaps, submissionQueue, submitLimiter } from '@/lib/labs/grading';
import { assertCodeSize, codeBodySchema, handle, HttpError, json, labIdParam, parseParam, readJson, requestLocale } from '@/lib/labs/http';
import { zhResultTexts } from '@/lib/labs/zh-lab';
import { bearerViewer } from '@/lib/labs/bearer';
import { records } from '@/lib/labs/lab-records';
import { submissionView, summaryView } from '@/lib/labs/views';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ lab: string }> };

/** GET /api/labs/[lab]/submissions: the learner's submissions of this lab, newest first (no code; open one for that). */
export async function GET(request: Request, context: Context) {
  return handle(async () => {
    const labId = parseParam(labIdParam, (await context.params).lab);
    if (!(await labManifest(labId))) throw new HttpError(404, msg('labs.errors.unknownLab'));
    const viewer = (await bearerViewer(request)) ?? (await currentViewer());
    const list = viewer ? await records().listSubmissions(viewer, labId) : [];
    return json({ submissions: list.map(summaryView) });
  });
}

/**
 * POST /api/labs/[lab]/submissions `{code}`: persists a submission as queued and hands it to the
 * grading queue; answers 202 with the submission to poll at /api/submissions/[id].
 * 400 invalid body, 401 no session (guests are created by page views, not by API calls), 404 unknown
 * lab, 413 over the lab's code-size limit, 429 too many submissions (the rate, or this learner's
 * ungraded ones), 503 when the grading queue is full.
 */
export async function POST(request: Request, context: Context) {
  return handle(async () => {
    const labId = parseParam(labIdParam, (await context.params).lab);
    const manifest = await labManifest(labId);
    if (!manifest) throw new HttpError(404, msg('labs.errors.unknownLab'));
    const { code } = await readJson(request, codeBodySchema);
    assertCodeSize(code, manifest.limits.codeSizeKb);
    if (code.trim().length === 0) throw new HttpError(400, msg('labs.errors.noCode'));
    // An API token (the command-line client) acts for its user; otherwise the session cookie.
    const viewer = (await bearerViewer(request)) ?? (await viewerForApiWrite());
    if (!viewer) throw new HttpError(401, msg('labs.errors.noSessionSubmit'));
    const caps = submissionCaps();
    if ((await records().unfinishedCount(viewer)) >= caps.perLearner) {
      throw new HttpError(429, msg('labs.errors.tooManyWaiting', { count: caps.perLearner }), { 'Retry-After': '5' });
    }
    if ((await records().unfinishedCount(null)) >= caps.total) {
      throw new HttpError(503, msg('labs.errors.graderBusy'), { 'Retry-After': '30' });
    }
    const decision = await submitLimiter().take(viewer.id, Date.now());
    if (!decision.ok) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      throw new HttpError(429, msg('labs.errors.tooManySubmissions', { seconds }), { 'Retry-After': String(seconds) });
    }
    const submission = await records().createSubmission(viewer, labId, code);
    const queue = submissionQueue();
    queue.enqueue(submission.id);
    const texts = (await requestLocale()) === 'zh-CN' ? zhResultTexts(labId) : null;
    return json({ submission: submissionView(submission, queue.position(submission.id) ?? undefined, texts) }, { status: 202, headers: { Location: `/api/submissions/${submission.id}` } });
  });
}
