/**
 * Server-only: differential property tests of the three parts on generated operation sequences.
 * Each sequence runs against your class and against the rules (engine/locks/rules.ts) step by step;
 * the first reply that differs fails the case, and fast-check shrinks it to a minimal sequence that
 * the message lists with the seed that replays it.
 */
import { fc } from '../../grader/harness/property';
import { explainLease, sameReply, show } from '../../engine/locks/lock-world';
import { MapDisk, type AcquireRequest, type ReleaseRequest, type RenewRequest, type LockClientClass, type LockServerClass, type StorageClass } from '../../engine/locks/protocol';
import { ClientRules, FenceRules, LeaseRules } from '../../engine/locks/rules';

export interface Outcome {
  failure: string | null;
  steps: string[];
}

/** Runs generated cases; returns null when every case holds, else the message for the minimal one. */
export function checkGenerated<T>(what: string, seed: number, numRuns: number, arbitrary: fc.Arbitrary<T>, run: (c: T) => Outcome): string | null {
  const details = fc.check(
    fc.property(arbitrary, (c) => run(c).failure === null),
    { seed, numRuns },
  );
  if (!details.failed || details.counterexample === null) return null;
  const minimal = run(details.counterexample[0]);
  const steps = minimal.steps.length > 6 ? ['…', ...minimal.steps.slice(-6)] : minimal.steps;
  const why = minimal.failure ?? 'it failed while searching but not on its own (state kept between cases?)';
  return `${what} (seed ${seed}): ${why}. Minimal counter-example after ${details.numRuns} cases and ${details.numShrinks} shrinks: ${steps.join('; ')}`;
}

function threw(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 160) : String(error).slice(0, 160);
}

// ---- the lock server ----

type TokenPick = 'current' | 'previous' | 'next';
export type LeaseOp =
  | { op: 'acquire'; lock: number; client: number; ttlMs: number; skewMs: number }
  | { op: 'renew'; lock: number; who: number | 'holder'; token: TokenPick; ttlMs: number; skewMs: number }
  | { op: 'release'; lock: number; who: number | 'holder'; token: TokenPick }
  | { op: 'wait'; ms: number }
  | { op: 'jump'; ms: number }
  | { op: 'restart' };

const LOCKS = ['lock/a', 'lock/b'];
const who = fc.oneof({ weight: 3, arbitrary: fc.constant('holder' as const) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) });
const tokenPick = fc.oneof({ weight: 4, arbitrary: fc.constant('current' as const) }, { weight: 1, arbitrary: fc.constantFrom('previous' as const, 'next' as const) });
const ttl = fc.integer({ min: 1, max: 40 }).map((n) => n * 10);
/** Mostly whole tens, like the leases, so waits land exactly on an expiry now and then. */
const waitMs = fc.oneof(fc.integer({ min: 0, max: 40 }).map((n) => n * 10), fc.integer({ min: 0, max: 400 }));
const skew = fc.oneof(fc.constant(0), fc.integer({ min: -5000, max: 5000 }));

export const leaseOps: fc.Arbitrary<LeaseOp[]> = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('acquire' as const), lock: fc.integer({ min: 0, max: 1 }), client: fc.integer({ min: 1, max: 3 }), ttlMs: ttl, skewMs: skew }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('renew' as const), lock: fc.integer({ min: 0, max: 1 }), who, token: tokenPick, ttlMs: ttl, skewMs: skew }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('release' as const), lock: fc.integer({ min: 0, max: 1 }), who, token: tokenPick }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('wait' as const), ms: waitMs }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('jump' as const), ms: fc.integer({ min: 200, max: 3000 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('restart' as const) }) },
  ),
  { minLength: 1, maxLength: 30 },
);

