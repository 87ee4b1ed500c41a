import { assertNever } from '../../sim/assert-never';
import type { Model } from '../model';

export type RegisterInput =
  | { readonly type: 'read' }
  | { readonly type: 'write'; readonly value: number }
  | { readonly type: 'cas'; readonly expected: number; readonly value: number };

/** read → the value; write → null; cas → whether it swapped. */
export type RegisterOutput = number | boolean | null;

/** A single register holding a number (initially 0) with read, write and compare-and-swap. */
export const registerModel: Model<number, RegisterInput, RegisterOutput> = {
  init: () => 0,
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
        return assertNever(input, 'register input');
    }
  },
  readOnly: (input, output) => input.type === 'read' || (input.type === 'cas' && output === false),
  describeOperation(input, output) {
    const out = output === undefined ? '?' : String(output);
    switch (input.type) {
      case 'read':
        return `read() → ${out}`;
      case 'write':
        return `write(${input.value})`;
      case 'cas':
        return `cas(${input.expected}, ${input.value}) → ${out}`;
      default:
        return assertNever(input, 'register input');
    }
  },
  describeState: (s) => String(s),
};
