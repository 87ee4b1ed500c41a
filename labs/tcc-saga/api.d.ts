/** A plain JSON value: what the stores and the log hold. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Reads and writes of one local transaction on a participant's database: every write of a call is
 * committed together when the call returns, and none of them if it throws or the node crashes.
 */
export interface Tx {
  get(key: string): Json | undefined;
  put(key: string, value: Json): void;
  delete(key: string): void;
}

/** One participant's part of the global transaction `xid` (at most one branch per participant). */
export interface Branch {
  readonly xid: string;
  readonly participant: number;
  readonly account: string;
  /** debit: Try freezes `amount` out of the account, Confirm spends it. credit: Confirm adds `amount`. */
  readonly kind: 'debit' | 'credit';
  readonly amount: number;
}

/** A transfer: debits and credits on 2–4 participants that sum to zero. */
export interface Transfer {
  readonly xid: string;
  readonly branches: readonly Branch[];
}

export interface SagaStep {
  readonly participant: number;
  /** A label for traces ("book flight"). */
  readonly action: string;
}

/** A saga: steps T0, T1, … run in order, each a local transaction on its participant's service. */
export interface Saga {
  readonly sagaId: string;
  readonly steps: readonly SagaStep[];
}

export type ParticipantRequest =
  | { readonly op: 'try' | 'confirm' | 'cancel'; readonly branch: Branch }
  /** Run step `step` of the saga, or its compensation. The saga services are the world's own. */
  | { readonly op: 'step' | 'compensate'; readonly sagaId: string; readonly step: number };

/**
 * try: true = reserved, false = refused. confirm/cancel: true = done (false: it threw; retry).
 * step: true = done, false = the step failed for good (a business failure: compensate).
 * compensate: true = done, false = the service is busy, nothing was done (retry).
 */
export interface Reply {
  readonly ok: boolean;
}

/** The coordinator's durable log: it survives crashes. Reads are local; a write is durable once its promise resolves. */
export interface Log {
  read(key: string): Json | undefined;
  /** Keys starting with `prefix`, sorted. */
  keys(prefix: string): string[];
  write(key: string, value: Json): Promise<void>;
}

export interface CoordinatorEnv {
  readonly log: Log;
  /** 1 for the first coordinator, one more after every crash and restart. */
  readonly incarnation: number;
  /**
   * Sends `request` to participant `participant` (1..n) over a network that loses, duplicates
   * and reorders messages. Resolves with the first reply, or with null when none came within the
   * call timeout: then the request was lost, or it ran and its reply was lost, or it is still on
   * its way and will run later.
   */
  call(participant: number, request: ParticipantRequest): Promise<Reply | null>;
  /** Resolves after `ms` of virtual time (use it instead of setTimeout). */
  sleep(ms: number): Promise<void>;
}

/**
 * A TCC participant (a service owning accounts). Stateless: everything lives in its database,
 * reached through `tx`. Each call runs in one local transaction. Amounts live at
 * `balance/<account>` (available) and `frozen/<account>` (reserved by Try); absent = 0. The
 * same request may arrive twice, late, or out of order.
 */
export declare class TccParticipant {
  constructor();
  /** Reserve the branch: true if reserved (now or by an earlier copy of this Try), false to refuse. */
  try(tx: Tx, branch: Branch): boolean;
  /** Settle a reserved branch for good. */
  confirm(tx: Tx, branch: Branch): void;
  /** Release a reserved branch, or record that this xid is cancelled if its Try never ran. */
  cancel(tx: Tx, branch: Branch): void;
}

/**
 * The coordinator (transaction manager and saga orchestrator). A crash throws the instance away
 * with every call in flight; a new one is built over the same log, with the next incarnation,
 * and its recover() is called once before anything else.
 */
export declare class Coordinator {
  constructor(env: CoordinatorEnv);
  /** Runs a TCC transfer to its end: Try on every branch, then Confirm on all or Cancel on all. */
  transfer(transfer: Transfer): Promise<'confirmed' | 'cancelled'>;
  /** Runs a saga forward; if a step fails, compensates the steps done before it in reverse order. */
  saga(saga: Saga): Promise<'completed' | 'compensated'>;
  /** After a crash: finish every transfer and saga the log says is unfinished. */
  recover(): Promise<void>;
}
