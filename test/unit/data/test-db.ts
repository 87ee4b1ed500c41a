import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPrismaClient } from '@/lib/db';
import type { Db, Viewer } from '@/lib/data/types';

/** A fresh SQLite file in a temp folder with every committed migration applied, and a Prisma client on it. */
export function createTestDb(): { db: Db; cleanup: () => Promise<void> } {
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
    cleanup: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function makeUser(db: Db, name: string): Promise<Viewer> {
  const u = await db.user.create({ data: { isGuest: false, username: name, displayName: name } });
  return { id: u.id, isGuest: false, username: name, email: null, displayName: name };
}
