import { msg } from '@/lib/i18n/translate';
import { currentViewer, viewerForApiWrite } from '@/lib/auth/session';
import { labManifest } from '@/lib/labs/catalog';
import { assertCodeSize, codeBodySchema, handle, HttpError, json, labIdParam, parseParam, readJson } from '@/lib/labs/http';
import { records } from '@/lib/labs/lab-records';
import { draftView } from '@/lib/labs/views';
import { hardLimits } from '@/grader/limits';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ lab: string }> };

async function knownLab(context: Context): Promise<string> {
  const labId = parseParam(labIdParam, (await context.params).lab);
  if (!(await labManifest(labId))) throw new HttpError(404, msg('labs.errors.unknownLab'));
  return labId;
}

/** GET /api/labs/[lab]/draft: the learner's saved draft, or `{draft: null}`. Never creates a guest. */
export async function GET(_request: Request, context: Context) {
  return handle(async () => {
    const labId = await knownLab(context);
    const viewer = await currentViewer();
    const draft = viewer ? await records().getDraft(viewer, labId) : null;
    return json({ draft: draft ? draftView(draft) : null });
  });
}

/** PUT /api/labs/[lab]/draft `{code}`: saves the draft (creating a guest learner on first save). 413 over 64 KB. */
export async function PUT(request: Request, context: Context) {
  return handle(async () => {
    const labId = await knownLab(context);
    const { code } = await readJson(request, codeBodySchema);
    assertCodeSize(code, hardLimits.codeSizeKb);
    const viewer = await viewerForApiWrite();
    if (!viewer) throw new HttpError(401, msg('labs.errors.noSessionSave'));
    const draft = await records().saveDraft(viewer, labId, code);
    return json({ draft: draftView(draft) });
  });
}
