import { assertNever } from '../../sim/assert-never';
import type { Model } from '../model';
import { showOptionalValue, type RegisterValue } from './optional-register-model';

export type CasRegisterInput =
  | { readonly type: 'read' }
  | { readonly type: 'write'; readonly value: RegisterValue }
  /** Sets `value` if the register holds `expected` (null: if it is absent, i.e. create-if-absent). */
  | { readonly type: 'cas'; readonly expected: RegisterValue | null; readonly value: RegisterValue };

/** read → the value, or null when absent; write → null; cas → whether it swapped. */
export type CasRegisterOutput = RegisterValue | boolean | null;

/**
 * A compare-and-swap register (the shape of an etcd or ZooKeeper key used as a lock or a leader
 * lease): initially absent; read returns the value or null; write sets it; cas(expected, value)
 * sets it only if it holds `expected` and answers whether it did. A cas that answered false must
 * also be explained: at its linearization point the register held something else.
 */
export const casRegisterModel: Model<RegisterValue | null, CasRegisterInput, CasRegisterOutput> = {
  init: () => null,
  step(state, input, output) {
    switch (input.type) {
      case 'read':
        return output === undefined || output === state ? { ok: true, state } : { ok: false };
      case 'write':
        return { ok: true, state: input.value };
      case 'cas': {
        const swapped = state === input.expected;
        if (output !== undefined && output !== swapped) return { ok: false };
        return { ok: true, state: swapped ? input.value : state };
      }
      default:
        return assertNever(input, 'CAS register input');
    }
  },
  readOnly: (input, output) => input.type === 'read' || (input.type === 'cas' && output === false),
  describeOperation(input, output) {
    switch (input.type) {
      case 'read':
        return `read() → ${typeof output === 'boolean' ? String(output) : showOptionalValue(output)}`;
      case 'write':
        return `write(${showOptionalValue(input.value)})`;
      case 'cas':
        return `cas(${showOptionalValue(input.expected)} → ${showOptionalValue(input.value)}) → ${output === undefined ? '?' : String(output)}`;
      default:
        return assertNever(input, 'CAS register input');
    }
  },
  describeState: (s) => showOptionalValue(s),
};
