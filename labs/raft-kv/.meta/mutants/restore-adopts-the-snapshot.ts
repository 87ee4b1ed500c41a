import type { Entry, GetPlan, Json, KvCommand, KvResult, ServerView } from '../../api';

interface Session {
  seq: number;
  result: KvResult;
}

interface State {
  data: Record<string, string>;
  sessions: Record<string, Session>;
}

/**
 * Bug: restore() adopts the snapshot object it is given as the live state instead of copying it.
 * The engine hands the same object to every server that installs it and keeps it on disk, so
 * later applies on one server rewrite the snapshot the others (and this server, after a restart)
 * restore from: appends applied after the snapshot show up twice.
 */
export class KvStore {
  private state: State = { data: {}, sessions: {} };

  apply(entry: Entry): Json {
    if (entry.data === null) return null;
    const cmd = entry.data as unknown as KvCommand;
    const session = this.state.sessions[String(cmd.clientId)];
    if (session !== undefined && cmd.seq <= session.seq) return cmd.seq === session.seq ? session.result : null;
    const op = cmd.op;
    let result: KvResult = null;
    if (op.type === 'get') result = this.state.data[op.key] ?? '';
    else if (op.type === 'put') this.state.data[op.key] = op.value;
    else this.state.data[op.key] = (this.state.data[op.key] ?? '') + op.value;
    this.state.sessions[String(cmd.clientId)] = { seq: cmd.seq, result };
    return result;
  }

  snapshot(): Json {
    return JSON.parse(JSON.stringify(this.state)) as Json;
  }

  restore(snapshot: Json): void {
    this.state = snapshot as unknown as State;
  }

  get(key: string): string {
    return this.state.data[key] ?? '';
  }
}

export function planGet(server: ServerView): GetPlan {
  return server.role === 'leader' ? 'read-index' : 'redirect';
}
