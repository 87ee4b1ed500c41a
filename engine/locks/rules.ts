/**
 * The rules of the lock service, the fenced storage and the client helper, as executable models.
 * The world compares every reply a lab's code gives with the reply these give to the same request
 * at the same clock reading; every correct implementation gives exactly these replies.
 *
 * Lease rules (per lock; times on the lock server's clock):
 * - acquire: refused ("held") while a lease is live (now < expiresAtMs), whoever asks; otherwise a
 *   new lease for the asker with the next token (one more than the last token issued for the lock,
 *   across restarts: the first is 1) and expiresAtMs = now + ttlMs.
 * - renew: only the lease's holder with its token ("not-holder" otherwise), only while live
 *   ("expired" otherwise: an expired lease is gone; acquire again for a new token); the same token,
 *   expiresAtMs = now + ttlMs.
 * - release: only the current lease's holder with its token (a late release of an older lease must not
 *   free a newer one); the lease is gone, whether or not it had expired.
 * Fencing (per key, on the storage): a write whose token is older than the newest token accepted for
 * that key is refused with that newest token; any other write is accepted (an equal token is the
 * same holder writing again).
 */
import type { AcquireRequest, LockReply, ReleaseReply, ReleaseRequest, RenewRequest, WriteReply, WriteRequest } from './protocol';

export interface Lease {
  client: string;
  token: number;
  expiresAtMs: number;
}

export class LeaseRules {
  private readonly leases = new Map<string, Lease>();
  private readonly lastToken = new Map<string, number>();

  lease(lock: string): Lease | undefined {
    return this.leases.get(lock);
  }

  lastTokenOf(lock: string): number {
    return this.lastToken.get(lock) ?? 0;
  }

  acquire(request: AcquireRequest, nowMs: number): LockReply {
    const current = this.leases.get(request.lock);
    if (current !== undefined && nowMs < current.expiresAtMs) return { ok: false, reason: 'held' };
    const token = this.lastTokenOf(request.lock) + 1;
    this.lastToken.set(request.lock, token);
    this.leases.set(request.lock, { client: request.client, token, expiresAtMs: nowMs + request.ttlMs });
    return { ok: true, token };
  }

  renew(request: RenewRequest, nowMs: number): LockReply {
    const current = this.leases.get(request.lock);
    if (current === undefined || current.token !== request.token || current.client !== request.client) return { ok: false, reason: 'not-holder' };
    if (nowMs >= current.expiresAtMs) return { ok: false, reason: 'expired' };
    current.expiresAtMs = nowMs + request.ttlMs;
    return { ok: true, token: current.token };
  }

  release(request: ReleaseRequest): ReleaseReply {
    const current = this.leases.get(request.lock);
    if (current === undefined || current.token !== request.token || current.client !== request.client) return { ok: false };
    this.leases.delete(request.lock);
    return { ok: true };
  }
}

export class FenceRules {
  private readonly newest = new Map<string, number>();
  private readonly values = new Map<string, string>();

  newestToken(key: string): number | undefined {
    return this.newest.get(key);
  }

  keys(): string[] {
    return [...this.values.keys()].sort();
  }

  read(key: string): string | undefined {
    return this.values.get(key);
  }

  write(request: WriteRequest): WriteReply {
    const newest = this.newest.get(request.key);
    if (newest !== undefined && request.token < newest) return { ok: false, newestToken: newest };
    this.newest.set(request.key, request.token);
    this.values.set(request.key, request.value);
    return { ok: true };
  }
}

interface Pending {
  kind: 'acquire' | 'renew';
  lock: string;
  ttlMs: number;
  sentAtMs: number;
}

/**
 * The client helper's rules: a lease is valid by the client's clock until ttlMs after the request
 * that obtained (or renewed) it was SENT, not after the reply arrived (Redis' Redlock: "the
 * validity time is the TTL minus the time elapsed to acquire it"); requests carry the lease's token.
 */
export class ClientRules {
  private pending: Pending | null = null;
  private current: { lock: string; token: number; validUntilMs: number } | null = null;

  constructor(
    readonly name: string,
    private readonly nowMs: () => number,
  ) {}

  lease(): { lock: string; token: number; validUntilMs: number } | null {
    return this.current;
  }

  /** Whether an acquire or renew awaits its reply. */
  awaiting(): boolean {
    return this.pending !== null;
  }

  acquire(lock: string, ttlMs: number): AcquireRequest {
    const sentAtMs = this.nowMs();
    this.pending = { kind: 'acquire', lock, ttlMs, sentAtMs };
    return { lock, client: this.name, ttlMs, sentAtMs };
  }

  renew(ttlMs: number): RenewRequest | null {
    if (this.current === null) return null;
    const sentAtMs = this.nowMs();
    this.pending = { kind: 'renew', lock: this.current.lock, ttlMs, sentAtMs };
    return { lock: this.current.lock, client: this.name, token: this.current.token, ttlMs, sentAtMs };
  }

  granted(reply: LockReply): void {
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    this.current = reply.ok ? { lock: pending.lock, token: reply.token, validUntilMs: pending.sentAtMs + pending.ttlMs } : null;
  }

  holds(): boolean {
    return this.current !== null && this.nowMs() < this.current.validUntilMs;
  }

  write(key: string, value: string): WriteRequest {
    if (this.current === null) throw new Error('write() without a lease');
    return { key, value, token: this.current.token };
  }

  release(): ReleaseRequest | null {
    if (this.current === null) return null;
    const request = { lock: this.current.lock, client: this.name, token: this.current.token };
    this.current = null;
    return request;
  }
}
