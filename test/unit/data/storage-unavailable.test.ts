import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '@/app/_actions/result';
import { isStorageUnavailable } from '@/lib/data/errors';
import { quizData } from '@/lib/data/quiz';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { errorResponse } from '@/lib/labs/http';
import type { Db } from '@/lib/data/types';
import { createPgTestDb, createTestDb, makeUser, testDatabase } from './test-db';

let db: Db;
let readOnly: Db;
let cleanup: () => Promise<void>;
let readOnlyCleanup: () => Promise<void>;
beforeAll(async () => {
  let database: string | undefined;
  ({ db, cleanup, database } = createTestDb());
  if (testDatabase === 'postgresql') {
    await db.user.count(); // creates the database
    // The same database with every transaction read-only: what a server meets on a hot standby or a read-only server.
    ({ db: readOnly, cleanup: readOnlyCleanup } = createPgTestDb({ database, pgOptions: '-c default_transaction_read_only=on' }));
    return;
  }
  const file = (await db.$queryRawUnsafe<{ file: string }[]>('PRAGMA database_list'))[0]!.file;
  // The same database opened read-only: what a server meets when its disk is remounted read-only.
  readOnly = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}`, readonly: true } as ConstructorParameters<typeof PrismaBetterSQLite3>[0]) });
  readOnlyCleanup = () => readOnly.$disconnect();
});
afterAll(async () => {
  await readOnlyCleanup?.();
  await cleanup();
});

describe('a database that cannot take writes', () => {
  it('is recognised from the real driver error, and from wrapped or PostgreSQL ones', async () => {
    const user = await makeUser(db, 'reader-only');
    const error = await quizData(readOnly).startQuiz(user, { kind: 'topic', topic: 'raft', count: 3 }).then(() => null, (e: unknown) => e);
    expect(isStorageUnavailable(error)).toBe(true);
    expect(isStorageUnavailable({ message: 'wrapped', cause: { code: 'SQLITE_FULL' } })).toBe(true);
    expect(isStorageUnavailable({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' })).toBe(true);
    expect(isStorageUnavailable(new Error('Unique constraint failed'))).toBe(false);
    expect(isStorageUnavailable(null)).toBe(false);
  });

  it('server actions say nothing was saved, and the JSON API answers 503 with Retry-After', async () => {
    const user = await makeUser(db, 'reader-two');
    const result = await run(() => quizData(readOnly).startQuiz(user, { kind: 'topic', topic: 'raft', count: 3 }));
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/read-only or full\). Nothing was saved/) });
    const error = await quizData(readOnly).startQuiz(user, { kind: 'mixed', count: 3 }).then(() => null, (e: unknown) => e);
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect((await response.json()).error).toMatch(/Nothing was saved/);
  });
});
