/**
 * The shapes the TCC/Saga world hands to the code under test (a lab's api.d.ts repeats them for the
 * learner). Participants are synchronous: every call runs inside one local transaction of their
 * durable store. The coordinator is asynchronous: it talks to participants over the simulated
 * network and keeps its decisions in a durable log.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Reads and writes of one local transaction: all committed together, or none if the node crashes first. */
export interface Tx {
  get(key: string): Json | undefined;
  put(key: string, value: Json): void;
  delete(key: string): void;
}

/** One participant's part of a global TCC transaction `xid` (at most one branch per participant). */
export interface Branch {
  readonly xid: string;
  readonly participant: number;
  readonly account: string;
  /** debit: Try freezes `amount` out of the account, Confirm spends it; credit: Confirm adds `amount`. */
  readonly kind: 'debit' | 'credit';
  readonly amount: number;
}

export interface Transfer {
  readonly xid: string;
  readonly branches: readonly Branch[];
}

export interface SagaStep {
  readonly participant: number;
  /** A label for traces ("book flight"). */
  readonly action: string;
}

export interface Saga {
  readonly sagaId: string;
  readonly steps: readonly SagaStep[];
}

export type ParticipantRequest =
  | { readonly op: 'try' | 'confirm' | 'cancel'; readonly branch: Branch }
  | { readonly op: 'step' | 'compensate'; readonly sagaId: string; readonly step: number };

/** ok: false is a refused Try, a failed saga step (final), or a compensation the service could not run yet (retry it). */
export interface Reply {
  readonly ok: boolean;
}

/** The coordinator's durable log. Reads are local; a write is durable once its promise resolves. */
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
   * Sends `request` to participant `participant`. Resolves with the first reply, or with null when
   * none arrived within the call timeout: the request may have been lost, or it may have run and
   * its reply been lost, or it may still be on its way.
   */
  call(participant: number, request: ParticipantRequest): Promise<Reply | null>;
  /** Resolves after `ms` of virtual time. */
  sleep(ms: number): Promise<void>;
}

export interface ParticipantLike {
  try(tx: Tx, branch: Branch): boolean;
  confirm(tx: Tx, branch: Branch): void;
  cancel(tx: Tx, branch: Branch): void;
}
export type ParticipantClass = new () => ParticipantLike;

export interface CoordinatorLike {
  transfer(transfer: Transfer): Promise<'confirmed' | 'cancelled'>;
  saga(saga: Saga): Promise<'completed' | 'compensated'>;
  recover(): Promise<void>;
}
export type CoordinatorClass = new (env: CoordinatorEnv) => CoordinatorLike;
