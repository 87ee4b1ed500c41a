/**
 * One TCC participant on its own database, driven call by call: each call runs in one local
 * transaction (committed when it returns, dropped when it throws), and a restart builds a fresh
 * instance over the same data. For directed and differential tests of the participant rules.
 */
import { LocalStore } from './local-store';
import type { Branch, Json, ParticipantClass, ParticipantLike } from './types';

export type BenchResult = { readonly ok: boolean } | { readonly threw: string };

export class ParticipantBench {
  readonly store = new LocalStore();
  private instance: ParticipantLike;

  constructor(
    private readonly participantClass: ParticipantClass,
    balances: Readonly<Record<string, number>>,
  ) {
    for (const [account, amount] of Object.entries(balances)) this.store.seed(`balance/${account}`, amount);
    this.instance = new participantClass();
  }

  /** Runs one call; a throw rolls its local transaction back and is returned, not rethrown. */
  call(op: 'try' | 'confirm' | 'cancel', branch: Branch): BenchResult {
    try {
      return {
        ok: this.store.transaction((tx) => {
          if (op === 'try') {
            const r = this.instance.try(tx, { ...branch });
            if (typeof r !== 'boolean') throw new TypeError(`try() must return true or false, got ${JSON.stringify(r)}`);
            return r;
          }
          if (op === 'confirm') this.instance.confirm(tx, { ...branch });
          else this.instance.cancel(tx, { ...branch });
          return true;
        }),
      };
    } catch (error) {
      return { threw: String((error as Error | null)?.message ?? error) };
    }
  }

  /** A crash and restart: memory is lost, the database stays. */
  restart(): void {
    this.instance = new this.participantClass();
  }

  read(key: string): Json | undefined {
    return this.store.read(key);
  }

  /** The non-zero amounts at balance/* and frozen/*, e.g. { "balance/a": 70, "frozen/a": 30 }. */
  amounts(): Record<string, Json> {
    const out: Record<string, Json> = {};
    for (const key of [...this.store.keys('balance/'), ...this.store.keys('frozen/')]) {
      const v = this.store.read(key);
      if (v !== 0) out[key] = v ?? null;
    }
    return out;
  }
}
