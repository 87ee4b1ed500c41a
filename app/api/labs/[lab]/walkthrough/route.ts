import { z } from 'zod';
import { msg } from '@/lib/i18n/translate';
import { currentViewer, viewerForApiWrite } from '@/lib/auth/session';
import { handle, HttpError, json, labIdParam, parseParam, readJson } from '@/lib/labs/http';
import { requestWalkthroughUnlock, walkthroughStatus } from '@/lib/labs/walkthrough';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ lab: string }> };

/**
 * GET /api/labs/[lab]/walkthrough: `{walkthrough: {available, failedSubmissions, threshold, unlock}}`,
 * the learner's progress toward the lab's walkthrough (never its content; never creates a guest).
 * Reaching the threshold of failed submissions records the unlock.
 */
export async function GET(_request: Request, context: Context) {
  return handle(async () => {
    const labId = parseParam(labIdParam, (await context.params).lab);
    const status = await walkthroughStatus(await currentViewer(), labId);
    if (!status) throw new HttpError(404, msg('labs.errors.unknownLab'));
    return json({ walkthrough: status });
  });
}

const requestSchema = z.strictObject({ confirm: z.literal(true, { error: 'help.errors.confirm' }) });

/**
 * POST /api/labs/[lab]/walkthrough `{confirm: true}`: unlocks the walkthrough on request (recorded,
 * reason "requested"). 400 without the confirmation, 401 without a session, 404 unknown lab or a lab
 * without a walkthrough.
 */
export async function POST(request: Request, context: Context) {
  return handle(async () => {
    const labId = parseParam(labIdParam, (await context.params).lab);
    await readJson(request, requestSchema, 1024);
    const viewer = await viewerForApiWrite();
    const before = await walkthroughStatus(viewer, labId);
    if (!before) throw new HttpError(404, msg('labs.errors.unknownLab'));
    if (!before.available) throw new HttpError(404, msg('help.errors.noWalkthrough'));
    if (!viewer) throw new HttpError(401, msg('help.errors.noSession'));
    const status = await requestWalkthroughUnlock(viewer, labId);
    return json({ walkthrough: status });
  });
}
