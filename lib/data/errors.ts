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
