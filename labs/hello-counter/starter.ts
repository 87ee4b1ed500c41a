import type { AuditEntry, IncrementRequest } from './api';

/**
 * A shared counter behind an unreliable network: requests are dropped (and retried), duplicated,
 * and delivered late. Make each client's increment apply exactly once.
 */
export class Counter {
  private total = 0;

  constructor(private readonly audit: (entry: AuditEntry) => void) {}

  apply(request: IncrementRequest): number | null {
    // Step 2: a retry of this client's last request gets the reply that request got, and changes nothing.
    // Step 3: a late duplicate of an older request changes nothing and gets null.
    // Step 1: otherwise add request.delta, call this.audit({ clientId, seq, valueAfter }) once, return the new total.
    void request;
    throw new Error('TODO: apply the request (step 1), then recognise retries (step 2) and stale duplicates (step 3)');
  }

  value(): number {
    return this.total;
  }

  sessionCount(): number {
    // Step 3: how many client sessions you hold (one per client).
    return 0;
  }
}
