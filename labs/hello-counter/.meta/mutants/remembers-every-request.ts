import type { AuditEntry, IncrementRequest } from '../../api';

/** Bug: correct answers, but it remembers every request it ever saw, so its memory grows without bound. */
export class Counter {
  private total = 0;
  private readonly replies = new Map<string, number>();
  private readonly lastSeqs = new Map<string, number>();

  constructor(private readonly audit: (entry: AuditEntry) => void) {}

  apply(request: IncrementRequest): number | null {
    const key = `${request.clientId}#${request.seq}`;
    const lastSeq = this.lastSeqs.get(request.clientId) ?? 0;
    if (request.seq < lastSeq) return null;
    const earlier = this.replies.get(key);
    if (earlier !== undefined) return earlier;
    this.total += request.delta;
    this.replies.set(key, this.total);
    this.lastSeqs.set(request.clientId, request.seq);
    this.audit({ clientId: request.clientId, seq: request.seq, valueAfter: this.total });
    return this.total;
  }

  value(): number {
    return this.total;
  }

  sessionCount(): number {
    return this.replies.size;
  }
}
