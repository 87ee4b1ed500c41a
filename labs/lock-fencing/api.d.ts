/** A plain JSON value: what a disk holds. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The durable disk of one process: it survives a crash; your object's memory does not. Values are copied in and out. */
export interface Disk {
  read(key: string): Json | undefined;
  write(key: string, value: Json): void;
}

export interface AcquireRequest {
  lock: string;
  client: string;
  ttlMs: number;
  /** The client's clock when it sent the request: for logs only. The lock server's clock is the one that counts. */
  sentAtMs: number;
}

export interface RenewRequest {
  lock: string;
  client: string;
  /** The token of the lease being renewed. */
  token: number;
  ttlMs: number;
  /** The client's clock when it sent the request (for logs only). */
  sentAtMs: number;
}

export interface ReleaseRequest {
  lock: string;
  client: string;
  token: number;
}

/**
 * A grant carries the lease's fencing token. Refusals: "held" (acquire while another lease is live),
 * "expired" (renew of your own lease after it ran out), "not-holder" (renew of a lease that is not,
 * or no longer, yours).
 */
export type LockReply = { ok: true; token: number } | { ok: false; reason: 'held' | 'expired' | 'not-holder' };
export interface ReleaseReply {
  ok: boolean;
}

/** A write to the storage, fenced by the writer's token. */
export interface WriteRequest {
  key: string;
  value: string;
  token: number;
}
/** A refusal names the newest token the storage has accepted for the key. */
export type WriteReply = { ok: true } | { ok: false; newestToken: number };

export interface LockServerEnv {
  /** The lock server's own clock in ms. It may jump forward (an NTP step); it never goes back. */
  nowMs(): number;
  readonly disk: Disk;
}

/**
 * The lock service (one process; it may crash, then a new instance is built over the same disk).
 * Per lock, with `now = env.nowMs()`:
 * - acquire: refused "held" while a lease is live (now < expiresAtMs), whoever asks; otherwise a new
 *   lease for the asker: the next token (1 for a lock's first grant, then one more than the last token
 *   issued for that lock, across restarts) and expiresAtMs = now + ttlMs.
 * - renew: "not-holder" unless the current lease has this client and token; "expired" if it is no
 *   longer live; otherwise expiresAtMs = now + ttlMs and the same token.
 * - release: ok only for the current lease's client and token (live or expired); the lock is then free.
 */
export declare class LockServer {
  constructor(env: LockServerEnv);
  acquire(request: AcquireRequest): LockReply;
  renew(request: RenewRequest): LockReply;
  release(request: ReleaseRequest): ReleaseReply;
}

export interface StorageEnv {
  readonly disk: Disk;
}

/**
 * The storage service the lock protects (it may crash too: a new instance over the same disk).
 * write: refuse a token older than the newest token accepted for that key ({ ok: false, newestToken });
 * accept anything else, and remember the value and the token. read: the last accepted value.
 */
export declare class FencedStorage {
  constructor(env: StorageEnv);
  write(request: WriteRequest): WriteReply;
  read(key: string): string | undefined;
}

export interface ClientClock {
  /** The client's own clock in ms (its offset from the lock server's is unknown). */
  nowMs(): number;
}

/**
 * The client helper: it builds the client's requests and keeps its one lease.
 * - acquire / renew: the request to send now (sentAtMs = clock.nowMs()); remember what was sent.
 * - granted(reply): the reply to the last acquire or renew. A grant starts (or extends) the lease:
 *   valid until the SEND time of that request + its ttlMs. A refusal: no lease. A reply when no acquire
 *   or renew awaits one (a duplicate) is ignored.
 * - holds(): the lease is valid now by this client's clock.
 * - write: a write that carries the current lease's token.
 * - release: the release of the current lease (then no lease); null without one. renew: null without one.
 */
export declare class LockClient {
  constructor(name: string, clock: ClientClock);
  acquire(lock: string, ttlMs: number): AcquireRequest;
  renew(ttlMs: number): RenewRequest | null;
  granted(reply: LockReply): void;
  holds(): boolean;
  write(key: string, value: string): WriteRequest;
  release(): ReleaseRequest | null;
}
