// postinstall: generates both Prisma clients, lib/generated/prisma (SQLite) and lib/generated/prisma-pg (PostgreSQL).
// prisma.config.ts picks the schema from DATABASE_URL's scheme, so each run is given a URL of its kind; generating
// connects to nothing. (`prisma generate --schema …` would bypass the config's js engine and try to download one.)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');

const kinds = [
  ['sqlite', 'file:./prisma/dev.db'],
  ['postgresql', 'postgresql://localhost/generate-only'],
];
for (const [kind, url] of kinds) {
  const result = spawnSync(process.execPath, ['--require', path.join(root, 'scripts', 'unref-timers.cjs'), prismaCli, 'generate'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`prisma generate failed for the ${kind} schema (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}
