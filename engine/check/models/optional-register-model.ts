import { assertNever } from '../../sim/assert-never';
import type { Model } from '../model';

/** What a register may hold. */
export type RegisterValue = number | string;

export type OptionalRegisterInput =
  | { readonly type: 'read' }
  | { readonly type: 'write'; readonly value: RegisterValue }
  | { readonly type: 'delete' };

/** read → the value, or null when the register is absent (never written, or deleted); write and delete → null. */
export type OptionalRegisterOutput = RegisterValue | null;

/** Shows a value that may be absent: strings quoted, absence as `absent`. */
export function showOptionalValue(value: RegisterValue | null | undefined): string {
  if (value === undefined) return '?';
  if (value === null) return 'absent';
  return JSON.stringify(value);
}

/**
 * A single register whose value may be absent, like one key of a store that can say "not found":
 * initially absent; read returns the value or null; write sets it; delete makes it absent again.
 * Unlike `registerModel` (a number starting at 0), a read of a never-written register must say
 * null, not 0.
 */
export const optionalRegisterModel: Model<RegisterValue | null, OptionalRegisterInput, OptionalRegisterOutput> = {
  init: () => null,
  step(state, input, output) {
    switch (input.type) {
      case 'read':
        return output === undefined || output === state ? { ok: true, state } : { ok: false };
      case 'write':
        return { ok: true, state: input.value };
      case 'delete':
        return { ok: true, state: null };
      default:
        return assertNever(input, 'optional register input');
    }
  },
  readOnly: (input) => input.type === 'read',
  describeOperation(input, output) {
    switch (input.type) {
      case 'read':
        return `read() → ${showOptionalValue(output)}`;
      case 'write':
        return `write(${showOptionalValue(input.value)})`;
      case 'delete':
        return 'delete()';
      default:
        return assertNever(input, 'optional register input');
    }
  },
  describeState: (s) => showOptionalValue(s),
};
