// `npm start`: migrate the database (SQLite by default, PostgreSQL when DATABASE_URL is postgresql://…),
// build once if there is no production build, then serve on http://localhost:3000 (PORT overrides). One command from a fresh clone after `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { migrate } from './db-migrate.mjs';

// Next.js telemetry would phone home; this app makes no outside requests.
process.env.NEXT_TELEMETRY_DISABLED = '1';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next');

function run(args) {
  const result = spawnSync(process.execPath, [nextBin, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

try {
  const label = await migrate({ quiet: true });
  console.log(`database ready: ${label}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID')) || process.env.REBUILD === '1') {
  console.log('no production build yet: building (about a minute, once)…');
  run(['build']);
}

// Guest session tokens are signed (lib/auth/session-cookie.ts). Without SESSION_SECRET in the
// environment, this install keeps its own random secret in prisma/.session-secret (not in git);
// several servers sharing one database must be given the same SESSION_SECRET.
function sessionSecret() {
  if (process.env.SESSION_SECRET) {
    if (process.env.SESSION_SECRET.length < 32) {
      console.error('SESSION_SECRET must be at least 32 characters');
      process.exit(1);
    }
    return process.env.SESSION_SECRET;
  }
  const file = path.join(root, 'prisma', '.session-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs'), '--port', port], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: sessionSecret() } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
