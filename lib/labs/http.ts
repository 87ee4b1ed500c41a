import 'server-only';
import { z } from 'zod';
import { isStorageUnavailable, NotFoundError, STORAGE_UNAVAILABLE_MESSAGE } from '@/lib/data/errors';
import { hardLimits } from '@/grader/limits';
import { illFormedStringPath } from '@/lib/text';
import type { Locale } from '@/lib/i18n/locale';
import { isMessageKey, messageText, msg, type Message } from '@/lib/i18n/translate';
import { DRAIN_BYTES } from '../../scripts/action-body.mjs';

/**
 * Request validation and error answers shared by the lab route handlers. Every body is read as text
 * with a byte cap, parsed as JSON and validated with zod; errors answer JSON `{error, field?}` with
 * 400 (invalid), 404 (unknown), 413 (too large), 429 (rate limited).
 */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** A key of the interface strings (labs.errors.*) with values, or plain text; `message` is the English. */
    readonly text: Message,
    readonly headers: Record<string, string> = {},
    /** Untranslated text put before the message (a field path such as "code: "). */
    readonly prefix = '',
  ) {
    super(prefix + messageText(text));
    this.name = 'HttpError';
  }

  localized(locale: Locale): string {
    return this.prefix + messageText(this.text, locale);
  }
}

/** A zod issue message that may be a key of the interface strings. */
function issueText(message: string | undefined, fallback: string): Message {
  if (message === undefined) return msg(fallback);
  return isMessageKey(message) ? msg(message) : message;
}

/** Route params: a lab id is kebab-case; a submission id is a cuid-like token. */
export const labIdParam = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'labs.errors.unknownLab').max(80, 'labs.errors.unknownLab');
export const submissionIdParam = z.string().regex(/^[a-z0-9]{8,40}$/i, 'labs.errors.unknownSubmission');

/** The body of PUT /api/labs/[lab]/draft and POST /api/labs/[lab]/submissions. */
export const codeBodySchema = z.strictObject({
  code: z.string({ error: 'labs.errors.codeNotString' }),
});

/** Bytes a body may take on the wire: the code limit, JSON-escaped (at worst 6 bytes per byte for control characters, in practice ~1.1×), plus envelope. */
export const MAX_BODY_BYTES = hardLimits.codeSizeKb * 1024 * 2 + 1024;

export function codeBytes(code: string): number {
  return new TextEncoder().encode(code).length;
}

/** 413 with the lab's own limit, in the same words as the editor shows them. */
export function assertCodeSize(code: string, limitKb: number): void {
  const bytes = codeBytes(code);
  if (bytes > limitKb * 1024) {
    throw new HttpError(413, msg('labs.errors.codeTooLarge', { size: (bytes / 1024).toFixed(1), limit: limitKb }));
  }
}


/**
 * After a body has passed its limit, the rest is read and dropped (up to DRAIN_BYTES in all, the
 * same bound server.mjs uses for server-action bodies) so the client, still sending, can read the
 * 413 instead of a reset connection; past it the stream is cancelled and the connection closes.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  let left = budget;
  while (left > 0) {
    const { done, value } = await reader.read();
    if (done) return;
    left -= value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
}

export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_BODY_BYTES): Promise<z.output<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, msg('labs.errors.sendJson'));
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new HttpError(413, msg('labs.errors.requestTooLarge', { size: (declared / 1024).toFixed(0), max: Math.floor(maxBytes / 1024) }));
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await drain(reader, DRAIN_BYTES - total);
        throw new HttpError(413, msg('labs.errors.requestOver', { max: Math.floor(maxBytes / 1024) }));
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpError(400, msg('labs.errors.invalidJson'));
  }
  const broken = illFormedStringPath(json);
  if (broken !== null) throw new HttpError(400, msg('labs.errors.loneSurrogate', { where: broken ? `${broken}: ` : '' }));
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new HttpError(400, issueText(issue?.message, 'labs.errors.invalidBody'), {}, where);
  }
  return parsed.data;
}

/** An optional whole-number query parameter (null when absent). */
const countParam = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number)
  .nullable()
  .default(null);
const waitQuerySchema = z.object({
  wait: z.coerce.number().int().min(1).max(25),
  status: z.enum(['queued', 'running']),
  position: countParam,
  done: countParam,
});
export type WaitQuery = z.output<typeof waitQuerySchema>;

/**
 * GET /api/submissions/[id]?wait=<s>&status=<what the browser saw>[&position=<n>][&done=<tests done>]: a long poll
 * (null without wait=).
 * A malformed one is a 400 that says what the parameters take.
 */
export function parseWaitQuery(params: URLSearchParams): WaitQuery | null {
  if (!params.has('wait')) return null;
  const parsed = waitQuerySchema.safeParse({ wait: params.get('wait'), status: params.get('status'), position: params.get('position'), done: params.get('done') });
  if (!parsed.success) throw new HttpError(400, msg('labs.errors.badWait'));
  return parsed.data;
}

export function parseParam<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(404, issueText(parsed.error.issues[0]?.message, 'labs.errors.notFound'));
  return parsed.data;
}

const noStore = { 'Cache-Control': 'private, no-store' };

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...noStore, ...init.headers } });
}

/** Maps thrown errors to answers in the learner's language; anything unexpected is logged and answered 500 without details. */
export function errorResponse(error: unknown, locale: Locale = 'en'): Response {
  if (error instanceof HttpError) return json({ error: error.localized(locale) }, { status: error.status, headers: error.headers });
  if (error instanceof NotFoundError) return json({ error: locale === 'en' ? error.message : error.localized(locale) }, { status: 404 });
  console.error('[labs api]', error);
  if (isStorageUnavailable(error)) return json({ error: locale === 'en' ? STORAGE_UNAVAILABLE_MESSAGE : messageText(msg('errors.storageUnavailable'), locale) }, { status: 503, headers: { 'Retry-After': '30' } });
  return json({ error: messageText(msg('labs.errors.server'), locale) }, { status: 500 });
}

/** The request's language (next-intl reads the cookie and Accept-Language); English outside a request. */
export async function requestLocale(): Promise<Locale> {
  try {
    const { getLocale } = await import('next-intl/server');
    return (await getLocale()) === 'zh-CN' ? 'zh-CN' : 'en';
  } catch {
    return 'en';
  }
}

/** Runs a handler body, turning errors into answers. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    return errorResponse(error, await requestLocale());
  }
}
