/** Text checks shared by every input boundary (JSON route bodies, server action arguments). */

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path of the first string in a parsed JSON value (or action arguments) that is not
 * well-formed UTF-16 — a lone surrogate, as JSON's "\ud800" escape allows: '' for the value itself,
 * null when all are fine. The database could not store it, so it is refused up front as the
 * caller's error. Iterative, so a deeply nested value cannot overflow the stack.
 */
export function illFormedStringPath(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, '']];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'string') {
      if (loneSurrogate.test(item)) return path;
      continue;
    }
    if (item === null || typeof item !== 'object' || seen.has(item)) continue;
    seen.add(item);
    const entries = Object.entries(item);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      pending.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return null;
}
