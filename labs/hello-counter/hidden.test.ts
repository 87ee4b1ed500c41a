import type { Prng } from '../../engine/sim/prng';
import { attachTrace, bound, expect, forSeeds, metric, stage, test } from '../../grader/harness/api';
import { property } from '../../grader/harness/property';
import type { AuditEntry, IncrementRequest } from './api';
import { counterCase, describeCase, describeDelivery, ModelCounter, requestsOf, type CounterCase } from './hidden-generated';
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

  // Sizes and loss rates drawn from the seed: one to nine clients, up to 30% drops and 40% duplicates.
  forSeeds('exactly once on generated networks (client count, request count, loss and duplication drawn from the seed)', [21, 22, 23, 24, 25, 26], (seed, rng) => {
    const generated: NetworkSettings = {
      clients: rng.range(1, 9),
      opsPerClient: rng.range(5, 20),
      dropPerMille: rng.range(0, 300),
      duplicatePerMille: rng.range(0, 400),
      retryAfterSteps: rng.range(2, 10),
    };
    metric('clients', generated.clients);
    const run = simulate(rng, generated);
    checkExactlyOnce(run, generated);
    expect(run.counter.sessionCount(), `seed ${seed}: sessionCount() after ${generated.clients} clients (one session per client)`).toBe(generated.clients);
  });
});

/**
 * The whole contract on generated streams: one to three counters alive at once (a session table
 * kept in module state leaks between them), one to nine clients with look-alike ids, fresh
 * requests, retries and late duplicates, deltas that bring the counter back to 0. Every reply, the
 * value after every delivery, the audit log (entries as they were passed, and unchanged afterwards)
 * and sessionCount() must match the rule.
 */
function checkAgainstModel(c: CounterCase): void {
  const requests = requestsOf(c);
  const learner = Array.from({ length: c.counters }, () => {
    const entries: AuditEntry[] = [];
    const passed: AuditEntry[] = [];
    const record = bound((entry: AuditEntry) => {
      if (entry === null || typeof entry !== 'object') throw new TypeError('audit() needs an entry object');
      passed.push(entry);
      entries.push({ clientId: String(entry.clientId), seq: Number(entry.seq), valueAfter: Number(entry.valueAfter) });
    });
    return { counter: new Counter(record), entries, passed };
  });
  const model = Array.from({ length: c.counters }, () => {
    const entries: AuditEntry[] = [];
    return { counter: new ModelCounter((entry) => entries.push(entry)), entries };
  });
  const lastSeqs = Array.from({ length: c.counters }, () => new Map<string, number>());
  const where = (i: number) => (c.counters > 1 ? `counter ${i}: ` : '');
  for (const [step, { counter: i, request }] of requests.entries()) {
    const before = lastSeqs[i]!.get(request.clientId) ?? 0;
    lastSeqs[i]!.set(request.clientId, Math.max(before, request.seq));
    const what = `delivery ${step + 1}, ${where(i)}${describeDelivery(request, before)}`;
    const auditBefore = learner[i]!.entries.length;
    const expected = model[i]!.counter.apply({ ...request });
    const got = learner[i]!.counter.apply({ ...request });
    if (got !== expected) throw new Error(`${what}: returned ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
    const newAudit = learner[i]!.entries.slice(auditBefore);
    const expectedAudit = expected !== null && request.seq > before ? [{ clientId: request.clientId, seq: request.seq, valueAfter: expected }] : [];
    if (JSON.stringify(newAudit) !== JSON.stringify(expectedAudit)) {
      throw new Error(`${what}: audit() was called with ${JSON.stringify(newAudit)}, expected ${expectedAudit.length === 0 ? 'no call' : JSON.stringify(expectedAudit)}`);
    }
    for (let k = 0; k < c.counters; k++) {
      const value = learner[k]!.counter.value();
      const want = model[k]!.counter.value();
      if (value !== want) throw new Error(`after delivery ${step + 1} (${where(i)}${request.clientId}#${request.seq}): ${where(k)}value() is ${value}, expected ${want}`);
    }
  }
  for (let k = 0; k < c.counters; k++) {
    const { counter, entries, passed } = learner[k]!;
    for (const [n, entry] of passed.entries()) {
      const now = { clientId: String(entry.clientId), seq: Number(entry.seq), valueAfter: Number(entry.valueAfter) };
      if (JSON.stringify(now) !== JSON.stringify(entries[n])) {
        throw new Error(`${where(k)}audit entry ${n + 1} was ${JSON.stringify(entries[n])} when audit() got it, but the same object reads ${JSON.stringify(now)} at the end: pass a new entry each time`);
      }
    }
    const sessions = counter.sessionCount();
    const clients = model[k]!.counter.sessionCount();
    if (sessions !== clients) throw new Error(`${where(k)}sessionCount() is ${sessions} after requests from ${clients} client${clients === 1 ? '' : 's'} (one session per client)`);
  }
}

stage('lossy-network', () => {
  forSeeds('generated streams: every reply, value, audit entry and session count as the rule says', [101, 102, 103, 104], (seed) => {
    property('replies, values, audit and sessions of one to three counters', counterCase, checkAgainstModel, {
      seed,
      numRuns: 150,
      describeCase: (c) => `${c.counters} counter${c.counters === 1 ? '' : 's'}, clients ${JSON.stringify(c.clients)}: ${describeCase(c)}`,
    });
  });
});
