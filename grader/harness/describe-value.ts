/**
 * Turns any value, including hostile ones (proxies that throw, getters that throw, cycles,
 * huge strings, objects whose toString returns objects), into a short string. Never throws.
 */
const maxDepth = 2;
const maxEntries = 8;

function clip(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(0, maxChars - 1))}…`;
}

function describeInner(value: unknown, depth: number, seen: Set<object>, maxChars: number): string {
  switch (typeof value) {
    case 'string':
      return depth === 0 ? clip(value, maxChars) : JSON.stringify(clip(value, maxChars));
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${String(value)}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return clip(value.toString(), maxChars);
    case 'function':
      return `[function${value.name ? ` ${clip(String(value.name), 60)}` : ''}]`;
    default:
      break;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (seen.has(obj)) return '[circular]';
  if (obj instanceof Error) {
    const name = typeof obj.name === 'string' ? obj.name : 'Error';
    const message = typeof obj.message === 'string' ? obj.message : '';
    return clip(message ? `${name}: ${message}` : name, maxChars);
  }
  if (depth >= maxDepth) return Array.isArray(obj) ? '[array]' : '[object]';
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      const shown = obj.slice(0, maxEntries).map((item) => describeInner(item, depth + 1, seen, maxChars));
      if (obj.length > maxEntries) shown.push(`… ${obj.length - maxEntries} more`);
      return clip(`[${shown.join(', ')}]`, maxChars);
    }
    if (obj instanceof Map) return `Map(${obj.size})`;
    if (obj instanceof Set) return `Set(${obj.size})`;
    const keys = Object.keys(obj);
    const shown = keys.slice(0, maxEntries).map((key) => `${key}: ${describeInner((obj as Record<string, unknown>)[key], depth + 1, seen, maxChars)}`);
    if (keys.length > maxEntries) shown.push(`… ${keys.length - maxEntries} more`);
    return clip(`{${shown.join(', ')}}`, maxChars);
  } finally {
    seen.delete(obj);
  }
}

export function describeValue(value: unknown, maxChars = 500): string {
  try {
    return describeInner(value, 0, new Set(), maxChars);
  } catch {
    return '[a value that could not be described]';
  }
}

/** Describes a thrown value for a test message: Errors as "Name: message", anything else labelled as a non-Error throw. */
export function describeThrown(thrown: unknown, maxChars = 500): string {
  try {
    if (thrown instanceof Error) return describeValue(thrown, maxChars);
  } catch {
    return '[a thrown value that could not be described]';
  }
  return clip(`a non-Error value was thrown: ${describeValue(thrown, maxChars)}`, maxChars);
}
