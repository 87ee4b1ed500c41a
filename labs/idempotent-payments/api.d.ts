/** A plain JSON value: what the durable store holds. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What a client sends. A retry of the same logical payment carries the same key and the same payload. */
export interface PaymentRequest {
  idempotencyKey: string;
  /** The card (account) to charge at the processor. */
  payer: string;
  /** The merchant to credit in your store. */
  payee: string;
  amountCents: number;
}

export type PaymentResponse =
  /** The payment happened: the processor's charge id. */
  | { status: 'succeeded'; chargeId: string; amountCents: number }
  /** The processor refused the card; nothing was charged. Final, like a success. */
  | { status: 'declined'; reason: string }
  /** 409: a request with this key is being processed right now; the client retries later. */
  | { status: 'processing' }
  /** 422: this key was used with a different payer, payee or amount. */
  | { status: 'mismatch' };

export type ChargeResult = { outcome: 'charged'; chargeId: string; amountCents: number } | { outcome: 'declined'; reason: string };

/** The external payment processor. Not part of your database: no transaction spans it. */
export interface Processor {
  /**
   * Charges the card. Every call is a new attempt: two calls charge twice. `reference` is
   * stored with the attempt and can be searched for afterwards.
   */
  charge(request: { reference: string; payer: string; amountCents: number }): Promise<ChargeResult>;
  /** The first attempt made with this reference, or null if none reached the processor. */
  findCharge(reference: string): Promise<ChargeResult | null>;
}

/** Reads and writes inside a transaction (synchronous: the whole body runs at one instant). */
export interface Tx {
  get(key: string): Json | undefined;
  put(key: string, value: Json): void;
  delete(key: string): void;
}

/**
 * Your durable key–value store. It survives crashes; your process's memory does not.
 * Values are copied in and out.
 */
export interface Store {
  /** Reads one key, outside any transaction. */
  get(key: string): Promise<Json | undefined>;
  /**
   * Runs `body` against the current data at one instant and commits all its writes together,
   * or, if the process crashes before the commit, none of them. If `body` throws, nothing is
   * written and the promise rejects with that error. `body` must not await anything.
   */
  transaction<R>(body: (tx: Tx) => R): Promise<R>;
}

export interface ServiceEnv {
  readonly store: Store;
  readonly processor: Processor;
  /** 1 for the first process, then one more after every crash and restart. */
  readonly incarnation: number;
  /** Resolves after `ms` of virtual time (use it instead of setTimeout). */
  sleep(ms: number): Promise<void>;
  nowMs(): number;
}

/**
 * The payment service. A crash throws away the instance (and every request in flight); a fresh
 * instance is constructed over the same store, with the next incarnation number.
 *
 * For every payment that succeeds, add amountCents to the number at `balance/<payee>` in the store
 * (absent = 0): exactly once, whatever crashes and retries happen.
 */
export declare class PaymentService {
  constructor(env: ServiceEnv);
  handle(request: PaymentRequest): Promise<PaymentResponse>;
}
