import 'server-only';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PgPrismaClient } from './generated/prisma-pg/client';
import { databaseKind, databaseUrl } from '../scripts/db-url.mjs';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/**
 * Creates a client on the database DATABASE_URL names (default: the SQLite file prisma/dev.db).
 * `file:` is SQLite through better-sqlite3; `postgresql://` is PostgreSQL through node-postgres, with the client
 * generated from prisma/postgresql/schema.prisma. Both schemas have the same models and fields
 * (test/unit/db/schema-parity.test.ts), so the two clients have the same model API and the PostgreSQL one is
 * typed as the SQLite one here, the one place the two meet.
 */
export function createPrismaClient(url = databaseUrl()): PrismaClient {
  if (databaseKind(url) === 'postgresql') {
    return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

/**
 * The app's single Prisma client. Only lib/ data-access functions import it; pages and route
 * handlers call those functions, never Prisma directly.
 */
export const prisma: PrismaClient = globalForPrisma.prisma ?? createPrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;
