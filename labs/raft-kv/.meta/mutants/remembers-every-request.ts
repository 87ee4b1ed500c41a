import type { Entry, GetPlan, Json, KvCommand, KvResult, ServerView } from '../../api';

/**
 * Bug: deduplicates by remembering every request ever applied, "client:seq" → its result. Every
 * duplicate is still answered correctly, but the table (and so every snapshot, on disk and in
 * InstallSnapshot) grows with the number of operations instead of the number of clients.
 */
export class KvStore {
  private data = new Map<string, string>();
  private seen = new Map<string, KvResult>();

  apply(entry: Entry): Json {
    if (entry.data === null) return null;
    const cmd = entry.data as unknown as KvCommand;
    const key = `${cmd.clientId}:${cmd.seq}`;
    if (this.seen.has(key)) return this.seen.get(key)!;
    const result = this.execute(cmd);
    this.seen.set(key, result);
    return result;
  }

  private execute(cmd: KvCommand): KvResult {
    const op = cmd.op;
    switch (op.type) {
      case 'get':
        return this.data.get(op.key) ?? '';
      case 'put':
        this.data.set(op.key, op.value);
        return null;
      case 'append':
        this.data.set(op.key, (this.data.get(op.key) ?? '') + op.value);
        return null;
    }
  }

  /** Sessions are state: a server that restores a snapshot without them would apply a retry twice. */
  snapshot(): Json {
    return { data: Object.fromEntries(this.data), seen: Object.fromEntries(this.seen) };
  }

  restore(snapshot: Json): void {
    const s = snapshot as unknown as { data: Record<string, string>; seen: Record<string, KvResult> };
    this.data = new Map(Object.entries(s.data));
    this.seen = new Map(Object.entries(s.seen));
  }

  get(key: string): string {
    return this.data.get(key) ?? '';
  }
}

/**
 * Raft §6.4: only the leader may answer, and only after confirming it still is (ReadIndex); a
 * server that is not the leader sends the client on.
 */
export function planGet(server: ServerView): GetPlan {
  return server.role === 'leader' ? 'read-index' : 'redirect';
}
