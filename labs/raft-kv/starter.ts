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
    // TODO Step 1: get returns the value ('' when missing); put sets it; append concatenates
    // (a missing key counts as ''). put and append answer null.
    void cmd;
    throw new Error('TODO: KvStore.execute: apply get, put and append to this.data');
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
