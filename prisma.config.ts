import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { databaseUrl, withShadowScriptFix } from './scripts/db-url.mjs';

// The CLI (migrate, db push, studio) uses the WASM schema engine through the better-sqlite3 adapter,
// so nothing is downloaded at install or run time.
process.env.DATABASE_URL = databaseUrl();

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  experimental: { adapter: true },
  engine: 'js',
  async adapter() {
    return withShadowScriptFix(new PrismaBetterSQLite3({ url: databaseUrl() }));
  },
});
