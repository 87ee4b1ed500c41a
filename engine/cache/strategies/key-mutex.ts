/**
 * A per-key lock with a lease, as `SET key token NX PX leaseMs` gives in Redis: acquisition fails
 * while someone else's lease is live, and an abandoned lock frees itself when its lease ends.
 */
export class KeyMutex {
  private readonly leases = new Map<string, { holder: string; untilMs: number }>();
  acquisitions = 0;
  refusals = 0;

  tryAcquire(key: string, holder: string, nowMs: number, leaseMs: number): boolean {
    const lease = this.leases.get(key);
    if (lease !== undefined && lease.untilMs > nowMs) {
      this.refusals++;
      return false;
    }
    this.leases.set(key, { holder, untilMs: nowMs + leaseMs });
    this.acquisitions++;
    return true;
  }

  /** Release only if `holder` still holds it (a compare-and-delete, like the Redis unlock script). */
  release(key: string, holder: string): boolean {
    const lease = this.leases.get(key);
    if (lease === undefined || lease.holder !== holder) return false;
    this.leases.delete(key);
    return true;
  }
}
