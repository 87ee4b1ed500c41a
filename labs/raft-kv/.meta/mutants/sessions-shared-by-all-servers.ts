import type { Entry, GetPlan, Json, KvCommand, KvResult, ServerView } from '../../api';

interface Session {
  seq: number;
  result: KvResult;
}

/**
 * Bug: the session table lives in the module, not in the store ("one table per client is
 * enough"). Every server of the cluster runs this module, so once one server applied a command the
 * others take it for a duplicate and never apply it.
 */
let sharedSessions = new Map<number, Session>();

export class KvStore {
  private data = new Map<string, string>();

  apply(entry: Entry): Json {
    if (entry.data === null) return null;
    const cmd = entry.data as unknown as KvCommand;
    const session = sharedSessions.get(cmd.clientId);
    if (session !== undefined && cmd.seq <= session.seq) {
      // A duplicate: the retry of the last command gets its first result; anything older is
      // answered already (the client moved on), so nothing to say.
      return cmd.seq === session.seq ? session.result : null;
    }
    const result = this.execute(cmd);
    sharedSessions.set(cmd.clientId, { seq: cmd.seq, result });
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
    for (const [client, s] of sharedSessions) sessions[String(client)] = { seq: s.seq, result: s.result };
    return { data: Object.fromEntries(this.data), sessions };
  }

  restore(snapshot: Json): void {
    const s = snapshot as unknown as { data: Record<string, string>; sessions: Record<string, Session> };
    this.data = new Map(Object.entries(s.data));
    sharedSessions = new Map(Object.entries(s.sessions).map(([client, v]) => [Number(client), { seq: v.seq, result: v.result }]));
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
