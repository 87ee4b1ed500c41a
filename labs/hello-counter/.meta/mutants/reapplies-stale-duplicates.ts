import type { AuditEntry, IncrementRequest } from '../../api';

/** Bug: only an exact retry of the last seq is recognised; a late duplicate of an older seq is applied again. */
export class Counter {
  private total = 0;
  private readonly sessions = new Map<string, { lastSeq: number; lastReply: number }>();

  constructor(private readonly audit: (entry: AuditEntry) => void) {}

  apply(request: IncrementRequest): number | null {
    const session = this.sessions.get(request.clientId);
    if (session !== undefined && request.seq === session.lastSeq) return session.lastReply;
    this.total += request.delta;
    this.sessions.set(request.clientId, { lastSeq: Math.max(request.seq, session?.lastSeq ?? 0), lastReply: this.total });
    this.audit({ clientId: request.clientId, seq: request.seq, valueAfter: this.total });
    return this.total;
  }

  value(): number {
    return this.total;
  }

  sessionCount(): number {
    return this.sessions.size;
  }
}
