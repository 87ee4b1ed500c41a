import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sessionSecret } from './session-cookie';

/**
 * A "known device" for an account: after a successful login the browser keeps a cookie holding an
 * HMAC of the account's name under SESSION_SECRET. Logins from a browser that shows it skip the
 * per-account bucket (the per-client bucket still applies), so an attacker who spends an account's
 * attempts from elsewhere — two wrong passwords a minute is enough to keep the bucket empty — cannot
 * lock its owner out of a browser they have signed in from before. (OWASP's "device cookies".)
 */
export const DEVICE_COOKIE = 'dsd_device';
export const DEVICE_COOKIE_DAYS = 365;

export function deviceProof(accountKey: string, secret: string = sessionSecret()): string {
  return createHmac('sha256', secret).update(`device:${accountKey}`).digest('base64url');
}

export function isKnownDevice(cookieValue: string | undefined, accountKey: string, secret: string = sessionSecret()): boolean {
  if (!cookieValue || cookieValue.length > 100) return false;
  const expected = Buffer.from(deviceProof(accountKey, secret));
  const given = Buffer.from(cookieValue);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
