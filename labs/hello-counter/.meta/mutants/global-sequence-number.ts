import type { AuditEntry, IncrementRequest } from '../../api';

/** Bug: one last-seq for all clients, so client B's seq 1 looks like a retry of client A's seq 1. */
export class Counter {
  private total = 0;
  private lastSeq = 0;
  private lastReply = 0;

  constructor(private readonly audit: (entry: AuditEntry) => void) {}

  apply(request: IncrementRequest): number | null {
    if (request.seq === this.lastSeq) return this.lastReply;
    if (request.seq < this.lastSeq) return null;
    this.total += request.delta;
    this.lastSeq = request.seq;
    this.lastReply = this.total;
    this.audit({ clientId: request.clientId, seq: request.seq, valueAfter: this.total });
    return this.total;
  }

  value(): number {
    return this.total;
  }

  sessionCount(): number {
    return 1;
  }
}
