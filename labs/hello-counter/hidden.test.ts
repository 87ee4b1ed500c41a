import type { Prng } from '../../engine/sim/prng';
import { attachTrace, bound, expect, forSeeds, metric, stage, test } from '../../grader/harness/api';
import type { AuditEntry, IncrementRequest } from './api';
import { Counter } from './solution';

type Message = { kind: 'request'; request: IncrementRequest } | { kind: 'reply'; clientId: string; seq: number; value: number | null };

interface Client {
  id: string;
  seq: number;
  delta: number;
  waiting: boolean;
  stepsSinceSend: number;
  replies: Map<number, number | null>;
  deltaSum: number;
}

interface NetworkSettings {
  clients: number;
  opsPerClient: number;
  /** Per-mille chances. */
  dropPerMille: number;
  duplicatePerMille: number;
  retryAfterSteps: number;
}

function auditedCounter(): { counter: Counter; audit: AuditEntry[] } {
  const audit: AuditEntry[] = [];
  const record = bound((entry: AuditEntry) => {
    if (entry === null || typeof entry !== 'object') throw new TypeError('hidden-audit-marker: audit() needs an entry object');
    audit.push({ clientId: String(entry.clientId), seq: Number(entry.seq), valueAfter: Number(entry.valueAfter) });
  });
  return { counter: new Counter(record), audit };
}

/** Clients send increments one at a time and retry; the network drops, duplicates and reorders both ways. */
function simulate(rng: Prng, settings: NetworkSettings) {
  const { counter, audit } = auditedCounter();
  const clients: Client[] = Array.from({ length: settings.clients }, (_, i) => ({
    id: `client-${i}`, seq: 0, delta: 0, waiting: false, stepsSinceSend: 0, replies: new Map(), deltaSum: 0,
  }));
  const inFlight: Message[] = [];
  const trace: string[] = [];
  let delivered = 0;
  let duplicates = 0;
  const send = (message: Message) => {
    if (rng.chance(settings.dropPerMille)) return;
    inFlight.push(message);
    if (rng.chance(settings.duplicatePerMille)) {
      inFlight.push(message);
      duplicates++;
    }
  };
  for (let step = 0; step < 100_000; step++) {
    for (const client of clients) {
      if (!client.waiting && client.seq < settings.opsPerClient) {
        client.seq++;
        client.delta = rng.range(-5, 10);
        client.deltaSum += client.delta;
        client.waiting = true;
        client.stepsSinceSend = 0;
        send({ kind: 'request', request: { clientId: client.id, seq: client.seq, delta: client.delta } });
      } else if (client.waiting && ++client.stepsSinceSend > settings.retryAfterSteps) {
        client.stepsSinceSend = 0;
        send({ kind: 'request', request: { clientId: client.id, seq: client.seq, delta: client.delta } });
      }
    }
    const allDone = clients.every((c) => !c.waiting && c.seq === settings.opsPerClient);
    if (inFlight.length === 0) {
      if (allDone) break;
      continue;
    }
    const [message] = inFlight.splice(rng.int(inFlight.length), 1) as [Message];
    delivered++;
    if (message.kind === 'request') {
      const value = counter.apply({ ...message.request });
      if (trace.length < 200) trace.push(`step ${step}: ${message.request.clientId}#${message.request.seq} (${message.request.delta}) -> ${value}`);
      send({ kind: 'reply', clientId: message.request.clientId, seq: message.request.seq, value });
    } else {
      const client = clients.find((c) => c.id === message.clientId) as Client;
      if (client.waiting && message.seq === client.seq) {
        client.waiting = false;
        client.replies.set(message.seq, message.value);
      }
    }
  }
  attachTrace(trace);
  metric('messagesDelivered', delivered);
  metric('duplicatesSent', duplicates);
  return { counter, audit, clients };
}

function checkExactlyOnce(run: ReturnType<typeof simulate>, settings: NetworkSettings): void {
  const { counter, audit, clients } = run;
  const expectedTotal = clients.reduce((sum, c) => sum + c.deltaSum, 0);
  expect(clients.every((c) => c.seq === settings.opsPerClient && !c.waiting), 'every client finished').toBeTruthy();
  expect(counter.value(), 'final value (each increment applied exactly once)').toBe(expectedTotal);
  expect(audit.length, 'audit entries (one per applied request)').toBe(settings.clients * settings.opsPerClient);
  for (const client of clients) {
    for (const [seq, reply] of client.replies) {
      const applied = audit.find((entry) => entry.clientId === client.id && entry.seq === seq);
      expect(reply, `reply to ${client.id}#${seq}`).toBe(applied?.valueAfter);
    }
  }
}

stage('apply', () => {
  test('fresh requests from several clients are each applied once', () => {
    const { counter, audit } = auditedCounter();
    expect(counter.apply({ clientId: 'a', seq: 1, delta: 4 })).toBe(4);
    expect(counter.apply({ clientId: 'b', seq: 1, delta: 3 })).toBe(7);
    expect(counter.apply({ clientId: 'a', seq: 2, delta: -1 })).toBe(6);
    expect(counter.value()).toBe(6);
    expect(audit.map((e) => `${e.clientId}#${e.seq}=${e.valueAfter}`)).toEqual(['a#1=4', 'b#1=7', 'a#2=6']);
  });
});

stage('dedup', () => {
  test('a retry gets its original reply even after other clients moved the counter', () => {
    const { counter } = auditedCounter();
    expect(counter.apply({ clientId: 'a', seq: 1, delta: 5 })).toBe(5);
    expect(counter.apply({ clientId: 'b', seq: 1, delta: 3 })).toBe(8);
    expect(counter.apply({ clientId: 'a', seq: 1, delta: 5 }), 'retry of a#1').toBe(5);
    expect(counter.value()).toBe(8);
  });

  test('the same sequence number from different clients is not a retry', () => {
    const { counter } = auditedCounter();
    counter.apply({ clientId: 'a', seq: 1, delta: 1 });
    counter.apply({ clientId: 'b', seq: 1, delta: 10 });
    expect(counter.value()).toBe(11);
  });
});

stage('lossy-network', () => {
  test('a stale duplicate is ignored and answered with null', () => {
    const { counter, audit } = auditedCounter();
    counter.apply({ clientId: 'a', seq: 1, delta: 2 });
    counter.apply({ clientId: 'a', seq: 2, delta: 3 });
    expect(counter.apply({ clientId: 'a', seq: 1, delta: 2 }), 'late duplicate of a#1').toBe(null);
    expect(counter.value()).toBe(5);
    expect(audit).toHaveLength(2);
  });

  test('one session per client, however many requests it sent', () => {
    const { counter } = auditedCounter();
    for (let seq = 1; seq <= 50; seq++) for (const clientId of ['a', 'b', 'c']) counter.apply({ clientId, seq, delta: 1 });
    metric('sessions', counter.sessionCount());
    expect(counter.sessionCount(), 'sessions held').toBeLessThanOrEqual(3);
    expect(counter.value()).toBe(150);
  });

  const settings: NetworkSettings = { clients: 4, opsPerClient: 25, dropPerMille: 150, duplicatePerMille: 250, retryAfterSteps: 6 };
  forSeeds('exactly once under drops, duplicates and reordering', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], (_seed, rng) => {
    checkExactlyOnce(simulate(rng, settings), settings);
  });
});
