import type { AuditEntry, IncrementRequest } from './api';

/**
 * A counter that applies every request it receives. Retries and duplicates are applied again,
 * so the count drifts: make each client's requests apply exactly once.
 */
export class Counter {
  private total = 0;

  constructor(private readonly audit: (entry: AuditEntry) => void) {}

  apply(request: IncrementRequest): number | null {
    this.total += request.delta;
    this.audit({ clientId: request.clientId, seq: request.seq, valueAfter: this.total });
    return this.total;
  }

  value(): number {
    return this.total;
  }

  sessionCount(): number {
    return 0;
  }
}
