/** Commands and results of the replicated key–value store. */
export type KvOp =
  | { readonly type: 'get'; readonly key: string }
  | { readonly type: 'put'; readonly key: string; readonly value: string }
  | { readonly type: 'append'; readonly key: string; readonly value: string };

/** A client's command as it goes into the log: (clientId, seq) identifies it across retries. */
export interface KvCommand {
  readonly clientId: number;
  readonly seq: number;
  readonly op: KvOp;
}

/** get returns the value ('' for a missing key); put and append return null. */
export type KvResult = string | null;

export function isKvCommand(data: unknown): data is KvCommand {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  const op = d.op as Record<string, unknown> | undefined;
  return typeof d.clientId === 'number' && typeof d.seq === 'number' && typeof op === 'object' && op !== null && typeof op.type === 'string' && typeof op.key === 'string';
}
