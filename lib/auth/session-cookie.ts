/**
 * Session cookie facts shared by the proxy (which must not import the database) and lib/data.
 * Tokens are 32 random bytes in base64url (43 characters); only their SHA-256 is stored. A guest
 * token the proxy issues on a first page view carries an HMAC of itself under the server's
 * SESSION_SECRET (`<token>.<mac>`), so the first write adopts only tokens this server issued, never
 * one a client made up.
 */
export const SESSION_COOKIE = 'dsd_session';
/** A guest's session lasts a year (it is their only key to their progress); an account's 30 days, renewed on use. */
export const GUEST_SESSION_DAYS = 365;
export const ACCOUNT_SESSION_DAYS = 30;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const GUEST_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Set once per install by `npm start` (prisma/.session-secret) unless SESSION_SECRET is given; several servers must share it. */
const insecureDevSecret = 'dev-only: npm start sets SESSION_SECRET';

export function sessionSecret(env: Record<string, string | undefined> = process.env): string {
  const secret = env.SESSION_SECRET;
  if (secret && secret.length >= 32) return secret;
  if (env.NODE_ENV === 'production') throw new Error('SESSION_SECRET must be set to at least 32 characters (npm start sets one up)');
  return insecureDevSecret;
}

async function mac(secret: string, token: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`guest:${token}`)))).slice(0, 43);
}

/** A fresh guest token signed with the server's secret (the proxy's first-page-view cookie). */
export async function issueGuestToken(secret: string = sessionSecret()): Promise<string> {
  const token = newSessionToken();
  return `${token}.${await mac(secret, token)}`;
}

/** Whether this server issued the guest token (its MAC matches), compared in constant time. */
export async function isIssuedGuestToken(value: string, secret: string = sessionSecret()): Promise<boolean> {
  if (!GUEST_TOKEN_PATTERN.test(value)) return false;
  const [token, given] = value.split('.') as [string, string];
  const expected = await mac(secret, token);
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}

/** A fresh token from the platform CSPRNG (works in Node and in the proxy runtime). */
export function newSessionToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}
