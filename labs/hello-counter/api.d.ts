/** One increment, as a client sends it (and as the network may deliver it again, later). */
export interface IncrementRequest {
  /** Which client sent it. */
  clientId: string;
  /** The client's sequence number: 1, 2, 3, ... A client sends seq n + 1 only after it got a reply for seq n. */
  seq: number;
  /** How much to add; may be negative. */
  delta: number;
}

/** Written to the audit log each time a request is really applied. */
export interface AuditEntry {
  clientId: string;
  seq: number;
  valueAfter: number;
}

export declare class Counter {
  /** `audit` must be called once for every request that changes the counter, never for duplicates. */
  constructor(audit: (entry: AuditEntry) => void);
  /**
   * Applies a request exactly once.
   * - a new request (seq above the client's last): apply it, return the new value;
   * - a retry of the client's last request: return the value that request first returned, change nothing;
   * - an older, stale duplicate: change nothing, return null.
   */
  apply(request: IncrementRequest): number | null;
  /** The current value. */
  value(): number;
  /** How many client sessions are held (the memory the deduplication costs). */
  sessionCount(): number;
}
