import type { Entry, GetPlan, Json, KvCommand, KvResult, ServerView } from './api';

/**
 * The replicated KV state machine. Every server applies the same committed entries in the same
 * order, so every server computes the same state and the same results.
 *
 * TODO
 * - Step 1: apply get / put / append; skip no-ops (entry.data === null).
 * - Step 2: exactly once. Keep one session per client (its last seq and that command's result): a
 *   command whose seq is not newer than the client's last one is a duplicate; do not apply it
 *   again; answer a retry of the last command with its first result.
 * - Step 3: snapshot() and restore() must carry the sessions too, not only the data.
 */
export class KvStore {
  private data = new Map<string, string>();

  apply(entry: Entry): Json {
    if (entry.data === null) return null;
    const cmd = entry.data as unknown as KvCommand;
    return this.execute(cmd);
  }

  private execute(cmd: KvCommand): KvResult {
    const op = cmd.op;
    if (op.type === 'get') return this.data.get(op.key) ?? '';
    if (op.type === 'put') this.data.set(op.key, op.value);
    else this.data.set(op.key, (this.data.get(op.key) ?? '') + op.value);
    return null;
  }

  snapshot(): Json {
    return { data: Object.fromEntries(this.data) };
  }

  restore(snapshot: Json): void {
    const s = snapshot as unknown as { data: Record<string, string> };
    this.data = new Map(Object.entries(s.data));
  }

  get(key: string): string {
    return this.data.get(key) ?? '';
  }
}

/** TODO Step 4: how does a server answer a get without ever returning a stale value? */
export function planGet(server: ServerView): GetPlan {
  void server;
  return 'local';
}
