/** Ends an exhaustive switch: the compiler proves `value` is `never`, and a bad runtime value fails loudly. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
