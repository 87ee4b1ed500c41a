/**
 * Server-only: generated request streams for the differential property test of the counter. A case
 * is one to three Counter instances alive at once and a stream of deliveries that interleaves them
 * over one to nine clients. Every delivery is one the protocol can produce: a client's next request
 * (seq = its last + 1 at that counter) or a copy of one of its earlier requests (the same seq and the
 * same delta, as a retry or a late duplicate carries). Deltas are small and often negative or zero, so
 * the counter often returns to 0 (a reply of 0 must be remembered like any other). Client ids include
 * ones that look like each other ("a", "a1", "1").
 */
import { fc } from '../../grader/harness/property';
import type { AuditEntry, IncrementRequest } from './api';

/** Ids a learner could confuse: prefixes of each other and digits (a key built as clientId + seq collides). */
export const CLIENT_IDS = ['a', 'b', 'a1', '1', '11', 'client-2', 'client-20', 'c', 'd'] as const;

export interface Delivery {
  /** Which counter instance gets it. */
  counter: number;
  /** Index into the case's clients. */
  client: number;
  /** A fresh request, or a copy of an earlier one (`pick` chooses which, modulo the client's last seq). */
  kind: 'next' | 'copy';
  pick: number;
  delta: number;
}

export interface CounterCase {
  counters: number;
  clients: string[];
  deliveries: Delivery[];
}

export const counterCase: fc.Arbitrary<CounterCase> = fc
  .record({
    counters: fc.integer({ min: 1, max: 3 }),
    clients: fc.uniqueArray(fc.constantFrom(...CLIENT_IDS), { minLength: 1, maxLength: 9 }),
  })
  .chain(({ counters, clients }) =>
    fc.record({
      counters: fc.constant(counters),
      clients: fc.constant(clients),
      deliveries: fc.array(
        fc.record({
          counter: fc.integer({ min: 0, max: counters - 1 }),
          client: fc.integer({ min: 0, max: clients.length - 1 }),
          kind: fc.constantFrom<Delivery['kind']>('next', 'next', 'copy'),
          pick: fc.nat({ max: 50 }),
          delta: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -1000, max: 1000 })),
        }),
        { minLength: 1, maxLength: 40 },
      ),
    }),
  );

/** The requests of a case, in delivery order, each with the counter instance it goes to. */
export function requestsOf(c: CounterCase): { counter: number; request: IncrementRequest }[] {
  /** sent[counter][client] = the deltas of seq 1, 2, ... as that counter has seen them. */
  const sent = Array.from({ length: c.counters }, () => c.clients.map(() => [] as number[]));
  return c.deliveries.map((d) => {
    const history = sent[d.counter]![d.client]!;
    const clientId = c.clients[d.client]!;
    if (d.kind === 'copy' && history.length > 0) {
      const seq = 1 + (d.pick % history.length);
      return { counter: d.counter, request: { clientId, seq, delta: history[seq - 1]! } };
    }
    history.push(d.delta);
    return { counter: d.counter, request: { clientId, seq: history.length, delta: d.delta } };
  });
}

/** The rule as the README states it, kept apart from the learner's code: one session per client. */
export class ModelCounter {
  private total = 0;
  private readonly sessions = new Map<string, { lastSeq: number; lastReply: number }>();
  constructor(private readonly audit: (entry: AuditEntry) => void) {}

  apply(request: IncrementRequest): number | null {
    const session = this.sessions.get(request.clientId);
    if (session !== undefined && request.seq === session.lastSeq) return session.lastReply;
    if (session !== undefined && request.seq < session.lastSeq) return null;
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

/** What a request is, for messages: a fresh one, a retry of the last, or a late copy of an older one. */
export function describeDelivery(request: IncrementRequest, lastSeqBefore: number): string {
  const what = request.seq > lastSeqBefore ? 'a new request' : request.seq === lastSeqBefore ? `a retry of ${request.clientId}'s last request` : `a late duplicate of ${request.clientId}#${request.seq} (its last is #${lastSeqBefore})`;
  return `apply(${JSON.stringify(request)}), ${what}`;
}

export function describeCase(c: CounterCase): string {
  return requestsOf(c)
    .map(({ counter, request }) => `${c.counters > 1 ? `counter ${counter}: ` : ''}${request.clientId}#${request.seq}(${request.delta})`)
    .join(', ');
}
