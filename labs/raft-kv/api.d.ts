/**
 * Types for the raft-kv lab. Your KvStore is the state machine every server of the reference Raft
 * cluster applies committed entries to; planGet decides how a server answers a client's get.
 */

export type NodeId = number;

/** Anything JSON can carry (log payloads, snapshot data). */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

export type KvOp =
  | { readonly type: 'get'; readonly key: string }
  | { readonly type: 'put'; readonly key: string; readonly value: string }
  | { readonly type: 'append'; readonly key: string; readonly value: string };

/**
 * A client's command as it goes into the log. Each client numbers its commands 1, 2, 3, … and
 * sends command n + 1 only after it got the answer to command n; a retry (to the same or another
 * server, after a timeout) carries the same seq.
 */
export interface KvCommand {
  readonly clientId: number;
  readonly seq: number;
  readonly op: KvOp;
}

/** get → the value ('' for a missing key); put and append → null. */
export type KvResult = string | null;

/** A committed log entry. `data` is a KvCommand, or null for the no-op a new leader appends (Raft §8). */
export interface Entry {
  readonly index: number;
  readonly term: number;
  readonly data: Json;
}

/**
 * The replicated state machine (one per server). The engine calls apply() for every committed
 * entry in log order, snapshot() when it compacts the log, and restore() when a server installs a
 * snapshot from the leader or restarts (restore replaces the whole state; then the entries after
 * the snapshot are applied again).
 */
export interface KvStateMachine {
  /** Apply one committed entry; the result goes back to the client that sent it. */
  apply(entry: Entry): Json;
  /** The whole state, as JSON (it is written to disk and sent over the network). */
  snapshot(): Json;
  restore(data: Json): void;
  /** The current value of `key` ('' when missing), for reads served outside the log. */
  get(key: string): string;
}

/** What a server knows when a client's get arrives. */
export interface ServerView {
  readonly id: NodeId;
  readonly role: 'follower' | 'pre-candidate' | 'candidate' | 'leader';
  readonly term: number;
  /** The leader this server follows (its own id if it leads), or null. */
  readonly leaderId: NodeId | null;
  readonly commitIndex: number;
  readonly appliedIndex: number;
}

/**
 * - 'read-index': Raft §6.4. The server asks its Raft node for a read index (the leader records
 *   its commit index and confirms it is still leader with a heartbeat round); once the state
 *   machine has applied that index the service answers with store.get(key). A node that is not
 *   the leader answers "not the leader" and the client tries elsewhere.
 * - 'log': propose the get as a command; apply() computes the answer when it commits.
 * - 'local': answer store.get(key) right now.
 * - 'redirect': answer "not the leader" (with a hint) right now.
 */
export type GetPlan = 'read-index' | 'log' | 'local' | 'redirect';

/** Your exports (solution.ts). */
export declare class KvStore implements KvStateMachine {
  constructor();
  apply(entry: Entry): Json;
  snapshot(): Json;
  restore(data: Json): void;
  get(key: string): string;
}

export declare function planGet(server: ServerView): GetPlan;
