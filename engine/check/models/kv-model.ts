import { assertNever } from '../../sim/assert-never';
import type { Operation } from '../history';
import type { Model } from '../model';

export type KvInput =
  | { readonly type: 'get'; readonly key: string }
  | { readonly type: 'put'; readonly key: string; readonly value: string }
  | { readonly type: 'append'; readonly key: string; readonly value: string };

/** get → the value ('' when missing); put and append → null. */
export type KvOutput = string | null;

/**
 * A key–value store with get, put and append. Keys are independent, so the history is
 * partitioned per key and the state of each partition is just that key's string value.
 */
export const kvModel: Model<string, KvInput, KvOutput> = {
  init: () => '',
  step(state, input, output) {
    switch (input.type) {
      case 'get':
        return output === undefined || output === state ? { ok: true, state } : { ok: false };
      case 'put':
        return { ok: true, state: input.value };
      case 'append':
        return { ok: true, state: state + input.value };
      default:
        return assertNever(input, 'kv input');
    }
  },
  partition(history) {
    const byKey = new Map<string, Operation<KvInput, KvOutput>[]>();
    for (const op of history) {
      let ops = byKey.get(op.input.key);
      if (ops === undefined) byKey.set(op.input.key, (ops = []));
      ops.push(op);
    }
    return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
  },
  readOnly: (input) => input.type === 'get',
  describeOperation(input, output) {
    switch (input.type) {
      case 'get':
        return `get(${input.key}) → ${output === undefined ? '?' : JSON.stringify(output)}`;
      case 'put':
        return `put(${input.key}, ${JSON.stringify(input.value)})`;
      case 'append':
        return `append(${input.key}, ${JSON.stringify(input.value)})`;
      default:
        return assertNever(input, 'kv input');
    }
  },
  describeState: (s) => JSON.stringify(s),
};
