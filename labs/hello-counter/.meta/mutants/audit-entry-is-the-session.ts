import type { AuditEntry, IncrementRequest } from '../../api';

/** Bug: the client's session object is the audit entry, updated in place, so entries already in the audit log change when the client's next request is applied. */
export class Counter {
  private total = 0;
  private readonly sessions = new Map<string, AuditEntry>();

  constructor(private readonly audit: (entry: AuditEntry) => void) {}

  apply(request: IncrementRequest): number | null {
    let session = this.sessions.get(request.clientId);
    if (session !== undefined) {
      if (request.seq === session.seq) return session.valueAfter;
      if (request.seq < session.seq) return null;
    } else {
      session = { clientId: request.clientId, seq: 0, valueAfter: 0 };
      this.sessions.set(request.clientId, session);
    }
    this.total += request.delta;
    session.seq = request.seq;
    session.valueAfter = this.total;
    this.audit(session);
    return this.total;
  }

  value(): number {
    return this.total;
  }

  sessionCount(): number {
    return this.sessions.size;
  }
}
