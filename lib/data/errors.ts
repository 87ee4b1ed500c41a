import type { z } from 'zod';

/** Not found, or not yours: the two are deliberately indistinguishable to the caller. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** Input that failed validation; `fields` maps a field name to a message for forms. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'InputError';
  }

  static fromZod(error: z.ZodError, summary = 'Please check the highlighted fields.'): InputError {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) {
      const key = issue.path.length ? String(issue.path[0]) : '_';
      fields[key] ??= issue.message;
    }
    const only = Object.keys(fields).length === 1 ? Object.values(fields)[0] : undefined;
    return new InputError(only ?? summary, fields);
  }
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

export const STORAGE_UNAVAILABLE_MESSAGE = 'The database cannot save anything right now (it is read-only or full). Nothing was saved; please try again in a few minutes.';
