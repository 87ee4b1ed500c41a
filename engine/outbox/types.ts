/**
 * The shapes of the outbox world: two local databases (the producer's and the consumer's), a
 * message broker between them, and the three parts a learner writes (the service that makes the
 * business change, the relay that publishes the outbox, the consumer that applies the events).
 * labs/outbox/api.d.ts repeats these for the learner's editor.
 */

/** A plain JSON value: what a database row holds. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Reads and writes inside a transaction (synchronous: the whole body runs at one instant). */
export interface Tx {
  get(key: string): Json | undefined;
  put(key: string, value: Json): void;
  delete(key: string): void;
  /** Rows whose key starts with `prefix`, in key order, as this transaction sees them. */
  scan(prefix: string, limit?: number): { key: string; value: Json }[];
}

/** A local database: durable across crashes of its process; uncommitted work is lost with the process. */
export interface Db {
  get(key: string): Promise<Json | undefined>;
  scan(prefix: string, limit?: number): Promise<{ key: string; value: Json }[]>;
  /**
   * Runs `body` against the committed data at one instant and commits all its writes together, or,
   * if the process crashes before the commit, none of them. If `body` throws, nothing is written
   * (a rollback) and the promise rejects with that error. `body` must not await anything.
   */
  transaction<R>(body: (tx: Tx) => R): Promise<R>;
}

/** The event a committed change of one account produces ("AccountChanged"). */
export interface AccountEvent {
  /** Unique per change and the same on every publish of it: the command's id. */
  id: string;
  account: string;
  /** The account's version after the change (1 for its first change, then one more per change). */
  version: number;
  /** The account's balance after the change. */
  balance: number;
  /** What the change added (negative: a withdrawal). */
  delta: number;
}

/** What a client asks the producer for: add `delta` to `account` (absent accounts start at 0). */
export interface Command {
  id: string;
  account: string;
  delta: number;
}

export interface Broker {
  /**
   * Sends one message. Resolves when the broker acknowledges that it stored it. Rejects if the
   * broker is unavailable (not stored) or if the acknowledgement was lost (stored after all): the
   * caller cannot tell which, so it must publish again.
   */
  publish(message: AccountEvent): Promise<void>;
}

export interface ProcessEnv {
  readonly db: Db;
  /** 1 for the first process, then one more after every crash and restart. */
  readonly incarnation: number;
  sleep(ms: number): Promise<void>;
  nowMs(): number;
}

export interface ProducerEnv extends ProcessEnv {
  readonly broker: Broker;
}

export interface ServiceLike {
  handle(command: Command): Promise<unknown>;
}
export interface RelayLike {
  poll(): Promise<unknown>;
}
export interface ConsumerLike {
  handle(message: AccountEvent): Promise<unknown>;
}
export type ServiceClass = new (env: ProducerEnv) => ServiceLike;
export type RelayClass = new (env: ProducerEnv) => RelayLike;
export type ConsumerClass = new (env: ProcessEnv) => ConsumerLike;
