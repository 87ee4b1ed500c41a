import type { Entry, GetPlan, Json, KvCommand, KvResult, ServerView } from '../../api';

/**
 * Alternative: every server plans a ReadIndex read (a node that is not the leader answers "not the
 * leader" itself, so the client moves on, as the API describes); the snapshot is a list of
 * [key, value] pairs and a list of [clientId, seq, result] sessions.
 */
export class KvStore {
  private values = new Map<string, string>();
  private lastSeq = new Map<number, number>();
  private lastResult = new Map<number, KvResult>();

  apply(entry: Entry): Json {
    if (entry.data === null) return null;
    const { clientId, seq, op } = entry.data as unknown as KvCommand;
    const last = this.lastSeq.get(clientId) ?? 0;
    if (seq === last) return this.lastResult.get(clientId) ?? null;
    if (seq < last) return null;
    let result: KvResult = null;
    if (op.type === 'get') result = this.get(op.key);
    else if (op.type === 'put') this.values.set(op.key, op.value);
    else this.values.set(op.key, this.get(op.key).concat(op.value));
    this.lastSeq.set(clientId, seq);
    this.lastResult.set(clientId, result);
    return result;
  }

  snapshot(): Json {
    const kv: [string, string][] = [...this.values.entries()].map(([k, v]) => [k, v]);
    const sessions: [number, number, KvResult][] = [...this.lastSeq.entries()].map(([c, s]) => [c, s, this.lastResult.get(c) ?? null]);
    return { kv, sessions };
  }

  restore(data: Json): void {
    const snap = data as unknown as { kv: [string, string][]; sessions: [number, number, KvResult][] };
    this.values = new Map(snap.kv.map(([k, v]) => [k, v]));
    this.lastSeq = new Map(snap.sessions.map(([c, s]) => [c, s]));
    this.lastResult = new Map(snap.sessions.map(([c, , r]) => [c, r]));
  }

  get(key: string): string {
    return this.values.get(key) ?? '';
  }
}

export function planGet(_server: ServerView): GetPlan {
  return 'read-index';
}
