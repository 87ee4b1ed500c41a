import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { databaseKind, databaseUrl, schemaPaths, withPgCatalogTypes, withShadowScriptFix } from './scripts/db-url.mjs';

// The CLI (migrate, db push, studio) uses the WASM schema engine through a driver adapter, so nothing is
// downloaded at install or run time. DATABASE_URL picks the kind: `file:` (default) is SQLite with
// prisma/schema.prisma and prisma/migrations; `postgresql://` is PostgreSQL with prisma/postgresql/.
// (`prisma generate --schema …` overrides the schema; postinstall generates both clients that way.)
process.env.DATABASE_URL = databaseUrl();
const kind = databaseKind(process.env.DATABASE_URL);

export default defineConfig({
  schema: schemaPaths[kind].schema,
  migrations: { path: schemaPaths[kind].migrations },
  experimental: { adapter: true },
  engine: 'js',
  async adapter() {
    const url = databaseUrl();
    if (databaseKind(url) === 'postgresql') return withPgCatalogTypes(new PrismaPg({ connectionString: url, allowExitOnIdle: true }));
    return withShadowScriptFix(new PrismaBetterSQLite3({ url }));
  },
});
