/** A plain JSON value: what a database row holds. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Reads and writes inside a transaction (synchronous: the whole body runs at one instant). */
export interface Tx {
  get(key: string): Json | undefined;
  put(key: string, value: Json): void;
  delete(key: string): void;
  /** Rows whose key starts with `prefix`, in key order, as this transaction sees them (its own writes included). */
  scan(prefix: string, limit?: number): { key: string; value: Json }[];
}

/**
 * A local database. It survives crashes of its process; the process's memory does not, and a
 * transaction that has not committed when the process crashes is lost whole. Values are copied in and out.
 */
export interface Db {
  /** Reads one row, outside any transaction. */
  get(key: string): Promise<Json | undefined>;
  /** Committed rows whose key starts with `prefix`, in key order (at most `limit`). */
  scan(prefix: string, limit?: number): Promise<{ key: string; value: Json }[]>;
  /**
   * Runs `body` against the committed data at one instant and commits all its writes together. If
   * `body` throws, nothing is written (a rollback) and the promise rejects with that error.
   * `body` must be synchronous: no async, no await inside.
   */
  transaction<R>(body: (tx: Tx) => R): Promise<R>;
}

/** What a client asks for: add `delta` to `account` (an account that was never written has balance 0, version 0). */
export interface Command {
  /** Unique per command: use it as the event's id. */
  id: string;
  account: string;
  delta: number;
}

/** The event one committed change of an account produces ("AccountChanged"). */
export interface AccountEvent {
  /** Unique per change and the same on every publish of that change: the command's id. */
  id: string;
  account: string;
  /** The account's version after the change. */
  version: number;
  /** The account's balance after the change. */
  balance: number;
  /** What the change added (negative for a withdrawal). */
  delta: number;
}

/** The message broker. Not part of any database: no transaction spans it. */
export interface Broker {
  /**
   * Resolves once the broker has stored the message and acknowledged it. Rejects if the broker was
   * unavailable (not stored) or the acknowledgement was lost (stored after all): you cannot tell
   * which, so publish it again later. Every message it stores is delivered to the consumer at least
   * once: maybe late, maybe twice, maybe after a later one.
   */
  publish(message: AccountEvent): Promise<void>;
}

/** What the consumer process gets. */
export interface ProcessEnv {
  /** This process's own database. */
  readonly db: Db;
  /** 1 for the first process, then one more after every crash and restart. */
  readonly incarnation: number;
  /** Resolves after `ms` of virtual time (use it instead of setTimeout). */
  sleep(ms: number): Promise<void>;
  nowMs(): number;
}

/** What the producer process (the service and the relay) gets. */
export interface ProducerEnv extends ProcessEnv {
  readonly broker: Broker;
}

/**
 * The account service (producer). Keeps each account at `account/<account>` as
 * `{ balance: number, version: number }` and bumps the version by one per change. A command that
 * would make the balance negative is refused: `handle` rejects and nothing is written.
 * Every committed change must reach the broker as an AccountEvent.
 */
export declare class AccountService {
  constructor(env: ProducerEnv);
  handle(command: Command): Promise<void>;
}

/** The relay, in the producer's process. The world calls `poll()` every 20 ms (never twice at once). */
export declare class OutboxRelay {
  constructor(env: ProducerEnv);
  poll(): Promise<void>;
}

/**
 * The statement service (consumer), with its own database. `handle` resolving acknowledges the
 * message; a rejection or no answer within 120 ms gets it delivered again. Keep
 * `balance/<account>` = `{ balance, version }` (the newest version received) and
 * `movements/<account>` = the number of distinct changes of the account received.
 */
export declare class StatementConsumer {
  constructor(env: ProcessEnv);
  handle(message: AccountEvent): Promise<void>;
}
