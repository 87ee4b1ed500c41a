/**
 * A node's durable key–value data and the local transaction that participant code runs in: the
 * body's writes are staged and committed together when it returns, or dropped when it throws.
 * Values are JSON, copied in and out.
 */
import type { Json, Tx } from './types';

function copyIn(value: Json, key: string): string {
  if (value === undefined) throw new TypeError(`tx.put("${key}", undefined): use tx.delete to remove a key`);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new TypeError(`tx.put("${key}"): not plain JSON data`);
  return text;
}

export class LocalStore {
  private readonly data = new Map<string, string>();

  read(key: string): Json | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as Json);
  }

  /** Sets a key outside any transaction (the world seeds balances with it). */
  seed(key: string, value: Json): void {
    this.data.set(key, copyIn(value, key));
  }

  keys(prefix = ''): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  /**
   * The sum of the amounts at balance/* and frozen/* when every one is a non-negative safe integer
   * (so the sum does not depend on their order), else null (the caller looks at them one by one).
   */
  sumAmounts(): number | null {
    let total = 0;
    for (const [key, raw] of this.data) {
      if (!key.startsWith('balance/') && !key.startsWith('frozen/')) continue;
      const v = JSON.parse(raw) as unknown;
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return null;
      total += v;
    }
    return Number.isSafeInteger(total) ? total : null;
  }

  /** Runs `body` in one local transaction; commits when it returns, writes nothing when it throws. */
  transaction<R>(body: (tx: Tx) => R): R {
    const staged = new Map<string, string | null>();
    let open = true;
    const guard = (what: string) => {
      if (!open) throw new Error(`tx.${what} after the call returned: the local transaction is over`);
    };
    const tx: Tx = Object.freeze({
      get: Object.freeze((key: string) => {
        guard('get');
        const k = String(key);
        const v = staged.has(k) ? staged.get(k)! : (this.data.get(k) ?? null);
        return v === null ? undefined : (JSON.parse(v) as Json);
      }),
      put: Object.freeze((key: string, value: Json) => {
        guard('put');
        staged.set(String(key), copyIn(value, String(key)));
      }),
      delete: Object.freeze((key: string) => {
        guard('delete');
        staged.set(String(key), null);
      }),
    });
    let result: R;
    try {
      result = body(tx);
    } finally {
      open = false;
    }
    for (const [k, v] of staged) {
      if (v === null) this.data.delete(k);
      else this.data.set(k, v);
    }
    return result;
  }
}
