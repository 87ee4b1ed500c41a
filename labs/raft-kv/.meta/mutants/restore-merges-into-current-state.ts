import type { Entry, GetPlan, Json, KvCommand, KvResult, ServerView } from '../../api';

interface Session {
  seq: number;
  result: KvResult;
}

/**
 * Bug: restore() merges the snapshot into the current state instead of replacing it ("the
 * snapshot only adds what this server missed"). A server that installs a snapshot older than its
 * own state keeps later values and sessions, and then applies the entries after the snapshot on
 * top of them: appends land twice.
 */
export class KvStore {
  private data = new Map<string, string>();
  private sessions = new Map<number, Session>();

  apply(entry: Entry): Json {
    if (entry.data === null) return null;
    const cmd = entry.data as unknown as KvCommand;
    const session = this.sessions.get(cmd.clientId);
    if (session !== undefined && cmd.seq <= session.seq) {
      // A duplicate: the retry of the last command gets its first result; anything older is
      // answered already (the client moved on), so nothing to say.
      return cmd.seq === session.seq ? session.result : null;
    }
    const result = this.execute(cmd);
    this.sessions.set(cmd.clientId, { seq: cmd.seq, result });
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
    const sessions: Record<string, { seq: number; result: KvResult }> = {};
    for (const [client, s] of this.sessions) sessions[String(client)] = { seq: s.seq, result: s.result };
    return { data: Object.fromEntries(this.data), sessions };
  }

  restore(snapshot: Json): void {
    const s = snapshot as unknown as { data: Record<string, string>; sessions: Record<string, Session> };
    for (const [key, value] of Object.entries(s.data)) this.data.set(key, value);
    for (const [client, v] of Object.entries(s.sessions)) this.sessions.set(Number(client), { seq: v.seq, result: v.result });
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
