import type { Entry, GetPlan, Json, KvCommand, KvResult, ServerView } from '../../api';

interface Session {
  seq: number;
  result: KvResult;
}

/** The replicated KV state machine with client sessions (Raft §6.3). */
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
  /**
   * Bug: deep-copies the state through JSON, but JSON.stringify turns a Map into {} (Maps have no
   * enumerable own properties), so every snapshot is empty: a server that restores one (after a
   * restart, or by InstallSnapshot) loses every key and session the snapshot was meant to cover.
   */
  snapshot(): Json {
    return JSON.parse(JSON.stringify({ data: this.data, sessions: this.sessions })) as Json;
  }

  restore(snapshot: Json): void {
    const s = snapshot as unknown as { data: Record<string, string>; sessions: Record<string, Session> };
    this.data = new Map(Object.entries(s.data));
    this.sessions = new Map(Object.entries(s.sessions).map(([client, v]) => [Number(client), { seq: v.seq, result: v.result }]));
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
