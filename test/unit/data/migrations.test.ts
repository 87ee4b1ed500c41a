import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '@/lib/db';
import { schemaPaths } from '../../../scripts/db-url.mjs';
import { createTestDb, pgDatabaseUrl, testDatabase } from './test-db';

// Runs in both vitest projects: on SQLite it checks prisma/migrations against prisma/schema.prisma, on PostgreSQL
// prisma/postgresql/migrations against prisma/postgresql/schema.prisma (test/unit/db/schema-parity.test.ts keeps the
// two schemas alike). `migrate diff --from-migrations` replays the history into a shadow database the driver
// adapter makes (SQLite: in memory; PostgreSQL: a temporary database on the test cluster) and compares.

const require = createRequire(import.meta.url);
const paths = schemaPaths[testDatabase];

function prisma(args: string[], databaseUrl: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', path.resolve('scripts/unref-timers.cjs'), require.resolve('prisma/build/index.js'), ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => resolve({ status, output }));
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dsd-migrations-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe(`the ${testDatabase} migration history`, () => {
  it('replayed on an empty database yields exactly its schema (migrate diff --exit-code finds nothing)', async () => {
    const url = testDatabase === 'postgresql' ? pgDatabaseUrl('postgres') : `file:${path.join(tmp, 'diff.db')}`;
    const { status, output } = await prisma(['migrate', 'diff', '--from-migrations', paths.migrations, '--to-schema-datamodel', paths.schema, '--exit-code', '--script'], url);
    // --exit-code: 0 no difference, 2 a difference (the SQL that would fix it is printed), 1 an error.
    expect({ status, output }).toMatchObject({ status: 0, output: expect.stringContaining('This is an empty migration') });
  }, 180_000);

  it('has a migration.sql in every folder and a lock file naming its provider', () => {
    const folders = fs.readdirSync(paths.migrations).filter((n) => fs.statSync(path.join(paths.migrations, n)).isDirectory());
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) expect(fs.existsSync(path.join(paths.migrations, folder, 'migration.sql')), folder).toBe(true);
    expect(fs.readFileSync(path.join(paths.migrations, 'migration_lock.toml'), 'utf8')).toContain(`provider = "${testDatabase}"`);
  });

  it.runIf(testDatabase === 'postgresql')('was applied by `prisma migrate deploy` (as npm start runs it), User.locale included', async () => {
    const { db, cleanup } = createTestDb();
    try {
      const applied = await db.$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
      );
      const folders = fs.readdirSync(paths.migrations).filter((n) => fs.statSync(path.join(paths.migrations, n)).isDirectory()).sort();
      expect(applied.map((r) => r.migration_name)).toEqual(folders);
      const columns = await db.$queryRawUnsafe<{ column_name: string }[]>(
        `SELECT column_name::text AS column_name FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'locale'`,
      );
      expect(columns).toHaveLength(1);
    } finally {
      await cleanup();
    }
  });

  it.runIf(testDatabase === 'postgresql')("lib/db's createPrismaClient picks the PostgreSQL client and adapter for a postgresql:// URL", async () => {
    const { db, cleanup, database } = createTestDb();
    await db.user.count(); // creates the database
    const app = createPrismaClient(pgDatabaseUrl(database!));
    try {
      const made = await app.user.create({ data: { username: 'via-lib-db', locale: 'zh-CN' } });
      expect(await db.user.findUnique({ where: { id: made.id }, select: { username: true, locale: true, isGuest: true } })).toEqual({ username: 'via-lib-db', locale: 'zh-CN', isGuest: true });
      const [{ version }] = await app.$queryRawUnsafe<{ version: string }[]>('SELECT version()');
      expect(version).toMatch(/^PostgreSQL/);
    } finally {
      await app.$disconnect();
      await cleanup();
    }
  });
});
