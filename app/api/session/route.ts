import { cookies } from 'next/headers';
import { z } from 'zod';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS, deviceProof, isKnownDevice } from '@/lib/auth/device-cookie';
import { PasswordCheckBusyError } from '@/lib/auth/password';
import { clientAddress, endSession, setAppCookie, setSessionCookie } from '@/lib/auth/session';
import { logIn, RateLimitedError } from '@/lib/data/accounts';
import { InputError } from '@/lib/data/errors';
import { handle, HttpError, json, readJson } from '@/lib/labs/http';
import { requestLocale } from '@/app/_actions/result';
import type { Locale } from '@/lib/i18n/locale';
import { isMessageKey, translate } from '@/lib/i18n/translate';

export const dynamic = 'force-dynamic';

const loginBodySchema = z.strictObject({
  identifier: z.string({ error: 'account.errors.identifierNotString' }).max(320, 'account.errors.identifierTooLongApi'),
  password: z.string({ error: 'account.errors.passwordNotString' }).max(1024, 'account.errors.passwordTooLongApi'),
});

/** Reads and checks the body: the JSON envelope by the shared reader, the fields here, so their messages are in the learner's language. */
async function readLoginBody(request: Request, locale: Locale): Promise<z.output<typeof loginBodySchema>> {
  const body = await readJson(request, z.unknown(), 4096);
  const parsed = loginBodySchema.safeParse(body);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message;
    // Unknown or missing fields are zod's own words (a developer's mistake, not a learner's).
    throw new HttpError(400, message && isMessageKey(message) ? translate(locale, message) : (message ?? 'invalid body'));
  }
  return parsed.data;
}

/** A browser on another site may not sign a learner in (login CSRF): an Origin, when sent, must be this host. */
function assertSameOrigin(request: Request, locale: Locale): void {
  const origin = request.headers.get('origin');
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new HttpError(403, translate(locale, 'account.errors.originNotUrl'));
  }
  if (host !== request.headers.get('host')) throw new HttpError(403, translate(locale, 'account.errors.crossSite'));
}

/**
 * POST /api/session `{identifier, password}`: signs in (the same rules as the sign-in form, which
 * uses a server action): 200 `{signedIn, name}` with the session cookie; 401 wrong credentials;
 * 429 with Retry-After when the client's address or the account has spent its attempts; 503 with
 * Retry-After while the password checker is saturated. The client address comes from the socket
 * (and TRUST_PROXY hops), never from a header the client chose.
 */
export async function POST(request: Request) {
  const locale = await requestLocale();
  return handle(async () => {
    assertSameOrigin(request, locale);
    const input = await readLoginBody(request, locale);
    const device = (await cookies()).get(DEVICE_COOKIE)?.value;
    try {
      const result = await logIn(input, await clientAddress(), new Date(), (accountKey) => isKnownDevice(device, accountKey));
      await setSessionCookie(result.token, result.expiresAt);
      await setAppCookie(DEVICE_COOKIE, deviceProof(result.accountKey), DEVICE_COOKIE_DAYS * 86_400);
      return json({ signedIn: true, name: result.viewer.displayName ?? result.viewer.username ?? result.viewer.email });
    } catch (error) {
      if (error instanceof RateLimitedError) throw new HttpError(429, error.localized(locale), { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) });
      if (error instanceof PasswordCheckBusyError) throw new HttpError(503, error.localized(locale), { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) });
      if (error instanceof InputError) throw new HttpError(error.fields.password ? 401 : 400, error.localized(locale));
      throw error;
    }
  });
}

/** DELETE /api/session: signs out (ends the session and clears the cookie). 204. */
export async function DELETE(request: Request) {
  const locale = await requestLocale();
  return handle(async () => {
    assertSameOrigin(request, locale);
    await endSession();
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'private, no-store' } });
  });
}
