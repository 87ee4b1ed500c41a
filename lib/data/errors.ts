import type { z } from 'zod';
import type { Locale } from '@/lib/i18n/locale';
import { isMessageKey, messageText, msg, type Message } from '@/lib/i18n/translate';

/**
 * An error the learner is meant to read. Its message is a key of the interface strings with values
 * (see lib/i18n/translate.ts) or plain English; `message` is always the English, for logs and tests,
 * and `localized(locale)` is what a server action or API route answers with.
 */
export class UserFacingError extends Error {
  constructor(readonly text: Message) {
    super(messageText(text));
  }

  localized(locale: Locale): string {
    return messageText(this.text, locale);
  }
}

/** Not found, or not yours: the two are deliberately indistinguishable to the caller. `what` names it ("lesson", or a key such as 'errors.things.lesson'). */
export class NotFoundError extends UserFacingError {
  constructor(what: Message) {
    super(typeof what === 'string' && !isMessageKey(what) ? `${what} not found` : msg('errors.notFound', { what: messageText(what) }));
    this.what = what;
    this.name = 'NotFoundError';
  }

  readonly what: Message;

  override localized(locale: Locale): string {
    const what = typeof this.what === 'string' && isMessageKey(this.what) ? msg(this.what) : this.what;
    return messageText(msg('errors.notFoundOrNotYours', { what: messageText(what, locale) }), locale);
  }
}

/**
 * Input that failed validation; `fields` maps a field name to a message for forms. Messages may be
 * keys (zod schemas can use a key such as 'errors.account.passwordTooShort' as an issue's message).
 */
export class InputError extends UserFacingError {
  readonly fields: Record<string, string>;
  constructor(
    message: Message,
    readonly fieldMessages: Record<string, Message> = {},
  ) {
    super(typeof message === 'string' && isMessageKey(message) ? msg(message) : message);
    this.fields = Object.fromEntries(Object.entries(fieldMessages).map(([k, v]) => [k, messageText(asMessage(v))]));
    this.name = 'InputError';
  }

  localizedFields(locale: Locale): Record<string, string> {
    return Object.fromEntries(Object.entries(this.fieldMessages).map(([k, v]) => [k, messageText(asMessage(v), locale)]));
  }

  static fromZod(error: z.ZodError, summary: Message = msg('errors.checkFields')): InputError {
    const fields: Record<string, Message> = {};
    for (const issue of error.issues) {
      const key = issue.path.length ? String(issue.path[0]) : '_';
      fields[key] ??= asMessage(issue.message);
    }
    const only = Object.keys(fields).length === 1 ? Object.values(fields)[0] : undefined;
    return new InputError(only ?? summary, fields);
  }
}

/** A zod issue message that is an interface-string key becomes a reference to it. */
function asMessage(m: Message): Message {
  return typeof m === 'string' && isMessageKey(m) ? msg(m) : m;
}

/** Parses `value` with `schema` or throws an InputError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw InputError.fromZod(parsed.error);
  return parsed.data;
}

/** SQLite result codes and PostgreSQL SQLSTATEs meaning "the database cannot take writes right now". */
const UNAVAILABLE_CODES = new Set(['SQLITE_READONLY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', '25006', '53100', '53200', '57P03']);
const UNAVAILABLE_TEXT = /readonly database|read-only (?:file system|transaction)|database or disk is full|no space left on device|disk full/i;

/**
 * Is this error the database refusing writes (read-only, full, or its disk failing) rather than a
 * bug? Walks the `cause` chain, because drivers wrap their errors. Such errors are answered 503
 * ("try again later; nothing was saved"), not 500.
 */
export function isStorageUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_TEXT.test(message)) return true;
  }
  return false;
}

/** The English answer to a database that refuses writes (the key 'errors.storageUnavailable' in other languages). */
export const STORAGE_UNAVAILABLE_MESSAGE = messageText(msg('errors.storageUnavailable'));
