import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { inject } from 'vitest';
import { createPrismaClient } from '@/lib/db';
import { PrismaClient as PgPrismaClient } from '@/lib/generated/prisma-pg/client';
import type { Db, Viewer } from '@/lib/data/types';

/** Which database the data tests run on: the "data-pg" vitest project sets TEST_DATABASE=postgresql. */
export const testDatabase: 'sqlite' | 'postgresql' = process.env.TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';

/**
 * A fresh database with every committed migration applied, and a Prisma client on it.
 * SQLite: a file in a temp folder. PostgreSQL: a clone of the migrated template database of the run's throw-away
 * cluster (test/unit/support/pg-global-setup.ts), created on the client's first query and dropped at cleanup.
 */
export function createTestDb(): { db: Db; cleanup: () => Promise<void>; database?: string; url: string } {
  return testDatabase === 'postgresql' ? createPgTestDb() : createSqliteTestDb();
}

function createSqliteTestDb(): { db: Db; cleanup: () => Promise<void>; url: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsd-unit-'));
  const file = path.join(dir, 'test.db');
  const sqlite = new Database(file);
  const migrations = path.resolve('prisma/migrations');
  for (const name of fs.readdirSync(migrations).filter((n) => fs.statSync(path.join(migrations, n)).isDirectory()).sort()) {
    sqlite.exec(fs.readFileSync(path.join(migrations, name, 'migration.sql'), 'utf8'));
  }
  sqlite.close();
  const db = createPrismaClient(`file:${file}`);
  return {
    db,
    url: `file:${file}`,
    cleanup: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The URL of another database on the test cluster. */
export function pgDatabaseUrl(database: string): string {
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates an empty database (no tables) on the test cluster; returns its name and a function that drops it. */
export async function createEmptyPgDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return { name, url: pgDatabaseUrl(name), drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}) };
}

/** Extra libpq-style options for the connection, e.g. `-c default_transaction_read_only=on`. */
export function createPgTestDb(options: { pgOptions?: string; database?: string } = {}): { db: Db; cleanup: () => Promise<void>; database: string; url: string } {
  const database = options.database ?? `t_${randomBytes(6).toString('hex')}`;
  const owned = options.database === undefined;
  let created: Promise<void> | null = null;
  const ensureCreated = () =>
    (created ??= owned
      ? admin(async (c) => {
          // The template has no sessions (nothing connects to it after it is migrated), so clones may run at once;
          // a retry covers the moment another clone is being taken.
          for (let attempt = 0; ; attempt++) {
            try {
              await c.query(`CREATE DATABASE "${database}" TEMPLATE "${inject('pgTemplate')}"`);
              return;
            } catch (error) {
              if (attempt >= 10 || (error as { code?: string }).code !== '55006') throw error;
              await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
            }
          }
        })
      : Promise.resolve());
  const factory = new PrismaPg({ connectionString: pgDatabaseUrl(database), ...(options.pgOptions ? { options: options.pgOptions } : {}) });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    await ensureCreated();
    return connect();
  };
  const db = new PgPrismaClient({ adapter: factory }) as unknown as Db;
  return {
    db,
    database,
    url: pgDatabaseUrl(database),
    cleanup: async () => {
      await db.$disconnect();
      if (owned && created) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    },
  };
}

export async function makeUser(db: Db, name: string): Promise<Viewer> {
  const u = await db.user.create({ data: { isGuest: false, username: name, displayName: name } });
  return { id: u.id, isGuest: false, username: name, email: null, displayName: name };
}
