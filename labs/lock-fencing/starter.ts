import type { AcquireRequest, ClientClock, LockReply, LockServerEnv, ReleaseReply, ReleaseRequest, RenewRequest, StorageEnv, WriteReply, WriteRequest } from './api';

/**
 * The lock service. Keep what must survive a crash on env.disk (a new instance is built over the
 * same disk after a restart), and read the time only from env.nowMs(), the server's own clock.
 */
export class LockServer {
  constructor(private readonly env: LockServerEnv) {}

  acquire(request: AcquireRequest): LockReply {
    // TODO: refuse ("held") while a lease is live; else grant the next fencing token (1, 2, 3, …
    //       per lock, never reused, even after a restart) with expiresAtMs = now + ttlMs.
    throw new Error(`TODO: acquire ${request.lock}`);
  }

  renew(request: RenewRequest): LockReply {
    // TODO: only the holder with its token ("not-holder"), only while live ("expired").
    throw new Error(`TODO: renew ${request.lock}`);
  }

  release(request: ReleaseRequest): ReleaseReply {
    // TODO: only the current holder with its token frees the lock.
    throw new Error(`TODO: release ${request.lock}`);
  }
}

/** The storage the lock protects: it is the one that enforces the lock, with the token. */
export class FencedStorage {
  constructor(private readonly env: StorageEnv) {}

  write(request: WriteRequest): WriteReply {
    // TODO: refuse a token older than the newest accepted for this key; keep tokens and values on disk.
    throw new Error(`TODO: write ${request.key}`);
  }

  read(key: string): string | undefined {
    throw new Error(`TODO: read ${key}`);
  }
}

/** The client helper: builds requests, carries the token, and knows how long its lease lasts. */
export class LockClient {
  constructor(
    private readonly name: string,
    private readonly clock: ClientClock,
  ) {}

  acquire(lock: string, ttlMs: number): AcquireRequest {
    // TODO: remember when you sent it (this.clock.nowMs()): the lease is timed from the send.
    throw new Error(`TODO: acquire ${lock} for ${ttlMs} ms`);
  }

  renew(ttlMs: number): RenewRequest | null {
    throw new Error(`TODO: renew for ${ttlMs} ms`);
  }

  granted(reply: LockReply): void {
    throw new Error(`TODO: the reply ${JSON.stringify(reply)}`);
  }

  holds(): boolean {
    throw new Error('TODO: holds');
  }

  write(key: string, value: string): WriteRequest {
    throw new Error(`TODO: write ${key}=${value} with the lease's token`);
  }

  release(): ReleaseRequest | null {
    throw new Error('TODO: release');
  }
}
