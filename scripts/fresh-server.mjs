// Starts the built app (scripts/server.mjs) on a free port with a fresh SQLite database in a temp
// folder, for tests and benches that must not share the e2e server's state (its rate limiters, its
// database). Needs a build (`npm run build`).
//   const server = await startFreshServer({ env: { TRUST_PROXY: '1' } }); … await server.stop();
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ env?: Record<string, string>, timeoutMs?: number }} [options]
 * @returns {Promise<{ base: string, dbFile: string, stop: () => Promise<void> }>}
 */
export async function startFreshServer(options = {}) {
  if (!fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) throw new Error('no build: run `npm run build` first');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dsd-fresh-'));
  const dbFile = path.join(tmp, 'fresh.db');
  const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, NODE_ENV: 'production', SESSION_SECRET: 'fresh-server-secret-of-at-least-32-chars', ...options.env };
  const migrate = spawnSync(process.execPath, [path.join(root, 'scripts', 'db-migrate.mjs')], { cwd: root, env, stdio: 'pipe' });
  if (migrate.status !== 0) throw new Error(`migration failed: ${migrate.stderr}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs'), '--port', String(port), '--host', '127.0.0.1'], { cwd: root, env, stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => (child.kill('SIGKILL'), r()), 5000);
        child.once('exit', () => (clearTimeout(t), r()));
      });
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early with code ${child.exitCode}`);
    const ok = await fetch(`${base}/api/me`).then((r) => r.ok, () => false);
    if (ok) return { base, dbFile, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer at ${base}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
