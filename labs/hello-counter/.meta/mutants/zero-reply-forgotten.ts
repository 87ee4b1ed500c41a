import type { AuditEntry, IncrementRequest } from '../../api';

/** Bug: a retry is recognised by a truthy remembered reply, so a retry of a request that left the counter at 0 is applied again. */
export class Counter {
  private total = 0;
  private readonly lastSeqs = new Map<string, number>();
  private readonly lastReplies = new Map<string, number>();

  constructor(private readonly audit: (entry: AuditEntry) => void) {}

  apply(request: IncrementRequest): number | null {
    const lastSeq = this.lastSeqs.get(request.clientId) ?? 0;
    const lastReply = this.lastReplies.get(request.clientId);
    if (request.seq === lastSeq && lastReply) return lastReply;
    if (request.seq < lastSeq) return null;
    this.total += request.delta;
    this.lastSeqs.set(request.clientId, request.seq);
    this.lastReplies.set(request.clientId, this.total);
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