export function runLeaseOps(ops: readonly LeaseOp[], Server: LockServerClass): Outcome {
  const steps: string[] = [];
  let now = 10_000;
  const disk = new MapDisk();
  const env = Object.freeze({ nowMs: () => now, disk });
  const rules = new LeaseRules();
  let server;
  try {
    server = new Server(env);
  } catch (error) {
    return { failure: `new LockServer(env) threw ${threw(error)}`, steps };
  }
  for (const op of ops) {
    if (op.op === 'wait') {
      now += op.ms;
      steps.push(`wait ${op.ms} ms`);
      continue;
    }
    if (op.op === 'jump') {
      now += op.ms;
      steps.push(`server clock jumps +${op.ms} ms`);
      continue;
    }
    if (op.op === 'restart') {
      steps.push('crash + restart over the disk');
      try {
        server = new Server(env);
      } catch (error) {
        return { failure: `new LockServer(env) after a restart threw ${threw(error)}`, steps };
      }
      continue;
    }
    const lock = LOCKS[op.lock]!;
    const lease = rules.lease(lock);
    const before = lease === undefined ? undefined : { ...lease };
    let expected;
    let request;
    if (op.op === 'acquire') {
      request = { lock, client: `c${op.client}`, ttlMs: op.ttlMs, sentAtMs: now + op.skewMs };
      expected = rules.acquire(request, now);
    } else {
      const client = op.who === 'holder' ? (lease?.client ?? 'c1') : `c${op.who}`;
      const current = lease?.token ?? rules.lastTokenOf(lock);
      const token = op.token === 'current' ? current : op.token === 'previous' ? Math.max(0, current - 1) : rules.lastTokenOf(lock) + 1;
      if (op.op === 'renew') {
        request = { lock, client, token, ttlMs: op.ttlMs, sentAtMs: now + op.skewMs };
        expected = rules.renew(request, now);
      } else {
        request = { lock, client, token };
        expected = rules.release(request);
      }
    }
    let actual: unknown;
    const call = `${op.op}(${show(request)})`;
    try {
      const sent = JSON.parse(JSON.stringify(request)) as AcquireRequest & RenewRequest & ReleaseRequest;
      actual = op.op === 'acquire' ? server.acquire(sent) : op.op === 'renew' ? server.renew(sent) : server.release(sent);
    } catch (error) {
      steps.push(`at ${now}: ${call} threw`);
      return { failure: `lockServer.${call} at server time ${now} threw ${threw(error)}; expected ${show(expected)}`, steps };
    }
    steps.push(`at ${now}: ${call} → ${show(actual)}`);
    if (!sameReply(actual, expected)) return { failure: explainLease(op.op, request, before, now, actual, expected, rules.lastTokenOf(lock)), steps };
  }
  return { failure: null, steps };
}

// ---- the storage ----

export type StorageOp = { op: 'write'; key: number; delta: number; value: number } | { op: 'read'; key: number } | { op: 'restart' };
const KEYS = ['file/a', 'file/b'];

export const storageOps: fc.Arbitrary<StorageOp[]> = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constant('write' as const), key: fc.integer({ min: 0, max: 1 }), delta: fc.integer({ min: -3, max: 2 }), value: fc.integer({ min: 1, max: 99 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('read' as const), key: fc.integer({ min: 0, max: 1 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('restart' as const) }) },
  ),
  { minLength: 1, maxLength: 30 },
);

export function runStorageOps(ops: readonly StorageOp[], Storage: StorageClass): Outcome {
  const steps: string[] = [];
  const env = Object.freeze({ disk: new MapDisk() });
  const rules = new FenceRules();
  let storage;
  try {
    storage = new Storage(env);
  } catch (error) {
    return { failure: `new FencedStorage(env) threw ${threw(error)}`, steps };
  }
  for (const op of ops) {
    if (op.op === 'restart') {
      steps.push('crash + restart over the disk');
      try {
        storage = new Storage(env);
      } catch (error) {
        return { failure: `new FencedStorage(env) after a restart threw ${threw(error)}`, steps };
      }
      continue;
    }
    const key = KEYS[op.key]!;
    if (op.op === 'read') {
      const expected = rules.read(key);
      let actual: unknown;
      try {
        actual = storage.read(key);
      } catch (error) {
        return { failure: `storage.read("${key}") threw ${threw(error)}`, steps };
      }
      steps.push(`read("${key}") → ${show(actual)}`);
      if (actual !== expected) return { failure: `storage.read("${key}") returned ${show(actual)}, expected ${show(expected)}: the value of the last accepted write, kept on disk across restarts`, steps };
      continue;
    }
    const newest = rules.newestToken(key);
    const token = Math.max(0, (newest ?? 5) + op.delta);
    const request = { key, value: `v${op.value}`, token };
    const expected = rules.write(request);
    let actual: unknown;
    try {
      actual = storage.write({ ...request });
    } catch (error) {
      return { failure: `storage.write(${show(request)}) threw ${threw(error)}; expected ${show(expected)}`, steps };
    }
    steps.push(`write(${show(request)}) → ${show(actual)}`);
    if (!sameReply(actual, expected)) {
      const why = expected.ok
        ? `the newest token accepted for "${key}" is ${newest ?? 'none'}, so token ${token} must be accepted (only older tokens are fenced off; an equal token is the same holder writing again)`
        : `token ${token} is older than ${newest}, the newest accepted for "${key}"${steps.includes('crash + restart over the disk') ? ' (before a restart: keep the newest token per key on disk)' : ''}: refuse it with { ok: false, newestToken: ${newest} } (Kleppmann 2016, fencing)`;
      return { failure: `storage.write(${show(request)}) answered ${show(actual)}, expected ${show(expected)}: ${why}`, steps };
    }
  }
  return { failure: null, steps };
}

