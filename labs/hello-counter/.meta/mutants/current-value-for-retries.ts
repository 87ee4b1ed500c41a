import type { AuditEntry, IncrementRequest } from '../../api';

/** Bug: a retry is not applied again, but is answered with the current value instead of its original reply. */
export class Counter {
  private total = 0;
  private readonly lastSeqs = new Map<string, number>();

  constructor(private readonly audit: (entry: AuditEntry) => void) {}

  apply(request: IncrementRequest): number | null {
    const lastSeq = this.lastSeqs.get(request.clientId) ?? 0;
    if (request.seq === lastSeq) return this.total;
    if (request.seq < lastSeq) return null;
    this.total += request.delta;
    this.lastSeqs.set(request.clientId, request.seq);
    this.audit({ clientId: request.clientId, seq: request.seq, valueAfter: this.total });
    return this.total;
  }

  value(): number {
    return this.total;
  }

  sessionCount(): number {
    return this.lastSeqs.size;
  }
}
