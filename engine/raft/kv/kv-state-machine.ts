/**
 * The linearizable KV store's state machine, with client deduplication (Raft §6.3): each client
 * numbers its commands; a command whose seq is not newer than the client's last applied one is
 * not applied again, and its first result is returned instead. So a retried put or append takes
 * effect exactly once.
 */
import { assertNever } from '../../sim/assert-never';
import type { StateMachine } from '../state-machine';
import type { Entry, Json } from '../types';
import { isKvCommand, type KvCommand, type KvResult } from './kv-types';

interface ClientSession {
  seq: number;
  result: KvResult;
}

export class KvStateMachine implements StateMachine {
  private data = new Map<string, string>();
  private sessions = new Map<number, ClientSession>();
  /** How many commands were applied for real (not deduplicated), for tests. */
  appliedCommands = 0;

  apply(entry: Entry): Json {
    if (entry.data === null) return null;
    if (!isKvCommand(entry.data)) throw new TypeError(`entry ${entry.index} is not a KV command: ${JSON.stringify(entry.data)}`);
    return this.applyCommand(entry.data);
  }

  applyCommand(cmd: KvCommand): KvResult {
    const session = this.sessions.get(cmd.clientId);
    if (session !== undefined && cmd.seq <= session.seq) return session.seq === cmd.seq ? session.result : null;
    const result = this.execute(cmd);
    this.sessions.set(cmd.clientId, { seq: cmd.seq, result });
    this.appliedCommands++;
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
      default:
        return assertNever(op, 'kv op');
    }
  }

  /** Read for ReadIndex: served from local state once it has applied the read index. */
  get(key: string): string {
    return this.data.get(key) ?? '';
  }

  snapshot(): Json {
    const data: Record<string, string> = {};
    for (const [k, v] of [...this.data].sort((a, b) => (a[0] < b[0] ? -1 : 1))) data[k] = v;
    const sessions: Record<string, { seq: number; result: KvResult }> = {};
    for (const [c, s] of this.sessions) sessions[String(c)] = { seq: s.seq, result: s.result };
    return { data, sessions, appliedCommands: this.appliedCommands };
  }

  restore(snapshot: Json): void {
    const s = snapshot as unknown as { data: Record<string, string>; sessions: Record<string, ClientSession>; appliedCommands: number };
    this.data = new Map(Object.entries(s.data));
    this.sessions = new Map(Object.entries(s.sessions).map(([c, v]) => [Number(c), { seq: v.seq, result: v.result }]));
    this.appliedCommands = s.appliedCommands;
  }
}
