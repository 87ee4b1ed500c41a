import { currentViewer } from '@/lib/auth/session';
import { exportData } from '@/lib/data/progress';

export const dynamic = 'force-dynamic';

/** Downloads everything stored about the current learner as JSON. */
export async function GET() {
  const viewer = await currentViewer();
  if (!viewer) return Response.json({ error: 'There is no progress in this browser yet, so there is nothing to export.' }, { status: 404 });
  const data = await exportData(viewer);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="dist-sys-dojo-export-${data.exportedAt.slice(0, 10)}.json"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