// ---- the client helper ----

export type ClientOp =
  | { op: 'wait'; ms: number }
  | { op: 'acquire'; ttlMs: number }
  | { op: 'renew'; ttlMs: number }
  | { op: 'reply'; ok: boolean; token: number }
  | { op: 'holds' }
  | { op: 'write'; key: number }
  | { op: 'release' };

export const clientOps: fc.Arbitrary<ClientOp[]> = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('wait' as const), ms: waitMs }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('acquire' as const), ttlMs: ttl }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('renew' as const), ttlMs: ttl }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('reply' as const), ok: fc.boolean(), token: fc.integer({ min: 1, max: 60 }) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('holds' as const) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('write' as const), key: fc.integer({ min: 0, max: 1 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('release' as const) }) },
  ),
  { minLength: 1, maxLength: 30 },
);

export function runClientOps(ops: readonly ClientOp[], Client: LockClientClass): Outcome {
  const steps: string[] = [];
  let now = 70_000;
  const clock = Object.freeze({ nowMs: () => now });
  const rules = new ClientRules('c7', () => now);
  let client;
  try {
    client = new Client('c7', clock);
  } catch (error) {
    return { failure: `new LockClient("c7", clock) threw ${threw(error)}`, steps };
  }
  for (const op of ops) {
    if (op.op === 'wait') {
      now += op.ms;
      steps.push(`wait ${op.ms} ms`);
      continue;
    }
    if (op.op === 'write' && rules.lease() === null) continue;
    const reply = op.op === 'reply' ? (op.ok ? { ok: true as const, token: op.token } : { ok: false as const, reason: 'held' as const }) : null;
    const call =
      op.op === 'acquire' ? `acquire("lock/x", ${op.ttlMs})` : op.op === 'renew' ? `renew(${op.ttlMs})` : op.op === 'reply' ? `granted(${show(reply)})` : op.op === 'holds' ? 'holds()' : op.op === 'write' ? `write("${KEYS[op.key]}", "v")` : 'release()';
    const lease = rules.lease();
    const expected =
      op.op === 'acquire'
        ? rules.acquire('lock/x', op.ttlMs)
        : op.op === 'renew'
          ? rules.renew(op.ttlMs)
          : op.op === 'reply'
            ? (rules.granted(reply!), undefined)
            : op.op === 'holds'
              ? rules.holds()
              : op.op === 'write'
                ? rules.write(KEYS[op.key]!, 'v')
                : rules.release();
    let actual: unknown;
    try {
      actual =
        op.op === 'acquire'
          ? client.acquire('lock/x', op.ttlMs)
          : op.op === 'renew'
            ? client.renew(op.ttlMs)
            : op.op === 'reply'
              ? client.granted({ ...reply! })
              : op.op === 'holds'
                ? client.holds()
                : op.op === 'write'
                  ? client.write(KEYS[op.key]!, 'v')
                  : client.release();
    } catch (error) {
      steps.push(`at ${now}: ${call} threw`);
      return { failure: `lockClient.${call} at client time ${now} threw ${threw(error)}`, steps };
    }
    steps.push(`at ${now}: ${call}${op.op === 'reply' ? '' : ` → ${show(actual)}`}`);
    if (op.op !== 'reply' && !sameReply(actual === undefined ? null : actual, expected === undefined ? null : expected)) {
      const why =
        op.op === 'holds'
          ? lease === null
            ? 'there is no lease (never granted, refused, or released)'
            : `the lease (token ${lease.token}) is valid until ${lease.validUntilMs}: the client's clock when the request that got it was SENT + its ttlMs (the reply's arrival does not count: the server started the lease no later than that)`
          : op.op === 'write'
            ? 'a write carries the current lease\'s token'
            : op.op === 'release' || op.op === 'renew'
              ? 'requests name the current lease\'s lock, this client and its token (null without a lease); release forgets the lease'
              : 'the request carries the lock, this client\'s name, ttlMs and sentAtMs = clock.nowMs()';
      return { failure: `lockClient.${call} at client time ${now} returned ${show(actual)}, expected ${show(expected)}: ${why}`, steps };
    }
  }
  return { failure: null, steps };
}
