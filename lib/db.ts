import 'server-only';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/client';
import { databaseUrl } from '../scripts/db-url.mjs';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** Creates a client on the SQLite file named by DATABASE_URL (default prisma/dev.db). */
export function createPrismaClient(url = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

/**
 * The app's single Prisma client. Only lib/ data-access functions import it; pages and route
 * handlers call those functions, never Prisma directly.
 */
export const prisma: PrismaClient = globalForPrisma.prisma ?? createPrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;
