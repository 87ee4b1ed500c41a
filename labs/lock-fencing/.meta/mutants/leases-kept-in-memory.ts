/**
 * Bug: the leases live in memory only (the token counter is on disk): after a lock-server restart every
 * lock looks free and a second client is granted a lease while the first one's is still live.
 */
import type { AcquireRequest, ClientClock, LockReply, LockServerEnv, ReleaseReply, ReleaseRequest, RenewRequest, StorageEnv, WriteReply, WriteRequest } from '../../api';

interface Lease {
  client: string;
  token: number;
  expiresAtMs: number;
}

/** Lease-based lock service: every grant gets a fencing token one higher than the last, kept on disk. */
export class LockServer {
  private readonly leases = new Map<string, Lease | null>();

  constructor(private readonly env: LockServerEnv) {}

  private lease(lock: string): Lease | null {
    return this.leases.get(lock) ?? null;
  }

  private lastToken(lock: string): number {
    return (this.env.disk.read(`token/${lock}`) as number | undefined) ?? 0;
  }

  acquire(request: AcquireRequest): LockReply {
    const now = this.env.nowMs();
    const current = this.lease(request.lock);
    if (current !== null && now < current.expiresAtMs) return { ok: false, reason: 'held' };
    const token = this.lastToken(request.lock) + 1;
    // Persist before answering: a restarted server must never hand out this token again.
    this.env.disk.write(`token/${request.lock}`, token);
    this.leases.set(request.lock, { client: request.client, token, expiresAtMs: now + request.ttlMs });
    return { ok: true, token };
  }

  renew(request: RenewRequest): LockReply {
    const now = this.env.nowMs();
    const current = this.lease(request.lock);
    if (current === null || current.client !== request.client || current.token !== request.token) return { ok: false, reason: 'not-holder' };
    if (now >= current.expiresAtMs) return { ok: false, reason: 'expired' };
    this.leases.set(request.lock, { ...current, expiresAtMs: now + request.ttlMs });
    return { ok: true, token: current.token };
  }

  release(request: ReleaseRequest): ReleaseReply {
    const current = this.lease(request.lock);
    if (current === null || current.client !== request.client || current.token !== request.token) return { ok: false };
    this.leases.set(request.lock, null);
    return { ok: true };
  }
}

/** The storage the lock protects: it refuses a token older than the newest it has accepted for the key. */
export class FencedStorage {
  constructor(private readonly env: StorageEnv) {}

  write(request: WriteRequest): WriteReply {
    const newest = this.env.disk.read(`token/${request.key}`) as number | undefined;
    if (newest !== undefined && request.token < newest) return { ok: false, newestToken: newest };
    this.env.disk.write(`token/${request.key}`, request.token);
    this.env.disk.write(`value/${request.key}`, request.value);
    return { ok: true };
  }

  read(key: string): string | undefined {
    return this.env.disk.read(`value/${key}`) as string | undefined;
  }
}

/** The client's side: builds requests, carries the token, and times the lease from the send. */
export class LockClient {
  private pending: { lock: string; ttlMs: number; sentAtMs: number } | null = null;
  private lease: { lock: string; token: number; validUntilMs: number } | null = null;

  constructor(
    private readonly name: string,
    private readonly clock: ClientClock,
  ) {}

  acquire(lock: string, ttlMs: number): AcquireRequest {
    const sentAtMs = this.clock.nowMs();
    this.pending = { lock, ttlMs, sentAtMs };
    return { lock, client: this.name, ttlMs, sentAtMs };
  }

  renew(ttlMs: number): RenewRequest | null {
    if (this.lease === null) return null;
    const sentAtMs = this.clock.nowMs();
    this.pending = { lock: this.lease.lock, ttlMs, sentAtMs };
    return { lock: this.lease.lock, client: this.name, token: this.lease.token, ttlMs, sentAtMs };
  }

  granted(reply: LockReply): void {
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    // The lease started no later than the request left: time it from the send, not from the reply.
    this.lease = reply.ok ? { lock: pending.lock, token: reply.token, validUntilMs: pending.sentAtMs + pending.ttlMs } : null;
  }

  holds(): boolean {
    return this.lease !== null && this.clock.nowMs() < this.lease.validUntilMs;
  }

  write(key: string, value: string): WriteRequest {
    if (this.lease === null) throw new Error('write() needs a lease');
    return { key, value, token: this.lease.token };
  }

  release(): ReleaseRequest | null {
    if (this.lease === null) return null;
    const request = { lock: this.lease.lock, client: this.name, token: this.lease.token };
    this.lease = null;
    return request;
  }
}
