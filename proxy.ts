import { NextResponse, type NextRequest } from 'next/server';
import { GUEST_SESSION_DAYS, issueGuestToken, SESSION_COOKIE } from '@/lib/auth/session-cookie';

/**
 * Gives a browser without a session cookie a fresh random token on its first page view. Nothing is
 * written to the database here (reads and crawlers create no rows; pages stay static): the guest
 * behind the token is created by the first write (lib/auth/session.ts, viewerOrGuest). Because the
 * token exists before the page can send anything, parallel first writes cannot create two guests.
 * The token is signed with SESSION_SECRET, so only tokens issued here are ever adopted as guests.
 */
export async function proxy(request: NextRequest) {
  const response = NextResponse.next();
  if (request.cookies.has(SESSION_COOKIE)) return response;
  const flag = process.env.COOKIE_SECURE;
  const https = (request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol).split(',')[0]!.trim().replace(/:$/, '') === 'https';
  response.cookies.set(SESSION_COOKIE, await issueGuestToken(), {
    httpOnly: true,
    sameSite: 'lax',
    secure: flag === '1' ? true : flag === '0' ? false : https,
    path: '/',
    maxAge: GUEST_SESSION_DAYS * 86_400,
  });
  return response;
}

export const config = {
  // Page navigations only: not static assets, not API calls (which create guests the old way if they
  // come without a cookie).
  matcher: ['/((?!_next/|api/|favicon\\.ico|.*\\.(?:png|svg|ico|txt|js|css|map|woff2?)$).*)'],
};
