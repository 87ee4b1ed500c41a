/**
 * The messages of a lease-based lock service with fencing tokens, and the shapes of the three
 * parts a lab implements: the lock server, the fenced storage and the client helper.
 * (Kleppmann, "How to do distributed locking", 2016; etcd's revision and ZooKeeper's zxid play
 * the role of the token in practice.)
 */

/** A plain JSON value: what a disk holds. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Durable storage of one process: survives its crash; memory does not. Values are copied in and out. */
export interface Disk {
  read(key: string): Json | undefined;
  write(key: string, value: Json): void;
}

export interface AcquireRequest {
  lock: string;
  client: string;
  ttlMs: number;
  /** The client's clock when it sent the request: for logs only; the server's clock is the one that counts. */
  sentAtMs: number;
}

export interface RenewRequest {
  lock: string;
  client: string;
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

export type LockReply = { ok: true; token: number } | { ok: false; reason: 'held' | 'expired' | 'not-holder' };
export interface ReleaseReply {
  ok: boolean;
}

export interface WriteRequest {
  key: string;
  value: string;
  token: number;
}
export type WriteReply = { ok: true } | { ok: false; newestToken: number };

export interface LockServerEnv {
  /** The lock server's own clock: it may jump forward (an NTP step, a VM migration). */
  nowMs(): number;
  readonly disk: Disk;
}

export interface LockServerLike {
  acquire(request: AcquireRequest): LockReply;
  renew(request: RenewRequest): LockReply;
  release(request: ReleaseRequest): ReleaseReply;
}

export interface StorageEnv {
  readonly disk: Disk;
}

export interface StorageLike {
  write(request: WriteRequest): WriteReply;
  read(key: string): string | undefined;
}

export interface ClientClock {
  /** The client's own clock (its offset from the server's is unknown). */
  nowMs(): number;
}

export interface LockClientLike {
  acquire(lock: string, ttlMs: number): AcquireRequest;
  renew(ttlMs: number): RenewRequest | null;
  granted(reply: LockReply): void;
  holds(): boolean;
  write(key: string, value: string): WriteRequest;
  release(): ReleaseRequest | null;
}

export type LockServerClass = new (env: LockServerEnv) => LockServerLike;
export type StorageClass = new (env: StorageEnv) => StorageLike;
export type LockClientClass = new (name: string, clock: ClientClock) => LockClientLike;

/** A disk backed by a map, copying values in and out (JSON), so a crash loses nothing written. */
export class MapDisk implements Disk {
  private readonly data = new Map<string, string>();
  writes = 0;

  read(key: string): Json | undefined {
    const raw = this.data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as Json);
  }

  write(key: string, value: Json): void {
    if (value === undefined) throw new TypeError(`disk.write("${key}", undefined): write a JSON value`);
    this.writes++;
    this.data.set(key, JSON.stringify(value));
  }
}
