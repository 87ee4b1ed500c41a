import type { Entry, GetPlan, Json, KvCommand, KvResult, ServerView } from '../../api';

/**
 * Alternative: gets go through the log on the leader (Raft §8: linearizable at the cost of a log
 * write) instead of ReadIndex; the state lives in plain objects; snapshot and restore deep-copy
 * through JSON; a late duplicate older than the client's last command is answered with the last
 * stored result (nobody is waiting for it, and it changes nothing).
 */
interface State {
  data: Record<string, string>;
  sessions: Record<string, { seq: number; result: KvResult }>;
}

export class KvStore {
  private state: State = { data: {}, sessions: {} };

  apply(entry: Entry): Json {
    const cmd = entry.data as unknown as KvCommand | null;
    if (cmd === null) return null;
    const key = String(cmd.clientId);
    const session = Object.hasOwn(this.state.sessions, key) ? this.state.sessions[key]! : undefined;
    if (session !== undefined && cmd.seq <= session.seq) return session.result;
    let result: KvResult = null;
    const { op } = cmd;
    if (op.type === 'get') result = this.get(op.key);
    else if (op.type === 'put') this.state.data[op.key] = op.value;
    else this.state.data[op.key] = this.get(op.key) + op.value;
    this.state.sessions[key] = { seq: cmd.seq, result };
    return result;
  }

  snapshot(): Json {
    return JSON.parse(JSON.stringify(this.state)) as Json;
  }

  restore(data: Json): void {
    this.state = JSON.parse(JSON.stringify(data)) as State;
  }

  get(key: string): string {
    return Object.hasOwn(this.state.data, key) ? this.state.data[key]! : '';
  }
}

export function planGet(server: ServerView): GetPlan {
  return server.role === 'leader' ? 'log' : 'redirect';
}
