import 'server-only';
import { cookies, headers } from 'next/headers';
import { createGuest, guestForToken, SESSION_COOKIE, signOut, viewerForToken } from '@/lib/data/accounts';
import type { Viewer } from '@/lib/data/types';
import { CLIENT_HEADER } from '@/scripts/client-address.mjs';

/**
 * The request's learner, from the session cookie. Guests are created lazily: `viewerOrGuest()` is
 * called only by server actions and route handlers that save something, so reading a page never
 * writes to the database, crawlers and link previews create no rows, and pages that do not need the
 * learner (lessons, topics) stay statically generated.
 *
 * Cookies are httpOnly, SameSite=Lax, path=/. `Secure` is set when the request came over https
 * (x-forwarded-proto, which `next start` sets from the connection and a TLS-terminating proxy sets
 * for it) or when COOKIE_SECURE=1; COOKIE_SECURE=0 turns it off. The end-to-end server runs plain
 * http on 127.0.0.1, so it gets non-Secure cookies, which browsers would otherwise drop.
 */

async function isSecureRequest(): Promise<boolean> {
  const flag = process.env.COOKIE_SECURE;
  if (flag === '1') return true;
  if (flag === '0') return false;
  const proto = (await headers()).get('x-forwarded-proto') ?? '';
  return proto.split(',')[0]!.trim() === 'https';
}

export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

/** The signed-in learner or guest, or null when the browser has no valid session. Never writes a cookie. */
export async function currentViewer(): Promise<Viewer | null> {
  return viewerForToken(await sessionToken());
}

export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: await isSecureRequest(),
    path: '/',
    expires: expiresAt,
  });
}

/** Any other httpOnly, SameSite=Lax cookie of the app (the known-device cookie), Secure as the session's is. */
export async function setAppCookie(name: string, value: string, maxAgeSeconds: number): Promise<void> {
  (await cookies()).set(name, value, { httpOnly: true, sameSite: 'lax', secure: await isSecureRequest(), path: '/', maxAge: maxAgeSeconds });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: await isSecureRequest(), path: '/', maxAge: 0 });
}

/** For server actions and route handlers: the current learner, creating a guest (and its cookie) on first write. */
export async function viewerOrGuest(): Promise<Viewer> {
  const token = await sessionToken();
  const existing = await viewerForToken(token);
  if (existing) return existing;
  // The proxy gave this browser a token on its first page view: every write from that page, however
  // many arrive at once, resolves to the same guest.
  const adopted = token ? await guestForToken(token) : null;
  if (adopted) return adopted;
  const guest = await createGuest();
  await setSessionCookie(guest.token, guest.expiresAt);
  return guest.viewer;
}

/**
 * For API writes (route handlers): the current learner, or the guest behind the token the proxy
 * issued on a page view. Null when the request carries no session token: an API write never
 * creates a guest by itself, so a client that drops its cookie cannot mint a fresh guest (and a
 * fresh per-learner limit) per request; the caller answers 401.
 */
export async function viewerForApiWrite(): Promise<Viewer | null> {
  const token = await sessionToken();
  if (!token) return null;
  return (await viewerForToken(token)) ?? (await guestForToken(token));
}

/** Signs the browser out: the session row is deleted, then the cookie. */
export async function endSession(): Promise<void> {
  await signOut(await sessionToken());
  await clearSessionCookie();
}

/**
 * The client's address for per-client limits. The app's server (scripts/server.mjs, which `npm
 * start` runs) writes it from the connection, trusting TRUST_PROXY hops of X-Forwarded-For, and
 * replaces any value a client sent under that header. Under `next dev` or a bare `next start` the
 * header is absent and the first X-Forwarded-For hop is used, which a client can forge there.
 */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  return h.get(CLIENT_HEADER) || h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || 'unknown';
}
