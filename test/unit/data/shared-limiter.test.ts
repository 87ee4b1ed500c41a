import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoginBuckets } from '@/lib/auth/login-limiter';
import { DbBuckets, limiterFor } from '@/lib/auth/shared-limiter';
import { labRecords } from '@/lib/labs/lab-records';
import { listenForQueued } from '@/lib/labs/queue-listener';
import type { Db } from '@/lib/data/types';
import { createPgTestDb, createTestDb, makeUser, testDatabase } from './test-db';

// Limiters that must hold across web servers live in the database on PostgreSQL; SQLite keeps in-process buckets.

let db: Db;
let cleanup: () => Promise<void>;
let url: string;
let database: string | undefined;
beforeEach(() => {
  ({ db, cleanup, url, database } = createTestDb());
});
afterEach(async () => {
  await cleanup();
});

describe(`limiterFor on ${testDatabase}`, () => {
  it('picks the database-backed buckets on PostgreSQL and the in-process ones on SQLite', () => {
    const limiter = limiterFor(db, 'x', { capacity: 1, refillTokens: 1, refillIntervalMs: 1000 });
    expect(limiter).toBeInstanceOf(testDatabase === 'postgresql' ? DbBuckets : LoginBuckets);
  });
});

describe.runIf(testDatabase === 'postgresql')('DbBuckets shared across processes (two Prisma clients)', () => {
  let db2: Db;
  let cleanup2: () => Promise<void>;
  beforeEach(async () => {
    await db.$queryRaw`SELECT 1`; // creates the database
    ({ db: db2, cleanup: cleanup2 } = createPgTestDb({ database }));
  });
  afterEach(async () => {
    await cleanup2();
  });

  const limit = { capacity: 3, refillTokens: 1, refillIntervalMs: 60_000 };

  it('one bucket per key whichever server takes from it; refills by the engine’s maths; other keys and limiters apart', async () => {
    const a = new DbBuckets(db, 'login-account', limit);
    const b = new DbBuckets(db2, 'login-account', limit);
    const t = 1_700_000_000_000;
    expect(await a.take('alice', t)).toEqual({ ok: true });
    expect(await b.take('alice', t + 1)).toEqual({ ok: true });
    expect(await a.take('alice', t + 2)).toEqual({ ok: true });
    expect(await b.take('alice', t + 3)).toEqual({ ok: false, retryAfterMs: 60_000 - 3 });
    expect(await a.take('bob', t + 3)).toEqual({ ok: true });
    expect(await new DbBuckets(db2, 'signup-client', limit).take('alice', t + 3)).toEqual({ ok: true });
    // a server whose clock is behind does not get tokens back
    expect(await a.take('alice', t - 10_000)).toMatchObject({ ok: false });
    expect(await b.take('alice', t + 60_000)).toEqual({ ok: true }); // one whole interval: one token
    expect(await a.take('alice', t + 60_001)).toMatchObject({ ok: false });
  });

  it('concurrent takes from two clients admit exactly the capacity', async () => {
    const a = new DbBuckets(db, 'lab-submit', { capacity: 5, refillTokens: 1, refillIntervalMs: 600_000 });
    const b = new DbBuckets(db2, 'lab-submit', { capacity: 5, refillTokens: 1, refillIntervalMs: 600_000 });
    const now = Date.now();
    const decisions = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).take('learner-1', now)));
    expect(decisions.filter((d) => d.ok)).toHaveLength(5);
  });
});

describe.runIf(testDatabase === 'postgresql')('LISTEN/NOTIFY wake-ups', () => {
  it('queueing a submission NOTIFYs a listener on its own connection', async () => {
    const user = await makeUser(db, 'notify-user');
    let woken = 0;
    const listener = listenForQueued(url, () => woken++, () => undefined);
    try {
      const end = Date.now() + 10_000;
      while (woken === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20)); // the wake-up on connecting
      const before = woken;
      await labRecords(db).createSubmission(user, 'hello-counter', 'x');
      while (woken === before && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(woken).toBeGreaterThan(before);
    } finally {
      await listener.close();
    }
  });
});
