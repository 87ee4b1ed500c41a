// End-to-end tests: build the app (skip with E2E_SKIP_BUILD=1), serve it on a free port with a fresh
// SQLite database in a temporary folder, run test/e2e in real Chromium, then stop the server.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort } from './fresh-server.mjs';

// Next.js telemetry would phone home; this app makes no outside requests.
process.env.NEXT_TELEMETRY_DISABLED = '1';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const nextBin = require.resolve('next/dist/bin/next');
const vitestBin = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');

async function waitForServer(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer at ${url} within ${timeoutMs} ms`);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install Debian's: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  process.exit(1);
}

if (process.env.E2E_SKIP_BUILD !== '1') {
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dsd-e2e-'));
const env = { ...process.env, DATABASE_URL: `file:${path.join(tmp, 'e2e.db')}`, NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('base64url') };
const migrate = spawnSync(process.execPath, [path.join(root, 'scripts', 'db-migrate.mjs')], { cwd: root, env, stdio: 'inherit' });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs'), '--port', String(port), '--host', '127.0.0.1'], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverLog = '';
server.stdout.on('data', (d) => (serverLog += d));
server.stderr.on('data', (d) => (serverLog += d));

let status = 1;
try {
  await waitForServer(baseUrl, server, 60_000);
  const tests = spawnSync(process.execPath, [vitestBin, 'run', '-c', 'vitest.e2e.config.mts', ...process.argv.slice(2)], {
    cwd: root,
    env: { ...env, NODE_ENV: 'test', E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromium, E2E_DB_FILE: path.join(tmp, 'e2e.db') },
    stdio: 'inherit',
  });
  status = tests.status ?? 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  server.kill('SIGTERM');
  if (status !== 0 && serverLog) console.error(`--- server log ---\n${serverLog.slice(-4000)}`);
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
