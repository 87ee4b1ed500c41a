import { currentViewer } from '@/lib/auth/session';
import { exportData } from '@/lib/data/progress';
import { requestLocale } from '@/app/_actions/result';
import { translate } from '@/lib/i18n/translate';

export const dynamic = 'force-dynamic';

/** Downloads everything stored about the current learner as JSON. */
export async function GET() {
  const viewer = await currentViewer();
  if (!viewer) return Response.json({ error: translate(await requestLocale(), 'progress.errors.nothingToExport') }, { status: 404 });
  const data = await exportData(viewer);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="dist-sys-dojo-export-${data.exportedAt.slice(0, 10)}.json"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
