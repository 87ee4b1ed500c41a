/**
 * Session cookie facts shared by the proxy (which must not import the database) and lib/data.
 * Tokens are 32 random bytes in base64url (43 characters); only their SHA-256 is stored.
 */
export const SESSION_COOKIE = 'dsd_session';
/** A guest's session lasts a year (it is their only key to their progress); an account's 30 days, renewed on use. */
export const GUEST_SESSION_DAYS = 365;
export const ACCOUNT_SESSION_DAYS = 30;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh token from the platform CSPRNG (works in Node and in the proxy runtime). */
export function newSessionToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
