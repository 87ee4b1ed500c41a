import type { AuditEntry, IncrementRequest } from '../api';

interface Session {
  lastSeq: number;
  lastReply: number;
}

/** One session per client: its last sequence number and the reply it got (Raft §6.3, client dedup). */
export class Counter {
  private total = 0;
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly audit: (entry: AuditEntry) => void) {}

  apply(request: IncrementRequest): number | null {
    const session = this.sessions.get(request.clientId);
    if (session !== undefined) {
      if (request.seq === session.lastSeq) return session.lastReply;
      if (request.seq < session.lastSeq) return null;
    }
    this.total += request.delta;
    this.sessions.set(request.clientId, { lastSeq: request.seq, lastReply: this.total });
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
