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
  snapshot(): Json {
    const sessions: Record<string, { seq: number; result: KvResult }> = {};
    for (const [client, s] of this.sessions) sessions[String(client)] = { seq: s.seq, result: s.result };
    return { data: Object.fromEntries(this.data), sessions };
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
 * Bug: a follower that has applied everything it knows to be committed answers gets from its own
 * state ("it is caught up"), which spreads reads over the replicas. But its commitIndex may be old:
 * cut off in a minority it keeps answering with whatever it applied last.
 */
export function planGet(server: ServerView): GetPlan {
  if (server.role === 'leader') return 'read-index';
  return server.leaderId !== null && server.appliedIndex >= server.commitIndex ? 'local' : 'redirect';
}
