import { msg } from '@/lib/i18n/translate';
import { getVisibleSuite } from '@/lib/labs/visible-suite';
import { suiteHeaders } from '@/lib/labs/visible-suite-protocol';
import { labExists } from '@/lib/labs/catalog';
import { handle, HttpError, labIdParam, parseParam } from '@/lib/labs/http';

export const dynamic = 'force-dynamic';

/**
 * GET /api/labs/[lab]/visible-suite: the visible tests bundled with the harness and the engines for
 * the browser's Run (never the hidden tests or the reference). The body is a script; the learner's
 * module is supplied at run time. Revalidated by ETag.
 */
export async function GET(request: Request, { params }: { params: Promise<{ lab: string }> }) {
  return handle(async () => {
    const labId = parseParam(labIdParam, (await params).lab);
    if (!(await labExists(labId))) throw new HttpError(404, msg('labs.errors.unknownLab'));
    const suite = await getVisibleSuite(labId);
    const etag = `"${suite.hash}"`;
    const headers: Record<string, string> = {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=0, must-revalidate',
      ETag: etag,
      [suiteHeaders.stageIds]: suite.stageIds.join(','),
      [suiteHeaders.wallTimeMs]: String(suite.wallTimeMs),
      [suiteHeaders.requiredExports]: suite.requiredExports.join(','),
    };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(suite.script, { status: 200, headers });
  });
}
