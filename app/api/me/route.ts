import { currentViewer } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/** Who the browser is (for the header's account links). Never creates a guest. */
export async function GET() {
  const viewer = await currentViewer();
  const body = viewer ? { signedIn: !viewer.isGuest, guest: viewer.isGuest, name: viewer.isGuest ? null : (viewer.displayName ?? viewer.username ?? viewer.email) } : { signedIn: false, guest: false, name: null };
  return Response.json(body, { headers: { 'Cache-Control': 'private, no-store' } });
}
